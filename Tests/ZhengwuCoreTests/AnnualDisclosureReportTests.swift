import Foundation
import Testing
@testable import ZhengwuCore

/// The 2025 report of a fixed set of requests and documents, with every figure worked out by hand.
@Suite("The annual report on government information disclosure")
struct AnnualDisclosureReportTests {
    typealias Report = AnnualDisclosureReport
    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func request(_ type: ApplicantType, _ received: String, _ closed: String? = nil,
                        _ outcome: DisclosureOutcome? = nil) -> Report.RequestFact {
        Report.RequestFact(applicantType: type, receivedOn: d(received), closedOn: closed.map(d), outcome: outcome)
    }

    static let requests: [Report.RequestFact] = [
        // Closed before the year: in no row.
        request(.naturalPerson, "2024-11-20", "2024-12-18", .disclose),
        // 二: received in 2024, still open on 1 January.
        request(.naturalPerson, "2024-12-10", "2025-01-08", .disclose),
        request(.commercialEnterprise, "2024-12-20", "2025-01-15", .stateSecret),
        request(.legalServiceAgency, "2024-12-30"),                                  // open all year: 四
        // 一: received in 2025.
        request(.naturalPerson, "2025-01-01", "2025-01-01", .other),                 // answered on the spot
        request(.naturalPerson, "2025-01-02", "2025-01-20", .disclose),
        request(.otherOrganisation, "2025-01-03", "2024-12-30", .repeated),          // closing day mistyped before receipt
        request(.naturalPerson, "2025-03-03", "2025-03-30", .partial),
        request(.naturalPerson, "2025-05-06", "2025-05-20", .notHeld),
        request(.commercialEnterprise, "2025-06-01", "2025-06-25", .partial),
        request(.researchInstitution, "2025-07-01", "2025-07-10", .processInformation),
        request(.publicWelfareOrganisation, "2025-08-08", "2025-09-01", .complaint),
        request(.otherOrganisation, "2025-09-09", "2025-10-10", .noCorrection),
        request(.legalServiceAgency, "2025-10-01", "2025-10-20", nil),               // a day but no outcome: still open, 四
        request(.naturalPerson, "2025-12-01", "2025-12-31", .feeUnpaid),             // closed on the last day
        request(.commercialEnterprise, "2025-12-15", "2026-01-10", .disclose),       // closed next year: 四
        request(.naturalPerson, "2025-12-31"),                                       // 四
        // Received after the year: left out.
        request(.researchInstitution, "2026-01-05", "2026-01-20", .disclose),
    ]

    static let documents: [Report.DocumentFact] = [
        .init(kind: .rule, madeOn: d("2019-05-01")),                                 // in force
        .init(kind: .rule, madeOn: d("2020-03-01"), abolishedOn: d("2025-06-30")),   // abolished
        .init(kind: .rule, madeOn: d("2025-02-14")),                                 // made, in force
        .init(kind: .rule, madeOn: d("2025-12-31")),                                 // made, in force
        .init(kind: .rule, madeOn: d("2026-01-01")),                                 // next year
        .init(kind: .rule, madeOn: d("2018-01-01"), abolishedOn: d("2024-12-31")),   // gone before
        .init(kind: .normative, madeOn: d("2025-03-01"), abolishedOn: d("2025-11-30")), // made, abolished
        .init(kind: .normative, madeOn: d("2023-07-01"), abolishedOn: d("2026-01-01")), // in force on 31 December
        .init(kind: .normative, madeOn: d("2024-01-10"), abolishedOn: d("2025-12-31")), // abolished
        .init(kind: .normative, madeOn: d("2025-08-08")),                            // made, in force
    ]

    static let entered = Report.EnteredFigures(
        penaltyDecisions: 37, enforcementDecisions: 4, feeYuan: 12_345,
        reconsideration: .init(upheld: 2, corrected: 1, other: 0, pending: 1),
        litigationDirect: .init(upheld: 1, corrected: 0, other: 1, pending: 0),
        litigationAfterReconsideration: .init(pending: 1))

    static func report() -> Report {
        Report.make(year: 2025, organCode: "11330100002", organName: "某市人民政府办公厅", requests: requests,
                    documents: documents, permitDecisions: 1_208, entered: entered)
    }

    /// 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    static func counts(_ values: Int...) -> Report.Counts {
        var counts = Report.Counts()
        for (column, value) in zip(Report.Column.allCases, values) { counts[column] = value }
        return counts
    }

    @Test("section 三, row by row and column by column")
    func requestTable() {
        let table = Self.report().section3
        #expect(table.newlyReceived == Self.counts(6, 2, 1, 1, 1, 2, 13))
        #expect(table.carriedOver == Self.counts(1, 1, 0, 0, 1, 0, 3))
        let expected: [DisclosureOutcome: Report.Counts] = [
            .disclose: Self.counts(2, 0, 0, 0, 0, 0, 2),
            .partial: Self.counts(1, 1, 0, 0, 0, 0, 2),
            .stateSecret: Self.counts(0, 1, 0, 0, 0, 0, 1),
            .processInformation: Self.counts(0, 0, 1, 0, 0, 0, 1),
            .notHeld: Self.counts(1, 0, 0, 0, 0, 0, 1),
            .complaint: Self.counts(0, 0, 0, 1, 0, 0, 1),
            .repeated: Self.counts(0, 0, 0, 0, 0, 1, 1),
            .noCorrection: Self.counts(0, 0, 0, 0, 0, 1, 1),
            .feeUnpaid: Self.counts(1, 0, 0, 0, 0, 0, 1),
            .other: Self.counts(1, 0, 0, 0, 0, 0, 1),
        ]
        for outcome in DisclosureOutcome.allCases {
            #expect(table[.outcome(outcome)] == expected[outcome] ?? Self.counts(0, 0, 0, 0, 0, 0, 0), "\(outcome)")
        }
        #expect(table.resultsTotal == Self.counts(6, 2, 1, 1, 0, 2, 12))
        #expect(table.carriedForward == Self.counts(1, 1, 0, 0, 2, 0, 4))
    }

    @Test("section 二: documents made, abolished and in force on 31 December; the entered figures; the fee in 万元")
    func proactive() {
        let section2 = Self.report().section2
        #expect(section2.rules == .init(made: 2, abolished: 1, inForce: 3))
        #expect(section2.normativeDocuments == .init(made: 2, abolished: 2, inForce: 2))
        #expect(section2.permitDecisions == 1_208 && section2.penaltyDecisions == 37 && section2.enforcementDecisions == 4)
        #expect(section2.feeInTenThousandYuan == "1.2345")
        var fee = Report.ProactiveDisclosure()
        for (yuan, text) in [(0, "0.0000"), (5, "0.0005"), (1_234_567, "123.4567"), (-100, "-0.0100")] {
            fee.feeYuan = yuan
            #expect(fee.feeInTenThousandYuan == text)
        }
    }

    @Test("section 四: the totals are computed from the four results")
    func review() {
        let section4 = Self.report().section4
        #expect(Report.ReviewColumn.allCases.map { section4.reconsideration[$0] } == [2, 1, 0, 1, 4])
        #expect(Report.ReviewColumn.allCases.map { section4.litigationDirect[$0] } == [1, 0, 1, 0, 2])
        #expect(Report.ReviewColumn.allCases.map { section4.litigationAfterReconsideration[$0] } == [0, 0, 0, 1, 1])
    }

    @Test("a built report always passes the checks, with or without records")
    func builtReportsPass() {
        #expect(Self.report().checks().isEmpty)
        let empty = Report.make(year: 2025, organCode: nil, organName: nil, requests: [], documents: [],
                                permitDecisions: 0, entered: .init())
        #expect(empty.checks().isEmpty && empty.section3.resultsTotal.total == 0)
        // Every year around the data set, so requests open across several years stay balanced too.
        for year in 2023...2027 {
            let report = Report.make(year: year, organCode: nil, organName: nil, requests: Self.requests, documents: [],
                                     permitDecisions: 0, entered: .init())
            #expect(report.checks().isEmpty, "\(year)")
        }
    }

    @Test("a tampered table fails, naming the column and both sides")
    func tampered() {
        var report = Self.report()
        report.section3.newlyReceived.researchInstitution += 1
        #expect(report.checks() == [
            .unbalanced(column: .researchInstitution, receivedAndCarriedOver: 2, closedAndCarriedForward: 1),
            .rowTotal(line: .newlyReceived, stated: 13, sumOfApplicants: 14),
        ])
        // Corrected consistently across the row, the balance still fails in that column and in 总计.
        report.section3.newlyReceived.total += 1
        #expect(report.checks() == [
            .unbalanced(column: .researchInstitution, receivedAndCarriedOver: 2, closedAndCarriedForward: 1),
            .unbalanced(column: .total, receivedAndCarriedOver: 17, closedAndCarriedForward: 16),
        ])

        var outcome = Self.report()
        outcome.section3[.outcome(.stateSecret)].commercialEnterprise = 0
        #expect(outcome.checks() == [
            .resultsTotal(column: .commercialEnterprise, stated: 2, sumOfOutcomes: 1),
            .rowTotal(line: .outcome(.stateSecret), stated: 1, sumOfApplicants: 0),
        ])

        var review = Self.report()
        review.section4.litigationDirect.total = 3
        #expect(review.checks() == [.reviewTotal(group: .litigationDirect, stated: 3, sumOfResults: 2)])
    }

    @Test("check messages name the column, row or group through the caller's labels")
    func checkMessages() {
        let label: (String) -> String = { $0 }
        let unbalanced = Report.CheckFailure.unbalanced(column: .researchInstitution, receivedAndCarriedOver: 2, closedAndCarriedForward: 1)
        #expect(unbalanced.message(label: label) == LocalizedMessage(
            "annual_report.check.unbalanced", ["column": "applicant_type.research_institution", "left": "2", "right": "1"]))
        let row = Report.CheckFailure.rowTotal(line: .outcome(.stateSecret), stated: 1, sumOfApplicants: 0)
        #expect(row.message(label: label) == LocalizedMessage("annual_report.check.row_total", [
            "row": "（三）disclosure_outcome_group.withhold 1.disclosure_outcome.withhold.state_secret", "stated": "1", "sum": "0",
        ]))
        let partial = Report.CheckFailure.rowTotal(line: .outcome(.partial), stated: 1, sumOfApplicants: 0)
        #expect(partial.message(label: label).arguments["row"] == "（二）disclosure_outcome_group.partial")
        let results = Report.CheckFailure.resultsTotal(column: .total, stated: 2, sumOfOutcomes: 1)
        #expect(results.message(label: label) == LocalizedMessage(
            "annual_report.check.results_total", ["column": "annual_report.requests.column.total", "stated": "2", "sum": "1"]))
        let review = Report.CheckFailure.reviewTotal(group: .litigationDirect, stated: 3, sumOfResults: 2)
        #expect(review.message(label: label) == LocalizedMessage("annual_report.check.review_total", [
            "group": "annual_report.review.litigation annual_report.review.litigation_direct", "stated": "3", "sum": "2",
        ]))
    }

    @Test("section 三 rows in statutory order, headings without figures")
    func rows() {
        let rows = Self.report().section3Rows
        #expect(rows.map(\.number) == [
            "一、", "二、", "三、", "（一）", "（二）",
            "（三）", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.",
            "（四）", "1.", "2.", "3.",
            "（五）", "1.", "2.", "3.", "4.", "5.",
            "（六）", "1.", "2.", "3.",
            "（七）", "四、",
        ])
        #expect(rows.map(\.level) == [0, 0, 0, 1, 1] + [1] + Array(repeating: 2, count: 8) + [1, 2, 2, 2]
            + [1] + Array(repeating: 2, count: 5) + [1, 2, 2, 2] + [1, 0])
        let headings = rows.filter { $0.values == nil }.map(\.messageKey)
        #expect(headings == ["annual_report.requests.results", "disclosure_outcome_group.withhold", "disclosure_outcome_group.unable",
                             "disclosure_outcome_group.not_processed", "disclosure_outcome_group.other"])
        #expect(rows.allSatisfy { ($0.line == nil) == ($0.values == nil) })
        // The rows with figures are exactly the lines, in order, with their figures.
        #expect(rows.compactMap(\.line) == Report.Line.allCases)
        #expect(rows[3].messageKey == "disclosure_outcome_group.disclose" && rows[3].values == [2, 0, 0, 0, 0, 0, 2])
        #expect(rows[4].messageKey == "disclosure_outcome_group.partial")
        #expect(rows[6].messageKey == "disclosure_outcome.withhold.state_secret" && rows[6].values == [0, 1, 0, 0, 0, 0, 1])
        #expect(rows.last?.values == [1, 1, 0, 0, 2, 0, 4])
    }

    @Test("CSV: title line, the three sections in order, RFC 4180 quoting, CRLF, text defused but figures not")
    func csv() {
        var report = Self.report()
        report.organName = "=HYPERLINK(\"x\"),某局"
        report.organCode = nil
        report.section3.carriedForward.otherOrganisation = -1
        let labels = [
            "annual_report.title": "政府信息公开工作年度报告",
            "applicant_type.natural_person": "自然人",
            "annual_report.requests.column.total": "总计",
            "disclosure_outcome.withhold.state_secret": "属于国家秘密",
            "annual_report.review.pending": "-尚未审结",
        ]
        let text = report.csv { labels[$0] ?? $0 }
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.first == "政府信息公开工作年度报告,2025,\"'=HYPERLINK(\"\"x\"\"),某局\"")
        let titles = lines.filter { $0.hasSuffix(".title") }
        #expect(titles == ["二、annual_report.section2.title", "三、annual_report.section3.title", "四、annual_report.section4.title"])
        #expect(lines.contains("annual_report.proactive.rules,2,1,3"))
        #expect(lines.contains("annual_report.proactive.normative_documents,2,2,2"))
        #expect(lines.contains("annual_report.proactive.permits,1208"))
        #expect(lines.contains("annual_report.proactive.fees,1.2345"))
        #expect(lines.contains("annual_report.requests.check_note,自然人,applicant_type.commercial_enterprise,"
            + "applicant_type.research_institution,applicant_type.public_welfare,applicant_type.legal_service,"
            + "applicant_type.other_organisation,总计"))
        // Section 三 follows the rows, one line each, headings as a single field.
        let start = lines.firstIndex(of: "一、annual_report.requests.new,6,2,1,1,1,2,13")!
        let section3 = Array(lines[start..<(start + 30)])
        #expect(section3.map { String($0.prefix { $0 != "," }) }
            == report.section3Rows.map { $0.number + (labels[$0.messageKey] ?? $0.messageKey) })
        #expect(section3[2] == "三、annual_report.requests.results")
        #expect(section3[6] == "1.属于国家秘密,0,1,0,0,0,0,1")
        #expect(section3[29] == "四、annual_report.requests.carried_forward,1,1,0,0,2,-1,4")
        // Section 四: a label that starts with "-" is text and is defused.
        let review = Array(lines.suffix(4))
        #expect(review == [
            ",,annual_report.review.upheld,annual_report.review.corrected,annual_report.review.other,'-尚未审结,annual_report.review.total",
            "annual_report.review.reconsideration,,2,1,0,1,4",
            "annual_report.review.litigation,annual_report.review.litigation_direct,1,0,1,0,2",
            "annual_report.review.litigation,annual_report.review.litigation_after_reconsideration,0,0,0,1,1",
        ])
        // Without an organ the whole government is named, and a code is its own field.
        let whole = Report.make(year: 2025, organCode: nil, organName: nil, requests: [], documents: [],
                                permitDecisions: 0, entered: .init())
        #expect(whole.csv { $0 }.hasPrefix("annual_report.title,2025,annual_report.whole_government\r\n"))
        var coded = whole
        coded.organCode = "+861"
        coded.organName = "甲,乙"
        #expect(coded.csv { $0 }.hasPrefix("annual_report.title,2025,\"甲,乙\",'+861\r\n"))
    }

    @Test("CSV fields: quotes doubled, line breaks quoted")
    func csvFields() {
        #expect(Report.CSVCell.text("a\"b").field == "\"a\"\"b\"")
        #expect(Report.CSVCell.text("a\r\nb").field == "\"a\r\nb\"")
        #expect(Report.CSVCell.text("a\nb").field == "\"a\nb\"")
        #expect(Report.CSVCell.text("@SUM(A1)").field == "'@SUM(A1)")
        #expect(Report.CSVCell.text("\tx").field == "'\tx")
        #expect(Report.CSVCell.text("plain").field == "plain")
        #expect(Report.CSVCell.number("-3").field == "-3")
    }

    @Test("outcomes: stable unique raw values, each in exactly one group, in statutory order")
    func outcomes() {
        let raw = DisclosureOutcome.allCases.map(\.rawValue)
        #expect(raw.count == 21 && Set(raw).count == 21)
        #expect(raw.first == "disclose" && raw.last == "other.other")
        #expect(DisclosureOutcome.Group.allCases.map { $0.outcomes.count } == [1, 1, 8, 3, 5, 3])
        for outcome in DisclosureOutcome.allCases {
            #expect(DisclosureOutcome.Group.allCases.filter { $0.outcomes.contains(outcome) } == [outcome.group])
            #expect(outcome.messageKey == "disclosure_outcome.\(outcome.rawValue)")
        }
        // Grouped outcomes are contiguous, so rows built group by group keep the order of `allCases`.
        #expect(DisclosureOutcome.Group.allCases.flatMap(\.outcomes) == DisclosureOutcome.allCases)
        #expect(DisclosureOutcome.allCases.sorted() == DisclosureOutcome.allCases)
        #expect(DisclosureOutcome.Group.allCases.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(DisclosureOutcome.stateSecret.itemNumber == 1 && DisclosureOutcome.inquiryMatter.itemNumber == 8)
        #expect(DisclosureOutcome.partial.itemNumber == nil && DisclosureOutcome.other.itemNumber == 3)
        #expect(DisclosureOutcome(rawValue: "withhold.state_secret") == .stateSecret)
        #expect(DisclosureOutcome(rawValue: "not_processed.complaint") == .complaint)
        #expect(DisclosureOutcome(rawValue: "unable.not_held") == .notHeld)
        #expect(DisclosureOutcome(rawValue: "other.no_correction") == .noCorrection)
        #expect(DisclosureOutcome(rawValue: "other.fee_unpaid") == .feeUnpaid)
    }

    @Test("applicant types and the seven columns")
    func applicantTypes() {
        #expect(ApplicantType.allCases.map(\.rawValue) == [
            "natural_person", "commercial_enterprise", "research_institution", "public_welfare", "legal_service", "other_organisation",
        ])
        #expect(ApplicantType.allCases.filter(\.isOrganisation).count == 5)
        #expect(Report.Column.allCases.map(\.applicantType) == ApplicantType.allCases + [nil])
        #expect(Report.Column.allCases.map(\.messageKey) == ApplicantType.allCases.map(\.messageKey) + ["annual_report.requests.column.total"])
    }

    @Test("JSON round trip; outcomes keyed by their raw values; a tampered file fails the checks")
    func json() throws {
        let report = Self.report()
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(Report.self, from: data) == report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"withhold.state_secret\":{"))

        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var section3 = try #require(object["section3"] as? [String: Any])
        var carried = try #require(section3["carriedOver"] as? [String: Any])
        carried["legalServiceAgency"] = 0
        carried["total"] = 2
        section3["carriedOver"] = carried
        object["section3"] = section3
        let tampered = try JSONDecoder().decode(Report.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(tampered.checks() == [
            .unbalanced(column: .legalServiceAgency, receivedAndCarriedOver: 1, closedAndCarriedForward: 2),
            .unbalanced(column: .total, receivedAndCarriedOver: 15, closedAndCarriedForward: 16),
        ])
    }
}
