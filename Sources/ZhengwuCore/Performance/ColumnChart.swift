/// Columns over time as SVG, made on the server: for each period (a week), one column per
/// series side by side, with a legend that names the series by colour and by pattern of
/// placement (first, second), and the values written above the columns.
public struct ColumnChart: Sendable {
    public struct Series: Sendable, Equatable {
        public let name: String
        public let colour: String
        public let values: [Int]

        public init(name: String, colour: String, values: [Int]) {
            self.name = name
            self.colour = colour
            self.values = values
        }
    }

    public let title: String
    public let periods: [String]
    public let series: [Series]

    public init(title: String, periods: [String], series: [Series]) {
        self.title = title
        self.periods = periods
        self.series = series
    }

    static let columnWidth = 18
    static let gap = 14
    static let plotHeight = 180
    static let top = 34
    static let bottom = 40
    static let left = 8

    public func svg(id: String) -> String {
        let group = max(1, series.count) * Self.columnWidth + Self.gap
        let width = Self.left * 2 + max(1, periods.count) * group
        let height = Self.top + Self.plotHeight + Self.bottom
        let largest = max(1, series.flatMap(\.values).max() ?? 0)
        var shapes = ""
        // Legend.
        var legendX = Self.left
        for entry in series {
            shapes += "<rect x=\"\(legendX)\" y=\"6\" width=\"14\" height=\"14\" fill=\"\(entry.colour)\"/>"
            shapes += "<text x=\"\(legendX + 18)\" y=\"18\" font-size=\"13\" fill=\"#1a1a1a\">\(XMLText.escape(entry.name))</text>"
            legendX += 28 + entry.name.count * 14
        }
        let baseline = Self.top + Self.plotHeight
        shapes += "<path d=\"M\(Self.left) \(baseline)H\(width - Self.left)\" stroke=\"#4a4a4a\" stroke-width=\"1\"/>"
        for (index, period) in periods.enumerated() {
            let x0 = Self.left + index * group + Self.gap / 2
            for (offset, entry) in series.enumerated() {
                let value = index < entry.values.count ? entry.values[index] : 0
                let h = Int((Double(value) / Double(largest) * Double(Self.plotHeight)).rounded())
                let x = x0 + offset * Self.columnWidth
                shapes += "<g><title>\(XMLText.escape("\(period) \(entry.name)：\(value)"))</title>"
                shapes += "<rect x=\"\(x)\" y=\"\(baseline - h)\" width=\"\(Self.columnWidth - 2)\" height=\"\(h)\" fill=\"\(entry.colour)\"/>"
                shapes += "<text x=\"\(x + Self.columnWidth / 2 - 1)\" y=\"\(baseline - h - 4)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">\(value)</text></g>"
            }
            shapes += "<text x=\"\(x0 + series.count * Self.columnWidth / 2)\" y=\"\(baseline + 16)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a4a4a\">"
            shapes += "\(XMLText.escape(period))</text>"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-labelledby="\(id)-title" class="chart"><title id="\(id)-title">\(XMLText.escape(title))</title>\(shapes)</svg>
            """
    }
}
