import Testing
import ZhengwuCore

@Suite("Search tokens for Chinese queries of any length")
struct SearchTokensTests {
    @Test("text becomes single characters and overlapping pairs within runs; Latin words and numbers stay whole, folded")
    func tokens() {
        let tokens = SearchTokens(text: "政务公开，2026年ＰＤＦ文件")
        #expect(tokens.unigrams == "政 务 公 开 年 文 件")
        #expect(tokens.bigrams == "政务 务公 公开 2026 年 pdf 文件")
    }

    @Test("a query is phrases of pairs and lone characters; nothing typed can reach the engine's syntax")
    func queries() {
        #expect(SearchTokens.query("政务公开").fts5() == #"bigrams : "政务 务公 公开""#)
        #expect(SearchTokens.query("税").fts5() == #"unigrams : "税""#)
        #expect(SearchTokens.query("税 公开").fts5(unigrams: "{u t}", bigrams: "{b t}") == #"{b t} : "公开" AND {u t} : "税""#)
        #expect(SearchTokens.query("公开 税").fts5() == #"bigrams : "公开" AND unigrams : "税""#)
        #expect(SearchTokens.query("2026年度报告").fts5() == #"bigrams : "2026" AND bigrams : "年度 度报 报告""#)
        #expect(SearchTokens.query("ＰＤＦ").terms == ["pdf"])
        #expect(SearchTokens.query(#"" OR * NEAR( ^"#).fts5() == #"bigrams : "or" AND bigrams : "near""#)
        #expect(SearchTokens.query("，。 ").isEmpty)
    }

    /// What the engine does with a phrase: its tokens stand one after another in the column.
    private func found(_ query: SearchTokens.Query, in tokens: SearchTokens) -> Bool {
        let bigrams = tokens.bigrams.split(separator: " ").map(String.init)
        let unigrams = Set(tokens.unigrams.split(separator: " ").map(String.init))
        let phrasesFound = query.phrases.allSatisfy { phrase in
            bigrams.indices.contains { start in
                start + phrase.count <= bigrams.count && Array(bigrams[start..<(start + phrase.count)]) == phrase
            }
        }
        return phrasesFound && query.characters.allSatisfy(unigrams.contains)
    }

    @Test("queries of 1, 2, 3 and 8 characters find exactly the texts that hold them")
    func findsWhatTheTextHolds() {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("政务公开信息申请办理审批")
        func text(_ length: Int) -> String {
            String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        for _ in 0..<300 {
            let document = text(30)
            let tokens = SearchTokens(text: document)
            for length in [1, 2, 3, 8] {
                let probe = text(length)
                #expect(found(SearchTokens.query(probe), in: tokens) == document.contains(probe), "\(probe) in \(document)")
                let start = Int(generator.next() % UInt64(30 - length + 1))
                let inside = String(Array(document)[start..<(start + length)])
                #expect(found(SearchTokens.query(inside), in: tokens), "\(inside) in \(document)")
            }
        }
    }
}
