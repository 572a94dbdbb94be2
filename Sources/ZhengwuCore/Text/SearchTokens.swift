/// How Chinese text is indexed and searched, for queries of any length.
///
/// A trigram index cannot answer a query of one or two characters, and Chinese has no spaces
/// between words. So the text is indexed twice over, as plain space-separated tokens any
/// full-text engine can hold (SQLite FTS5 with its `unicode61` tokenizer, PostgreSQL's
/// `simple` text search configuration):
///
/// - `unigrams`: every CJK character on its own, which answers one-character queries;
/// - `bigrams`: every overlapping pair within a run of CJK characters, plus Latin words and
///   numbers whole. A query of two or more characters becomes the phrase of its own bigrams
///   ("政务公开" → "政务 务公 公开"), which only matches where those pairs stand one after another:
///   where the text holds the query as written.
///
/// Both sides are folded the same way (full-width forms and case, as `TermFinder.fold`), so
/// "ＰＤＦ" finds "pdf".
public struct SearchTokens: Sendable, Equatable {
    public let unigrams: String
    public let bigrams: String

    public init(text: String) {
        var unigrams: [String] = []
        var bigrams: [String] = []
        for run in Self.runs(text) {
            switch run {
            case .cjk(let characters):
                unigrams += characters.map { String($0) }
                bigrams += characters.count == 1 ? [String(characters)] : (0..<(characters.count - 1)).map {
                    String(characters[$0...($0 + 1)])
                }
            case .word(let word):
                bigrams.append(word)
            }
        }
        self.unigrams = unigrams.joined(separator: " ")
        self.bigrams = bigrams.joined(separator: " ")
    }

    /// A query for the index: each part the user typed (split at spaces) must be present.
    public struct Query: Sendable, Equatable {
        /// Parts to find in the bigram column, each a phrase of tokens in order.
        public let phrases: [[String]]
        /// Single CJK characters typed alone, to find in the unigram column.
        public let characters: [String]
        /// What was searched for, folded, for marking it in results.
        public let terms: [String]

        public var isEmpty: Bool { phrases.isEmpty && characters.isEmpty }

        /// The FTS5 expression: `bigrams : "政务 务公" AND unigrams : "税"`, each part looked up in the
        /// named column (or `{columns}` set). Tokens are letters and digits only, so quoting them is
        /// enough to keep FTS5 syntax out.
        public func fts5(unigrams: String = "unigrams", bigrams: String = "bigrams") -> String {
            (phrases.map { bigrams + " : \"" + $0.joined(separator: " ") + "\"" }
                + characters.map { unigrams + " : \"" + $0 + "\"" }).joined(separator: " AND ")
        }
    }

    public static func query(_ typed: String) -> Query {
        var phrases: [[String]] = []
        var characters: [String] = []
        var terms: [String] = []
        for part in typed.split(whereSeparator: { $0.isWhitespace }) {
            let runs = runs(String(part))
            guard !runs.isEmpty else { continue }
            if runs.count == 1, case .cjk(let single) = runs[0], single.count == 1 {
                characters.append(String(single))
                terms.append(String(single))
                continue
            }
            // Each run of a part is a phrase of its own: "2026年报告" asks for 2026 and 年报告.
            for run in runs {
                switch run {
                case .cjk(let run) where run.count == 1:
                    characters.append(String(run))
                    terms.append(String(run))
                case .cjk(let run):
                    phrases.append((0..<(run.count - 1)).map { String(run[$0...($0 + 1)]) })
                    terms.append(String(run))
                case .word(let word):
                    phrases.append([word])
                    terms.append(word)
                }
            }
        }
        return Query(phrases: phrases, characters: characters, terms: terms)
    }

    // MARK: Runs

    enum Run: Equatable {
        case cjk([Character])
        case word(String)
    }

    /// The text as runs of CJK characters and Latin words or numbers, folded; everything else
    /// (spaces, punctuation, symbols) separates runs.
    static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var cjk: [Character] = []
        var word = ""
        func close() {
            if !cjk.isEmpty { runs.append(.cjk(cjk)); cjk = [] }
            if !word.isEmpty { runs.append(.word(word)); word = "" }
        }
        for scalar in text.unicodeScalars {
            guard let folded = TermFinder.fold(scalar).flatMap(Unicode.Scalar.init) else { close(); continue }
            if isCJK(folded) {
                if !word.isEmpty { close() }
                cjk.append(Character(folded))
            } else {
                if !cjk.isEmpty { close() }
                word.unicodeScalars.append(folded)
            }
        }
        close()
        return runs
    }

    /// Ideographs (common, extension A, compatibility), kana and Hangul: written without spaces.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0x3040...0x30FF, 0xAC00...0xD7AF: true
        default: false
        }
    }
}
