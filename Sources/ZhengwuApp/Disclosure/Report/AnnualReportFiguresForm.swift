import Vapor
import ZhengwuCore

/// The form for the figures of an organ's report that the platform does not hold: 行政处罚 and
/// 行政强制 decisions, 行政事业性收费, and the four results of each group of section 四 (their
/// 总计 is added up, never typed). Counts are whole numbers of 0 or more; the fee is typed in
/// 万元 as the table prints it, with at most four decimals, and kept as exact 元.
struct AnnualReportFiguresForm {
    typealias Figures = AnnualDisclosureReport.EnteredFigures
    typealias Group = AnnualDisclosureReport.ReviewGroup
    typealias Column = AnnualDisclosureReport.ReviewColumn

    static let penalties = "penalty_decisions"
    static let enforcements = "enforcement_decisions"
    static let fee = "fee"
    /// The columns of section 四 that are entered.
    static let reviewColumns: [Column] = [.upheld, .corrected, .other, .pending]

    static func field(_ group: Group, _ column: Column) -> String { "\(group.rawValue)_\(column.rawValue)" }

    static var fields: [String] {
        [penalties, enforcements, fee] + Group.allCases.flatMap { group in reviewColumns.map { field(group, $0) } }
    }

    var state: FormState
    /// The figures, once every field reads; nil while any has an error.
    var figures: Figures?

    /// The form showing figures already stored (or zeros).
    init(showing figures: Figures) {
        var state = FormState()
        state.values[Self.penalties] = String(figures.penaltyDecisions)
        state.values[Self.enforcements] = String(figures.enforcementDecisions)
        var fee = AnnualDisclosureReport.ProactiveDisclosure()
        fee.feeYuan = figures.feeYuan
        state.values[Self.fee] = fee.feeInTenThousandYuan
        for group in Group.allCases {
            let results = figures[group]
            for column in Self.reviewColumns { state.values[Self.field(group, column)] = String(results[column] ?? 0) }
        }
        self.state = state
        self.figures = figures
    }

    /// The form as posted: each field read, or an error naming it.
    init(reading req: Request) {
        let (posted, raw) = FormState.reading(req, fields: Self.fields)
        var state = posted
        var figures = Figures()
        func read(_ name: String, _ label: String) -> Int {
            if let value = Self.count(raw[name] ?? "") { return value }
            state.add(name, req.t("annual_report.figures.error.count", ["field": label]))
            return 0
        }
        figures.penaltyDecisions = read(Self.penalties, Self.label(Self.penalties, on: req))
        figures.enforcementDecisions = read(Self.enforcements, Self.label(Self.enforcements, on: req))
        if let yuan = Self.yuan(tenThousands: raw[Self.fee] ?? "") {
            figures.feeYuan = yuan
        } else {
            state.add(Self.fee, req.t("annual_report.figures.error.fee", ["field": Self.label(Self.fee, on: req)]))
        }
        for group in Group.allCases {
            for column in Self.reviewColumns {
                figures[group][column] = read(Self.field(group, column), Self.reviewLabel(group, column, on: req))
            }
        }
        self.state = state
        self.figures = state.isValid ? figures : nil
    }

    /// A count as typed: ASCII digits only, at most nine of them (no sign, no decimals, no
    /// separators), so the value always fits and never surprises.
    static func count(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// An amount in 万元 with at most four decimals, as whole 元: "12.3456" → 123456, "3" →
    /// 30000. Read digit by digit, never through a floating-point number, so the 元 are exact.
    static func yuan(tenThousands text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let whole = count(parts[0]) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= 4, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        return whole * 10_000 + (Int(fraction + String(repeating: "0", count: 4 - fraction.count)) ?? 0)
    }

    static func label(_ field: String, on req: Request) -> String {
        req.t("annual_report.figures.\(field)")
    }

    /// "行政诉讼 · 未经复议直接起诉 · 结果维持": the group and the column, since one input has no other label.
    static func reviewLabel(_ group: Group, _ column: Column, on req: Request) -> String {
        groupLabel(group, on: req) + " · " + req.t(column.messageKey)
    }

    static func groupLabel(_ group: Group, on req: Request) -> String {
        (group.headingKey.map { req.t($0) + " · " } ?? "") + req.t(group.messageKey)
    }

    // MARK: What the template draws

    struct Input: Encodable {
        let name: String
        let label: String
        let hint: String?
        /// "numeric" for counts, "decimal" for the fee: the keyboard a phone shows.
        let inputMode: String
        let value: String
        let error: String?
        /// The ids of the hint and the error, for aria-describedby; nil when there are neither.
        let describedBy: String?
    }

    struct ReviewRow: Encodable {
        let id: String
        let label: String
        let inputs: [Input]
    }

    struct Shown: Encodable {
        let organCode: String
        let decisions: [Input]
        let reviewColumns: [AnnualReportTables.Header]
        let reviewRows: [ReviewRow]
        /// Who entered the stored figures, and when; nil before anyone has.
        let updated: String?
    }

    func view(organCode: String, updated: String?, on req: Request) -> Shown {
        func input(_ name: String, label: String, hint: String? = nil, mode: String = "numeric") -> Input {
            let error = state.errors[name]
            let described = [hint.map { _ in "f-\(name)-hint" }, error.map { _ in "f-\(name)-error" }].compactMap { $0 }
            return Input(name: name, label: label, hint: hint, inputMode: mode, value: state.values[name] ?? "", error: error,
                         describedBy: described.isEmpty ? nil : described.joined(separator: " "))
        }
        return Shown(
            organCode: organCode,
            decisions: [
                input(Self.penalties, label: Self.label(Self.penalties, on: req)),
                input(Self.enforcements, label: Self.label(Self.enforcements, on: req)),
                input(Self.fee, label: Self.label(Self.fee, on: req), hint: req.t("annual_report.figures.fee_hint"), mode: "decimal"),
            ],
            reviewColumns: Self.reviewColumns.map { .init(id: "fr-c-\($0.rawValue)", label: req.t($0.messageKey)) },
            reviewRows: Group.allCases.map { group in
                ReviewRow(id: "fr-r-\(group.rawValue)", label: Self.groupLabel(group, on: req), inputs: Self.reviewColumns.map {
                    input(Self.field(group, $0), label: Self.reviewLabel(group, $0, on: req))
                })
            },
            updated: updated)
    }
}

extension AnnualDisclosureReport.EnteredFigures {
    /// The results entered for one group of section 四.
    subscript(group: AnnualDisclosureReport.ReviewGroup) -> AnnualDisclosureReport.ReviewResults {
        get {
            switch group {
            case .reconsideration: reconsideration
            case .litigationDirect: litigationDirect
            case .litigationAfterReconsideration: litigationAfterReconsideration
            }
        }
        set {
            switch group {
            case .reconsideration: reconsideration = newValue
            case .litigationDirect: litigationDirect = newValue
            case .litigationAfterReconsideration: litigationAfterReconsideration = newValue
            }
        }
    }
}

extension AnnualDisclosureReport.ReviewResults {
    /// One of the four entered results; nil for 总计, which is never entered.
    subscript(column: AnnualDisclosureReport.ReviewColumn) -> Int? {
        get {
            switch column {
            case .upheld: upheld
            case .corrected: corrected
            case .other: other
            case .pending: pending
            case .total: nil
            }
        }
        set {
            let value = newValue ?? 0
            switch column {
            case .upheld: upheld = value
            case .corrected: corrected = value
            case .other: other = value
            case .pending: pending = value
            case .total: break
            }
        }
    }
}
