/// The layout of section 三 as the statutory table prints it, for the caller's HTML and the CSV.
extension AnnualDisclosureReport {
    public struct Row: Sendable, Equatable {
        /// The figures' row; nil for a heading with no figures of its own.
        public let line: Line?
        public let messageKey: String
        /// Indent: 0 for 一…四, 1 for （一）…（七）, 2 for the numbered items under a group.
        public let level: Int
        /// The statutory numbering, "一、", "（三）" or "1.": part of the official form (supervisors
        /// cite rows as 三（七）), so it stays the same in every language.
        public let number: String
        /// The seven figures in `Column.allCases` order; nil for headings: 三、本年度办理结果 and the
        /// groups （三）…（六）, whose merged cells in the official table carry only their items.
        public let values: [Int]?
    }

    /// 三、本年度办理结果, the heading above （一）…（七）.
    public static let resultsHeadingKey = "annual_report.requests.results"
    /// The note in the table's top-left cell: 一 + 二 = 三 + 四 in every column.
    public static let checkNoteKey = "annual_report.requests.check_note"

    static let numerals = ["一", "二", "三", "四", "五", "六", "七"]

    /// Every row of section 三, in statutory order.
    public var section3Rows: [Row] {
        func row(_ line: Line) -> Row {
            Row(line: line, messageKey: line.messageKey, level: line.level, number: line.number, values: section3[line].values)
        }
        var rows = [row(.newlyReceived), row(.carriedOver)]
        rows.append(Row(line: nil, messageKey: Self.resultsHeadingKey, level: 0, number: "三、", values: nil))
        for group in DisclosureOutcome.Group.allCases {
            let outcomes = group.outcomes
            if outcomes.count == 1 {
                rows.append(row(.outcome(outcomes[0])))
            } else {
                rows.append(Row(line: nil, messageKey: group.messageKey, level: 1, number: group.numberLabel, values: nil))
                rows += outcomes.map { row(.outcome($0)) }
            }
        }
        rows += [row(.resultsTotal), row(.carriedForward)]
        return rows
    }
}

extension DisclosureOutcome.Group {
    /// "（一）" … "（六）".
    var numberLabel: String { "（\(AnnualDisclosureReport.numerals[number - 1])）" }
}

extension AnnualDisclosureReport.Line {
    /// A group of one outcome shows as the group's row, named by the group: the table's
    /// （二）部分公开 carries the note on 区分处理 that the outcome's own name does not.
    var messageKey: String {
        switch self {
        case .newlyReceived: "annual_report.requests.new"
        case .carriedOver: "annual_report.requests.carried_over"
        case .outcome(let outcome): outcome.itemNumber == nil ? outcome.group.messageKey : outcome.messageKey
        case .resultsTotal: "annual_report.requests.results_total"
        case .carriedForward: "annual_report.requests.carried_forward"
        }
    }

    var level: Int {
        switch self {
        case .newlyReceived, .carriedOver, .carriedForward: 0
        case .resultsTotal: 1
        case .outcome(let outcome): outcome.itemNumber == nil ? 1 : 2
        }
    }

    var number: String {
        switch self {
        case .newlyReceived: "一、"
        case .carriedOver: "二、"
        case .outcome(let outcome): outcome.itemNumber.map { "\($0)." } ?? outcome.group.numberLabel
        case .resultsTotal: "（七）"
        case .carriedForward: "四、"
        }
    }

    /// The row named in full for a message: "（三）不予公开 1.属于国家秘密".
    func title(label: (String) -> String) -> String {
        let own = number + label(messageKey)
        guard case .outcome(let outcome) = self, outcome.itemNumber != nil else { return own }
        return outcome.group.numberLabel + label(outcome.group.messageKey) + " " + own
    }
}
