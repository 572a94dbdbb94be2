/// A horizontal bar chart as SVG, made on the server (no script): one bar per row, its label
/// before it and its value written after it, so the figure can be read without the colours.
/// Screen readers get the title; pages put the same figures in a table beside the chart.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Equatable {
        public let label: String
        /// 0 or more; bars are drawn against the largest value (or `scaleMax`).
        public let value: Double
        /// What is written after the bar, e.g. "85.0%".
        public let text: String

        public init(label: String, value: Double, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    public let title: String
    public let bars: [Bar]
    /// The value a full-length bar stands for; the largest value when nil.
    public let scaleMax: Double?

    public init(title: String, bars: [Bar], scaleMax: Double? = nil) {
        self.title = title
        self.bars = bars
        self.scaleMax = scaleMax
    }

    static let labelWidth = 200
    static let barWidth = 360
    static let valueWidth = 90
    static let rowHeight = 30
    static let labelLength = 12

    public func svg(id: String) -> String {
        let width = Self.labelWidth + Self.barWidth + Self.valueWidth
        let height = max(1, bars.count) * Self.rowHeight + 8
        let top = max(scaleMax ?? 0, bars.map(\.value).max() ?? 0)
        var shapes = ""
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * Self.rowHeight
            let length = top > 0 ? Int((max(0, bar.value) / top * Double(Self.barWidth)).rounded()) : 0
            let label = bar.label.count > Self.labelLength ? String(bar.label.prefix(Self.labelLength - 1)) + "…" : bar.label
            shapes += "<g><title>\(XMLText.escape("\(bar.label)：\(bar.text)"))</title>"
            shapes += "<text x=\"\(Self.labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">"
            shapes += "\(XMLText.escape(label))</text>"
            shapes += "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"\(Self.rowHeight - 10)\" fill=\"#8b1a1a\"/>"
            shapes += "<text x=\"\(Self.labelWidth + length + 6)\" y=\"\(y + 19)\" font-size=\"14\" fill=\"#1a1a1a\">\(XMLText.escape(bar.text))</text>"
            shapes += "</g>"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-labelledby="\(id)-title" class="chart"><title id="\(id)-title">\(XMLText.escape(title))</title>\(shapes)</svg>
            """
    }
}
