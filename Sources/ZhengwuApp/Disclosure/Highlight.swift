import ZhengwuCore

/// Text with the searched words marked, as segments the template writes out escaped, wrapping
/// the marked ones in `<mark>`: no HTML is ever built from the text itself.
struct Highlight: Encodable, Sendable {
    struct Segment: Encodable, Sendable {
        let text: String
        let marked: Bool
    }

    let segments: [Segment]

    /// The whole text, every match marked.
    init(_ text: String, finder: TermFinder) {
        var segments: [Segment] = []
        var cursor = text.startIndex
        for excerpt in Self.stretches(finder.matches(in: text)) {
            guard excerpt.lowerBound >= cursor else { continue }
            if cursor < excerpt.lowerBound { segments.append(Segment(text: String(text[cursor..<excerpt.lowerBound]), marked: false)) }
            segments.append(Segment(text: String(text[excerpt]), marked: true))
            cursor = excerpt.upperBound
        }
        if cursor < text.endIndex { segments.append(Segment(text: String(text[cursor...]), marked: false)) }
        self.segments = segments
    }

    /// Up to `count` passages around matches, each `radius` characters either side, or the
    /// text's beginning when nothing in it matches.
    static func snippet(_ text: String, finder: TermFinder, radius: Int = 40, count: Int = 2) -> [Highlight] {
        let excerpts = TermFinder.excerpts(of: finder.matches(in: text), in: text, radius: radius)
        guard !excerpts.isEmpty else {
            let start = String(text.prefix(radius * 2))
            return start.isEmpty ? [] : [Highlight(segments: [Segment(text: start + (text.count > radius * 2 ? "…" : ""), marked: false)])]
        }
        var passages: [Highlight] = []
        var lastEnd = ""
        for excerpt in excerpts where passages.count < count {
            // Neighbouring matches share their context: skip one that the previous passage showed.
            if !lastEnd.isEmpty, lastEnd.contains(excerpt.match) { continue }
            passages.append(Highlight(segments: [Segment(text: "…" + excerpt.before, marked: false), Segment(text: excerpt.match, marked: true),
                                                 Segment(text: excerpt.after + "…", marked: false)]))
            lastEnd = excerpt.after
        }
        return passages
    }

    private init(segments: [Segment]) {
        self.segments = segments
    }

    private static func stretches(_ matches: [TermFinder.Match]) -> [Range<String.Index>] {
        var merged: [Range<String.Index>] = []
        for match in matches.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = merged.last, match.range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, match.range.upperBound)
            } else {
                merged.append(match.range)
            }
        }
        return merged
    }
}
