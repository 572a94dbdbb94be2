/// Finds every term of a list in a text in one pass, however long the list (an Aho–Corasick
/// automaton over Unicode scalars: the cost grows with the text, not with the number of terms).
/// The banned-word check (不良词汇过滤) runs a publication's text through the administrators'
/// list; search results mark the words searched for the same way.
///
/// Text and terms are compared after `TermFinder.fold`: full-width letters and digits count as
/// their ASCII forms, Latin letters ignore case, and spaces, punctuation, symbols and invisible
/// characters are skipped, so "赌 博"、"赌·博" and "赌\u{200B}博" are all found for 赌博, and
/// "ＡＢＣ" for abc. Matches are reported against the original text, for highlighting.
public struct TermFinder: Sendable {
    public struct Match: Sendable, Hashable {
        /// The term as it is listed.
        public let term: String
        /// Where it stands in the text checked, from its first to its last folded character
        /// (whatever was inserted between them included).
        public let range: Range<String.Index>
    }

    /// The listed terms, one per distinct folded form, in the order first listed.
    public let terms: [String]
    /// Child of a node by scalar: key `node << 32 | scalar`.
    private let next: [UInt64: Int32]
    /// The node of the longest proper suffix that is also a prefix of some term.
    private let fail: [Int32]
    /// The term ending at a node, or -1.
    private let termAt: [Int32]
    /// The nearest node along the fail chain where a term ends, or -1.
    private let outputLink: [Int32]
    /// Folded scalars from the root: a match's length.
    private let depth: [Int32]

    public init<S: Sequence>(_ list: S) where S.Element == String {
        var terms: [String] = []
        var next: [UInt64: Int32] = [:]
        var children: [[(scalar: UInt32, node: Int32)]] = [[]]
        var termAt: [Int32] = [-1]
        var depth: [Int32] = [0]
        for term in list {
            let folded = Self.fold(term)
            guard !folded.isEmpty else { continue }
            var node: Int32 = 0
            for scalar in folded {
                let key = Self.key(node, scalar)
                if let child = next[key] {
                    node = child
                } else {
                    let child = Int32(children.count)
                    children.append([])
                    termAt.append(-1)
                    depth.append(depth[Int(node)] + 1)
                    next[key] = child
                    children[Int(node)].append((scalar, child))
                    node = child
                }
            }
            // The same term listed twice (or in another width or case) is one term.
            if termAt[Int(node)] < 0 {
                termAt[Int(node)] = Int32(terms.count)
                terms.append(term)
            }
        }
        // Fail links breadth first: a node's link is found from its parent's.
        var fail = [Int32](repeating: 0, count: children.count)
        var outputLink = [Int32](repeating: -1, count: children.count)
        var queue = children[0].map(\.node)
        var head = 0
        while head < queue.count {
            let parent = queue[head]
            head += 1
            for (scalar, child) in children[Int(parent)] {
                queue.append(child)
                guard parent != 0 else { continue }
                var candidate = fail[Int(parent)]
                while candidate != 0 && next[Self.key(candidate, scalar)] == nil { candidate = fail[Int(candidate)] }
                let target = next[Self.key(candidate, scalar)] ?? 0
                fail[Int(child)] = target
                outputLink[Int(child)] = termAt[Int(target)] >= 0 ? target : outputLink[Int(target)]
            }
        }
        self.terms = terms
        self.next = next
        self.fail = fail
        self.termAt = termAt
        self.outputLink = outputLink
        self.depth = depth
    }

    /// Every occurrence of every term, in the order they end in the text; overlapping
    /// occurrences (一个 term inside another) are all reported.
    public func matches(in text: String) -> [Match] {
        guard !terms.isEmpty else { return [] }
        var found: [Match] = []
        var state: Int32 = 0
        // Where each folded scalar came from, so a match maps back onto the original text.
        var starts: [String.Index] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let after = scalars.index(after: index)
            if let scalar = Self.fold(scalars[index]) {
                starts.append(index)
                while state != 0 && next[Self.key(state, scalar)] == nil { state = fail[Int(state)] }
                state = next[Self.key(state, scalar)] ?? 0
                var node = termAt[Int(state)] >= 0 ? state : outputLink[Int(state)]
                while node >= 0 {
                    let start = starts[starts.count - Int(depth[Int(node)])]
                    found.append(Match(term: terms[Int(termAt[Int(node)])], range: start..<after))
                    node = outputLink[Int(node)]
                }
            }
            index = after
        }
        return found
    }

    /// What a scalar counts as when terms are compared, or nil when it is skipped.
    public static func fold(_ scalar: Unicode.Scalar) -> UInt32? {
        var value = scalar.value
        // Full-width ASCII forms (ＡＢＣ１２３！) are their ASCII letters and signs.
        if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
        if (0x41...0x5A).contains(value) { return value + 0x20 }
        if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) { return value }
        if value < 0x80 { return nil }   // ASCII spaces, punctuation and symbols
        if (0x4E00...0x9FFF).contains(value) { return value }   // the common CJK ideographs, the usual case
        switch Unicode.Scalar(value)?.properties.generalCategory {
        case .spaceSeparator?, .lineSeparator?, .paragraphSeparator?, .control?, .format?,
             .connectorPunctuation?, .dashPunctuation?, .openPunctuation?, .closePunctuation?, .initialPunctuation?,
             .finalPunctuation?, .otherPunctuation?, .mathSymbol?, .currencySymbol?, .modifierSymbol?, .otherSymbol?,
             .nonspacingMark?, .enclosingMark?:
            return nil
        default:
            return Unicode.Scalar(value)?.properties.lowercaseMapping.unicodeScalars.first?.value ?? value
        }
    }

    /// A term or text as compared: its folded scalars.
    public static func fold(_ text: String) -> [UInt32] { text.unicodeScalars.compactMap { fold($0) } }

    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar) }
}

extension TermFinder {
    /// A match shown in its context: some characters before and after it.
    public struct Excerpt: Sendable, Equatable {
        public let before: String
        public let match: String
        public let after: String
        public let term: String

        public init(before: String, match: String, after: String, term: String) {
            self.before = before
            self.match = match
            self.after = after
            self.term = term
        }
    }

    /// Each match with up to `radius` characters either side, overlapping matches merged into
    /// one highlighted stretch, in text order.
    public static func excerpts(of matches: [Match], in text: String, radius: Int = 12) -> [Excerpt] {
        stretches(of: matches).map { stretch in
            let from = text.index(stretch.range.lowerBound, offsetBy: -radius, limitedBy: text.startIndex) ?? text.startIndex
            let to = text.index(stretch.range.upperBound, offsetBy: radius, limitedBy: text.endIndex) ?? text.endIndex
            return Excerpt(before: String(text[from..<stretch.range.lowerBound]), match: String(text[stretch.range]),
                           after: String(text[stretch.range.upperBound..<to]), term: stretch.terms.joined(separator: "、"))
        }
    }

    /// The stretches of text the matches cover, overlapping matches merged, in text order, each
    /// with the terms found in it.
    public static func stretches(of matches: [Match]) -> [(range: Range<String.Index>, terms: [String])] {
        let sorted = matches.sorted { ($0.range.lowerBound, $1.range.upperBound) < ($1.range.lowerBound, $0.range.upperBound) }
        var merged: [(range: Range<String.Index>, terms: [String])] = []
        for match in sorted {
            if let last = merged.last, match.range.lowerBound < last.range.upperBound {
                merged[merged.count - 1] = (last.range.lowerBound..<max(last.range.upperBound, match.range.upperBound),
                                            last.terms.contains(match.term) ? last.terms : last.terms + [match.term])
            } else {
                merged.append((match.range, [match.term]))
            }
        }
        return merged
    }
}
