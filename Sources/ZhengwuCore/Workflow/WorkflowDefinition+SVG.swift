/// The workflow as a picture (办理流程图): stages left to right, parallel steps stacked in
/// their stage, lines showing where branches split and join. Made on the server as SVG, so it
/// needs no script; colours are attributes because the Content-Security-Policy forbids inline
/// styles. Texts come from the caller, in the reader's language.
extension WorkflowDefinition {
    public struct Picture: Sendable {
        /// What each box says under its name, e.g. "5 个工作日"; nil for the public, simplified form.
        public var detail: (@Sendable (Step) -> String)?
        /// Read by screen readers instead of the drawing: the stages in words (for a case,
        /// also where it stands: the colours alone must not carry that).
        public var title: String
        /// For a case's own picture: how far each step is, so the steps being worked stand out.
        public var progress: (@Sendable (Step) -> Progress)?

        public init(title: String, detail: (@Sendable (Step) -> String)? = nil, progress: (@Sendable (Step) -> Progress)? = nil) {
            self.title = title
            self.detail = detail
            self.progress = progress
        }
    }

    /// A step's state as drawn, with the words its tooltip adds, e.g. "办理中".
    public struct Progress: Sendable {
        public let status: WorkflowRun.StepState.Status
        public let label: String

        public init(status: WorkflowRun.StepState.Status, label: String) {
            self.status = status
            self.label = label
        }

        /// Fill, stroke and stroke width: done steps green, the steps being worked amber and
        /// heavier, the rest as on the plain picture.
        var colours: (fill: String, stroke: String, width: Int) {
            switch status {
            case .done: ("#e7f2e9", "#2e6b3a", 2)
            case .active: ("#fff1d0", "#a35200", 4)
            case .waiting: Self.plain
            }
        }

        static let plain: (fill: String, stroke: String, width: Int) = ("#fff", "#8b1a1a", 2)
    }

    static let boxWidth = 168
    static let boxHeight = 56
    static let columnGap = 48
    static let rowGap = 16
    static let margin = 16
    /// Longer names are cut and shown whole in the box's tooltip (its `title`).
    static let nameLength = 10

    public func svg(_ picture: Picture) -> String {
        let boxHeight = picture.detail == nil ? 40 : Self.boxHeight
        let tallest = stages.map(\.steps.count).max() ?? 0
        let height = 2 * Self.margin + max(1, tallest) * (boxHeight + Self.rowGap) - Self.rowGap
        let width = 2 * Self.margin + max(1, stages.count) * (Self.boxWidth + Self.columnGap) - Self.columnGap

        func x(_ stage: Int) -> Int { Self.margin + stage * (Self.boxWidth + Self.columnGap) }
        func y(_ stage: Int, _ row: Int) -> Int {
            let columnHeight = stages[stage].steps.count * (boxHeight + Self.rowGap) - Self.rowGap
            return (height - columnHeight) / 2 + row * (boxHeight + Self.rowGap)
        }

        var shapes = ""
        for (index, stage) in stages.enumerated() {
            for (row, step) in stage.steps.enumerated() {
                let left = x(index), top = y(index, row)
                let name = step.name.count > Self.nameLength ? String(step.name.prefix(Self.nameLength - 1)) + "…" : step.name
                let progress = picture.progress?(step)
                let colours = progress?.colours ?? Progress.plain
                let tooltip = progress.map { "\(step.name)（\($0.label)）" } ?? step.name
                shapes += "<g><title>\(XMLText.escape(tooltip))</title>"
                shapes += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(Self.boxWidth)\" height=\"\(boxHeight)\" rx=\"6\" "
                shapes += "fill=\"\(colours.fill)\" stroke=\"\(colours.stroke)\" stroke-width=\"\(colours.width)\"/>"
                let nameY = picture.detail == nil ? top + boxHeight / 2 + 5 : top + 24
                shapes += "<text x=\"\(left + Self.boxWidth / 2)\" y=\"\(nameY)\" text-anchor=\"middle\" font-size=\"15\" "
                shapes += "font-weight=\"700\" fill=\"#1a1a1a\">\(XMLText.escape(name))</text>"
                if let detail = picture.detail {
                    shapes += "<text x=\"\(left + Self.boxWidth / 2)\" y=\"\(top + 44)\" text-anchor=\"middle\" font-size=\"13\" "
                    shapes += "fill=\"#4a4a4a\">\(XMLText.escape(detail(step)))</text>"
                }
                shapes += "</g>"
            }
            // Lines to the next stage: out of every box to a bar, from the bar into every next box.
            guard index + 1 < stages.count else { continue }
            let bar = x(index) + Self.boxWidth + Self.columnGap / 2
            let ends = stage.steps.indices.map { y(index, $0) + boxHeight / 2 }
                + stages[index + 1].steps.indices.map { y(index + 1, $0) + boxHeight / 2 }
            var path = ""
            for row in stage.steps.indices {
                path += "M\(x(index) + Self.boxWidth) \(y(index, row) + boxHeight / 2)H\(bar)"
            }
            if let low = ends.min(), let high = ends.max(), low != high { path += "M\(bar) \(low)V\(high)" }
            for row in stages[index + 1].steps.indices {
                let target = y(index + 1, row) + boxHeight / 2
                path += "M\(bar) \(target)H\(x(index + 1) - 6)"
                shapes += "<path d=\"M\(x(index + 1) - 8) \(target - 5)l8 5l-8 5z\" fill=\"#8b1a1a\"/>"
            }
            shapes += "<path d=\"\(path)\" fill=\"none\" stroke=\"#8b1a1a\" stroke-width=\"2\"/>"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-labelledby="workflow-title" class="workflow-picture"><title id="workflow-title">\
            \(XMLText.escape(picture.title))</title>\(shapes)</svg>
            """
    }
}
