import Foundation
import ZhengwuCore

/// The banned-word check: a document of `characters` Chinese characters against `count` terms,
/// by the automaton the platform uses (`TermFinder`) and, as the baseline in the same run, by
/// asking the document whether it contains each term in turn.
func benchTerms(count: Int = 10_000, characters: Int = 20_000, samples: Int = 50) -> [BenchFigure] {
    // Frequent characters, so terms and text share pairs and the automaton follows many paths.
    let alphabet = Array("的一是在不了有和人这中大为上个国我以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")
    var generator = SystemRandomNumberGenerator()
    func word(_ length: Int) -> String {
        String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
    let terms = (0..<count).map { _ in word(Int.random(in: 2...5, using: &generator)) }
    var text = ""
    while text.count < characters {
        // Every 500 characters a listed term, sometimes with a space slipped into it.
        if text.count % 500 < 5, let term = terms.randomElement(using: &generator) {
            text += term.count > 2 && Bool.random(using: &generator) ? String(term.prefix(1)) + " " + term.dropFirst() : term
        }
        text += word(5) + (Int.random(in: 0..<8, using: &generator) == 0 ? "，" : "")
    }

    let clock = ContinuousClock()
    func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
    var finder = TermFinder([])
    let built = clock.measure { finder = TermFinder(terms) }
    var found = 0
    var times: [Double] = []
    for _ in 0..<samples {
        times.append(ms(clock.measure { found = finder.matches(in: text).count }))
    }
    // The baseline: what a loop of `contains` costs (exact text only, so it sees fewer matches).
    var naiveFound = 0
    let naive = ms(clock.measure { naiveFound = terms.filter { text.contains($0) }.count })
    print(String(format: "  automaton built in %.1f ms; %d occurrences found, %d terms by the loop of contains", ms(built), found, naiveFound))
    let check = Timings(times)
    return [
        BenchFigure(name: "Banned-word check, \(grouped(Double(characters)))-character document, \(grouped(Double(count))) terms",
                    target: "—", measured: "p95 \(milliseconds(check.p95)) (median \(milliseconds(check.median)))",
                    baseline: "a loop of `contains` over the terms: \(milliseconds(naive))", ratio: ratioText(check.median / naive), passed: nil),
    ]
}
