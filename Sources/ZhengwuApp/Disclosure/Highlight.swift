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
        for stretch in TermFinder.stretches(of: finder.matches(in: text)).map(\.range) {
            if cursor < stretch.lowerBound { segments.append(Segment(text: String(text[cursor..<stretch.lowerBound]), marked: false)) }
            segments.append(Segment(text: String(text[stretch]), marked: true))
            cursor = stretch.upperBound
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
}
