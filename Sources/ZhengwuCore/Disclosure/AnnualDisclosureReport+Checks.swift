/// The arithmetic the published tables must satisfy. Readers and supervisors check it, so a
/// report corrected by hand is checked again before it goes out.
extension AnnualDisclosureReport {
    public enum CheckFailure: Sendable, Equatable {
        /// 一 + 二 ≠ 三（七）+ 四 in `column` (the check rule printed on the table).
        case unbalanced(column: Column, receivedAndCarriedOver: Int, closedAndCarriedForward: Int)
        /// 三（七）总计 ≠ the rows （一）…（六） added up, in `column`.
        case resultsTotal(column: Column, stated: Int, sumOfOutcomes: Int)
        /// The 总计 column of `line` ≠ its six applicant columns added up.
        case rowTotal(line: Line, stated: Int, sumOfApplicants: Int)
        /// 总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结 in a group of section 四.
        case reviewTotal(group: ReviewGroup, stated: Int, sumOfResults: Int)

        /// The message, with the column, row or group named through `label` (a messageKey to
        /// text, as for `csv`), since a message's arguments are plain text.
        public func message(label: (String) -> String) -> LocalizedMessage {
            switch self {
            case .unbalanced(let column, let left, let right):
                LocalizedMessage("annual_report.check.unbalanced",
                                 ["column": label(column.messageKey), "left": String(left), "right": String(right)])
            case .resultsTotal(let column, let stated, let sum):
                LocalizedMessage("annual_report.check.results_total",
                                 ["column": label(column.messageKey), "stated": String(stated), "sum": String(sum)])
            case .rowTotal(let line, let stated, let sum):
                LocalizedMessage("annual_report.check.row_total",
                                 ["row": line.title(label: label), "stated": String(stated), "sum": String(sum)])
            case .reviewTotal(let group, let stated, let sum):
                LocalizedMessage("annual_report.check.review_total",
                                 ["group": (group.headingKey.map { label($0) + " " } ?? "") + label(group.messageKey),
                                  "stated": String(stated), "sum": String(sum)])
            }
        }
    }

    /// Every failure, empty when the report adds up: the balance per column, then 三（七） per
    /// column, then the 总计 column per row, then the totals of section 四.
    public func checks() -> [CheckFailure] {
        var failures: [CheckFailure] = []
        let table = section3
        for column in Column.allCases {
            let left = table.newlyReceived[column] + table.carriedOver[column]
            let right = table.resultsTotal[column] + table.carriedForward[column]
            if left != right {
                failures.append(.unbalanced(column: column, receivedAndCarriedOver: left, closedAndCarriedForward: right))
            }
        }
        for column in Column.allCases {
            let sum = DisclosureOutcome.allCases.reduce(0) { $0 + table[.outcome($1)][column] }
            if sum != table.resultsTotal[column] {
                failures.append(.resultsTotal(column: column, stated: table.resultsTotal[column], sumOfOutcomes: sum))
            }
        }
        for line in Line.allCases where table[line].total != table[line].sumOfApplicants {
            failures.append(.rowTotal(line: line, stated: table[line].total, sumOfApplicants: table[line].sumOfApplicants))
        }
        for group in ReviewGroup.allCases where section4[group].total != section4[group].sumOfResults {
            failures.append(.reviewTotal(group: group, stated: section4[group].total, sumOfResults: section4[group].sumOfResults))
        }
        return failures
    }
}
