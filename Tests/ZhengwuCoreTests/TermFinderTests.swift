import Testing
import ZhengwuCore

@Suite("Finding listed terms: the banned-word check (不良词汇过滤) and search highlights")
struct TermFinderTests {
    private func found(_ list: TermFinder, _ text: String) -> [String] {
        list.matches(in: text).map { String(text[$0.range]) }
    }

    @Test("every occurrence of every term, overlapping ones included, located in the original text")
    func occurrences() {
        let list = TermFinder(["赌博", "网络赌博", "博彩"])
        let text = "严禁网络赌博博彩，赌博违法。"
        let matches = list.matches(in: text)
        #expect(matches.map(\.term) == ["网络赌博", "赌博", "博彩", "赌博"])
        #expect(found(list, text) == ["网络赌博", "赌博", "博彩", "赌博"])
        #expect(text.distance(from: text.startIndex, to: matches[0].range.lowerBound) == 2)
        #expect(list.matches(in: "依法行政，执政为民。").isEmpty)
        #expect(TermFinder([]).matches(in: "赌博").isEmpty)
    }

    @Test("inserted spaces, punctuation, invisible characters, full-width forms and case do not hide a term")
    func evasions() {
        let list = TermFinder(["赌博", "VPN翻墙"])
        for text in ["赌 博", "赌\u{3000}博", "赌·博", "赌\u{200B}博", "赌，博", "赌*_*博", "赌\n博"] {
            #expect(found(list, "这里有" + text + "活动") == [text], "\(text)")
        }
        #expect(found(list, "提供ｖｐｎ 翻墙服务") == ["ｖｐｎ 翻墙"])
        #expect(found(list, "提供Vpn-翻-墙") == ["Vpn-翻-墙"])
        // Listed with a space or in full width, a term is the same term.
        #expect(TermFinder(["赌 博", "赌博", "ＶＰＮ翻墙", "vpn翻墙"]).terms == ["赌 博", "ＶＰＮ翻墙"])
        // Letters of other words are not skipped.
        #expect(found(list, "赌一博").isEmpty)
    }

    @Test("with ten thousand terms the automaton finds exactly what comparing every term would")
    func agreesWithBruteForce() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("政务公开信息赌博网络平台服务申请办理审批监督")
        func word(_ length: Int) -> String { String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }) }
        let terms = (0..<10_000).map { _ in word(2 + Int(generator.next() % 4)) }
        let list = TermFinder(terms)
        let text = (0..<400).map { _ in word(5) + (generator.next() % 3 == 0 ? " " : "") }.joined()
        let folded = TermFinder.fold(text)
        var expected: [String: Int] = [:]
        for term in list.terms {
            let key = TermFinder.fold(term)
            for start in 0...(folded.count - key.count) where Array(folded[start..<(start + key.count)]) == key {
                expected[term, default: 0] += 1
            }
        }
        var actual: [String: Int] = [:]
        for match in list.matches(in: text) { actual[match.term, default: 0] += 1 }
        #expect(!expected.isEmpty && actual == expected)
    }

    @Test("excerpts show each match in context, overlapping matches as one highlighted stretch")
    func excerpts() {
        let list = TermFinder(["网络赌博", "赌博"])
        let text = "本通知所称违法活动包括网络赌博等行为"
        let excerpts = TermFinder.excerpts(of: list.matches(in: text), in: text, radius: 3)
        #expect(excerpts == [.init(before: "动包括", match: "网络赌博", after: "等行为", term: "网络赌博、赌博")])
        let two = TermFinder.excerpts(of: list.matches(in: "赌博和赌博"), in: "赌博和赌博", radius: 1)
        #expect(two.map(\.match) == ["赌博", "赌博"] && two[0].before.isEmpty && two[0].after == "和")
    }
}
