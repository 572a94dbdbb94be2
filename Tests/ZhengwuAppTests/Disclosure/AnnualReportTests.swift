import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The 2026 annual report on government information disclosure over a fixed data set in two
/// organs (民政局 and 市场监管局), every figure worked out by hand; the page, the figures form,
/// who sees which report, and the CSV and JSON files.
@Suite("The annual report on government information disclosure, from the records")
struct AnnualReportTests {
    typealias Report = AnnualDisclosureReport

    /// 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    static func counts(_ values: Int...) -> Report.Counts {
        var counts = Report.Counts()
        for (column, value) in zip(Report.Column.allCases, values) { counts[column] = value }
        return counts
    }

    static func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static func department(_ t: TestApp, _ code: String) async throws -> Department {
        try #require(try await Department.query(on: t.app.db).filter(\.$code == code).first())
    }

    /// A request as the request pages store it; only the columns the report reads matter here.
    static func request(_ t: TestApp, _ number: String, organ: String, _ type: ApplicantType, received: String,
                        closed: String? = nil, _ outcome: DisclosureOutcome? = nil) async throws {
        let department = try await Self.department(t, organ)
        let request = InformationRequest()
        request.number = number
        request.organID = try department.requireID()
        request.organCode = department.code
        request.regionCode = department.regionCode
        request.applicantType = type
        request.applicantName = "申请人\(number)"
        request.applicantIDSealed = ""
        request.applicantPhoneSealed = ""
        request.applicantAddressSealed = ""
        request.description = "所需政府信息的描述"
        request.format = .electronic
        request.channel = .online
        request.receivedOn = received
        request.clockJSON = String(decoding: try JSONEncoder().encode(DisclosureClock(receivedOn: LocalDate(iso: received)!)), as: UTF8.self)
        request.status = outcome == nil ? .open : .closed
        request.outcome = outcome
        request.closedOn = closed
        request.pendingExtensionReason = ""
        request.correctionText = ""
        request.createdAt = t.clock.now()
        request.updatedAt = t.clock.now()
        try await request.create(on: t.app.db)
    }

    /// A publication of `genre`, first published at `published` (nil: never published), with
    /// its validity and status set afterwards as the managing pages would.
    static func document(_ t: TestApp, organ: String, _ genre: PublicationGenre, published: String?,
                         validity: PublicationValidity? = .valid, since: String? = nil,
                         status: PublicationStatus = .live) async throws {
        let publication = try await PublicationFixtures.publish(t, organ: organ, title: "\(genre.rawValue) \(published ?? "draft")",
                                                                body: "正文", genre: genre)
        publication.firstPublishedAt = published.map(at)
        publication.status = published == nil ? .unpublished : status
        publication.validity = genre.hasValidity ? validity : nil
        publication.validitySince = since ?? published.map { LocalDate(at($0), in: WorkingCalendar.default.timeZone).iso }
        try await publication.save(on: t.app.db)
    }

    /// The data set; see each line for where it counts in 2026.
    static func dataSet(_ t: TestApp) async throws {
        // 民政局
        try await request(t, "MZJ-2025-0001", organ: "MZJ", .naturalPerson, received: "2025-06-01", closed: "2025-06-20", .disclose) // closed before: nowhere
        try await request(t, "MZJ-2025-0002", organ: "MZJ", .naturalPerson, received: "2025-12-20", closed: "2026-01-10", .disclose) // 二 and （一）
        try await request(t, "MZJ-2026-0001", organ: "MZJ", .naturalPerson, received: "2026-01-05")                                  // 一 and 四
        try await request(t, "MZJ-2026-0002", organ: "MZJ", .commercialEnterprise, received: "2026-01-08", closed: "2026-02-01", .partial)
        try await request(t, "MZJ-2026-0003", organ: "MZJ", .naturalPerson, received: "2026-02-01", closed: "2026-02-10", .notHeld)
        // 市场监管局
        try await request(t, "SCJ-2026-0001", organ: "SCJ", .legalServiceAgency, received: "2026-02-02", closed: "2026-02-20", .stateSecret)
        try await request(t, "SCJ-2025-0001", organ: "SCJ", .researchInstitution, received: "2025-11-11")                          // 二 and 四

        try await document(t, organ: "MZJ", .rule, published: "2024-05-01T10:00:00+08:00")                       // in force
        try await document(t, organ: "MZJ", .rule, published: "2026-02-10T10:00:00+08:00")                       // made, in force
        try await document(t, organ: "MZJ", .normative, published: "2023-01-01T10:00:00+08:00", validity: .abolished,
                           since: "2026-02-15")                                                                    // abolished
        try await document(t, organ: "MZJ", .normative, published: "2026-01-20T10:00:00+08:00", status: .removed)  // removed: still made, in force
        try await document(t, organ: "MZJ", .notice, published: "2026-01-20T10:00:00+08:00")                     // not a rule
        try await document(t, organ: "MZJ", .rule, published: nil)                                                // never published
        // Seven in the morning of New Year's Day in Beijing is still 2025 in UTC: made in 2026.
        try await document(t, organ: "SCJ", .normative, published: "2026-01-01T07:00:00+08:00")
        try await document(t, organ: "SCJ", .rule, published: "2025-03-01T10:00:00+08:00", validity: .expired,
                           since: "2026-03-01")                                                                    // 失效 in 2026: abolished

        // Licensing decisions: 个体工商户登记 is 行政许可 at 市场监管局; 临时救助 (民政局) is 行政给付.
        let token = try await CaseFixtures.token(t)
        let pdf = Data(CaseFixtures.pdf).base64EncodedString()
        var soleTraders: [String] = []
        for _ in 0..<3 {
            soleTraders.append(try await CaseFixtures.submit(t, item: CaseFixtures.soleTrader, form: CaseFixtures.soleTraderForm, materials: [
                .init(key: "application", fileName: "a.pdf", content: pdf, certificateReference: nil),
                .init(key: "operator_id", fileName: nil, content: nil, certificateReference: "ID-1"),
                .init(key: "premises_proof", fileName: "p.pdf", content: pdf, certificateReference: nil),
            ], token: token))
        }
        let relief = try await CaseFixtures.submit(t, token: token)
        let sql = t.app.db as! SQLDatabase
        func set(_ receipt: String, _ assignments: SQLQueryString) async throws {
            try await sql.raw("UPDATE applications SET \(assignments) WHERE receipt_number = \(bind: receipt)").run()
        }
        try await set(soleTraders[0], "status = 'concluded', decision = 'granted', decided_on = '2026-03-02'")   // counts
        try await set(soleTraders[1], "status = 'concluded', decided_on = '2026-01-15'")                        // on the spot: counts
        try await set(soleTraders[2], "status = 'concluded', decision = 'denied', decided_on = '2025-12-30'")    // last year
        try await set(relief, "status = 'concluded', decision = 'granted', decided_on = '2026-03-02'")          // not a licence
    }

    @Test("one organ and the whole government: every figure as worked out by hand, and the checks pass")
    func figures() async throws {
        try await withTestApp { t in
            try await Self.dataSet(t)
            let mzj = try await Self.department(t, "MZJ")
            let organ = try await AnnualReportData.make(year: 2026, organ: mzj, on: t.app.db)
            #expect(organ.organCode == "MZJ" && organ.organName == "新龙县民政局")
            #expect(organ.section3.newlyReceived == Self.counts(2, 1, 0, 0, 0, 0, 3))
            #expect(organ.section3.carriedOver == Self.counts(1, 0, 0, 0, 0, 0, 1))
            #expect(organ.section3[.outcome(.disclose)] == Self.counts(1, 0, 0, 0, 0, 0, 1))
            #expect(organ.section3[.outcome(.partial)] == Self.counts(0, 1, 0, 0, 0, 0, 1))
            #expect(organ.section3[.outcome(.notHeld)] == Self.counts(1, 0, 0, 0, 0, 0, 1))
            #expect(organ.section3[.outcome(.stateSecret)] == Self.counts(0, 0, 0, 0, 0, 0, 0))
            #expect(organ.section3.resultsTotal == Self.counts(2, 1, 0, 0, 0, 0, 3))
            #expect(organ.section3.carriedForward == Self.counts(1, 0, 0, 0, 0, 0, 1))
            #expect(organ.section2.rules == .init(made: 1, abolished: 0, inForce: 2))
            #expect(organ.section2.normativeDocuments == .init(made: 1, abolished: 1, inForce: 1))
            #expect(organ.section2.permitDecisions == 0)
            #expect(organ.section2.penaltyDecisions == 0 && organ.section2.feeYuan == 0)
            #expect(organ.section4 == Report.ReviewAndLitigation())
            #expect(organ.checks().isEmpty)

            let whole = try await AnnualReportData.make(year: 2026, organ: nil, on: t.app.db)
            #expect(whole.organCode == nil && whole.organName == nil)
            #expect(whole.section3.newlyReceived == Self.counts(2, 1, 0, 0, 1, 0, 4))
            #expect(whole.section3.carriedOver == Self.counts(1, 0, 1, 0, 0, 0, 2))
            #expect(whole.section3[.outcome(.stateSecret)] == Self.counts(0, 0, 0, 0, 1, 0, 1))
            #expect(whole.section3.resultsTotal == Self.counts(2, 1, 0, 0, 1, 0, 4))
            #expect(whole.section3.carriedForward == Self.counts(1, 0, 1, 0, 0, 0, 2))
            #expect(whole.section2.rules == .init(made: 1, abolished: 1, inForce: 2))
            #expect(whole.section2.normativeDocuments == .init(made: 2, abolished: 1, inForce: 2))
            // Two licensing decisions of 2026 (one of them on the spot); the benefit and last year's denial are not counted.
            #expect(whole.section2.permitDecisions == 2)
            #expect(try await AnnualReportData.make(year: 2026, organ: Self.department(t, "SCJ"), on: t.app.db).section2.permitDecisions == 2)
            #expect(whole.checks().isEmpty)

            // The year before: the request of December is carried forward, the one closed in June is counted.
            let last = try await AnnualReportData.make(year: 2025, organ: mzj, on: t.app.db)
            #expect(last.section3.newlyReceived == Self.counts(2, 0, 0, 0, 0, 0, 2))
            #expect(last.section3[.outcome(.disclose)] == Self.counts(1, 0, 0, 0, 0, 0, 1))
            #expect(last.section3.carriedForward == Self.counts(1, 0, 0, 0, 0, 0, 1))
            #expect(last.section2.normativeDocuments == .init(made: 0, abolished: 0, inForce: 1))
            #expect(last.checks().isEmpty)
        }
    }

    static func figureFields(penalties: String = "0", enforcements: String = "0", fee: String = "0",
                             reconsideration: [String] = ["0", "0", "0", "0"], direct: [String] = ["0", "0", "0", "0"],
                             afterReconsideration: [String] = ["0", "0", "0", "0"]) -> [(String, String)] {
        var fields = [("penalty_decisions", penalties), ("enforcement_decisions", enforcements), ("fee", fee)]
        for (group, values) in [("reconsideration", reconsideration), ("litigation_direct", direct),
                                ("litigation_after_reconsideration", afterReconsideration)] {
            fields += zip(["upheld", "corrected", "other", "pending"], values).map { ("\(group)_\($0)", $1) }
        }
        return fields
    }

    @Test("the page shows the organ's tables and that the checks pass; entered figures are refused when unreadable, saved and counted when not")
    func pageAndFiguresForm() async throws {
        try await withTestApp { t in
            try await Self.dataSet(t)
            let head = t.workbench
            try await head.signInStaff("mzj-head", clock: t.clock)
            // No organ asked for: the head's own organ, this year (the test clock says 2026).
            let page = try await head.get("/disclosure/report")
            #expect(page.status == .ok)
            #expect(page.contains("新龙县民政局2026年政府信息公开工作年度报告"))
            #expect(page.contains(t.app.zhengwu.localizer.text("annual_report.checks.passed", language: "zh-Hans")))
            #expect(page.contains(#"<tr><th scope="row">规章</th><td class="text-end">1</td><td class="text-end">0</td><td class="text-end">2</td></tr>"#))
            // 一、本年新收 in the 自然人 column, named by its column and row headers.
            #expect(page.contains(#"<td class="text-end" headers="s3-applicants s3-c-natural_person s3-r1">2</td>"#))
            // 1.属于国家秘密 under （三）不予公开 under 三、本年度办理结果, in 商业企业.
            #expect(page.contains(#"headers="s3-applicants s3-organisations s3-c-commercial_enterprise s3-r3 s3-r6 s3-r7">0</td>"#))
            #expect(page.contains("action=\"/disclosure/report/figures\""))

            let zh = { (key: String, arguments: [String: String]) in t.app.zhengwu.localizer.text(key, arguments, language: "zh-Hans") }
            let bad = try await head.submit("/disclosure/report?year=2026&organ=MZJ", to: "/disclosure/report/figures",
                                            [("organ", "MZJ"), ("year", "2026")]
                                                + Self.figureFields(penalties: "-1", fee: "1.23456", reconsideration: ["abc", "0", "0", "0"]))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains(zh("annual_report.figures.error.count", ["field": zh("annual_report.figures.penalty_decisions", [:])])))
            #expect(bad.contains(zh("annual_report.figures.error.fee", ["field": zh("annual_report.figures.fee", [:])])))
            #expect(bad.contains(zh("annual_report.figures.error.count", ["field": "行政复议 · 结果维持"])))
            // What was typed is shown again, and nothing is stored.
            #expect(bad.contains(#"value="abc""#) && bad.contains(#"aria-invalid="true""#))
            #expect(try await DisclosureReportFigures.query(on: t.app.db).count() == 0)
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "disclosure_report.figures").count() == 0)

            let saved = try await head.submit("/disclosure/report?year=2026&organ=MZJ", to: "/disclosure/report/figures",
                                              [("organ", "MZJ"), ("year", "2026")]
                                                  + Self.figureFields(penalties: "37", enforcements: "4", fee: "1.2345",
                                                                      reconsideration: ["2", "1", "0", "1"], direct: ["1", "0", "1", "0"],
                                                                      afterReconsideration: ["0", "0", "0", "1"]))
            #expect(saved.status == .seeOther && saved.location == "/disclosure/report?year=2026&organ=MZJ&done=figures")
            let report = try await AnnualReportData.make(year: 2026, organ: Self.department(t, "MZJ"), on: t.app.db)
            #expect(report.section2.penaltyDecisions == 37 && report.section2.enforcementDecisions == 4 && report.section2.feeYuan == 12_345)
            #expect(Report.ReviewColumn.allCases.map { report.section4.reconsideration[$0] } == [2, 1, 0, 1, 4])
            #expect(Report.ReviewColumn.allCases.map { report.section4.litigationDirect[$0] } == [1, 0, 1, 0, 2])
            #expect(Report.ReviewColumn.allCases.map { report.section4.litigationAfterReconsideration[$0] } == [0, 0, 0, 1, 1])
            #expect(report.checks().isEmpty)
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "disclosure_report.figures").count() == 1)
            let shown = try await head.get(try #require(saved.location))
            #expect(shown.contains(zh("annual_report.figures.saved", [:])))
            #expect(shown.contains(#"<tr><th scope="row">行政事业性收费</th><td class="text-end">1.2345</td></tr>"#))
            #expect(shown.contains(#"headers="s4-reconsideration s4-reconsideration-total">4</td>"#))
            #expect(shown.contains(#"id="f-fee""#) && shown.contains(#"value="1.2345""#))

            // Saving again replaces the organ's figures for the year; another organ's add up in the whole government.
            #expect(try await head.submit("/disclosure/report?year=2026&organ=MZJ", to: "/disclosure/report/figures",
                                          [("organ", "MZJ"), ("year", "2026")]
                                              + Self.figureFields(penalties: "36", enforcements: "4", fee: "1.2345",
                                                                  reconsideration: ["2", "1", "0", "1"])).status == .seeOther)
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            #expect(try await publisher.submit("/disclosure/report?year=2026&organ=SCJ", to: "/disclosure/report/figures",
                                               [("organ", "SCJ"), ("year", "2026")]
                                                   + Self.figureFields(penalties: "4", fee: "0.0005", reconsideration: ["0", "0", "0", "2"])).status == .seeOther)
            #expect(try await DisclosureReportFigures.query(on: t.app.db).count() == 2)
            let whole = try await AnnualReportData.make(year: 2026, organ: nil, on: t.app.db)
            #expect(whole.section2.penaltyDecisions == 40 && whole.section2.feeYuan == 12_350)
            #expect(whole.section4.reconsideration.pending == 3 && whole.section4.reconsideration.total == 6)
            #expect(whole.section4.litigationDirect.total == 0)
            #expect(whole.checks().isEmpty)
        }
    }

    @Test("an organ's report is for its own staff and the region's publishers; the whole government's for publishers and supervisors")
    func whoSeesWhat() async throws {
        try await withTestApp { t in
            let tax = t.workbench
            try await tax.signInStaff("swj-handler", clock: t.clock)
            #expect(try await tax.get("/disclosure/report?year=2026&organ=MZJ").status == .forbidden)
            #expect(try await tax.get("/disclosure/report.csv?year=2026&organ=MZJ").status == .forbidden)
            #expect(try await tax.get("/disclosure/report?year=2026&organ=").status == .forbidden)
            #expect(try await tax.get("/disclosure/report?year=2026&organ=NOPE").status == .notFound)
            let own = try await tax.get("/disclosure/report?year=2026")
            #expect(own.status == .ok && own.contains("国家税务总局新龙县税务局2026年"))
            #expect(!own.contains(#"<option value="MZJ""#))
            let token = try #require(own.csrfToken)
            let posted = try await tax.post("/disclosure/report/figures", [("_csrf", token), ("organ", "MZJ"), ("year", "2026")]
                                                + Self.figureFields(penalties: "9"))
            #expect(posted.status == .forbidden)
            #expect(try await DisclosureReportFigures.query(on: t.app.db).count() == 0)
            // A year outside 2000–2100, or not a year, is refused with the reason.
            let early = try await tax.get("/disclosure/report?year=1999")
            #expect(early.status == .badRequest && early.contains("2000"))
            #expect(try await tax.get("/disclosure/report?year=abc").status == .badRequest)

            let supervisor = t.workbench
            try await supervisor.signInStaff("supervisor", clock: t.clock)
            let whole = try await supervisor.get("/disclosure/report?year=2026")
            #expect(whole.status == .ok && whole.contains("2026年政府信息公开工作年度报告（全部机关合计）"))
            #expect(whole.contains(t.app.zhengwu.localizer.text("annual_report.figures.whole_government_note", language: "zh-Hans")))
            #expect(!whole.contains("action=\"/disclosure/report/figures\""))
            #expect(try await supervisor.get("/disclosure/report?year=2026&organ=MZJ").status == .forbidden)

            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            let picker = try await publisher.get("/disclosure/report?year=2026&organ=MZJ")
            #expect(picker.status == .ok && picker.contains(#"<option value="MZJ" selected>"#) && picker.contains(#"<option value="">"#))

            let citizen = t.portal
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            #expect(try await citizen.get("/disclosure/report").status == .notFound)
        }
    }

    @Test("CSV and JSON: the statutory layout and the report itself, each export on the audit trail")
    func files() async throws {
        try await withTestApp { t in
            try await Self.dataSet(t)
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            let csv = try await publisher.get("/disclosure/report.csv?year=2026&organ=MZJ")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition) == "attachment; filename=\"disclosure-report-2026-MZJ.csv\"")
            #expect(csv.body.hasPrefix("\u{FEFF}"))
            let lines = csv.body.dropFirst().components(separatedBy: "\r\n")
            #expect(lines.first == "政府信息公开工作年度报告,2026,新龙县民政局,MZJ")
            #expect(lines.contains("二、主动公开政府信息情况"))
            #expect(lines.contains("规章,1,0,2"))
            #expect(lines.contains("行政规范性文件,1,1,1"))
            #expect(lines.contains("行政许可,0"))
            #expect(lines.contains("行政事业性收费,0.0000"))
            #expect(lines.contains("一、本年新收政府信息公开申请数量,2,1,0,0,0,0,3"))
            #expect(lines.contains("二、上年结转政府信息公开申请数量,1,0,0,0,0,0,1"))
            #expect(lines.contains("1.本机关不掌握相关政府信息,1,0,0,0,0,0,1"))
            #expect(lines.contains("（七）总计,2,1,0,0,0,0,3"))
            #expect(lines.contains("四、结转下年度继续办理,1,0,0,0,0,0,1"))
            #expect(lines.contains("行政复议,,0,0,0,0,0"))
            #expect(lines.last == "")

            let json = try await publisher.get("/disclosure/report.json?year=2026&organ=")
            #expect(json.status == .ok && json.headers.contentType?.subType == "json")
            let data = Data(json.body.utf8)
            let decoded = try JSONDecoder().decode(Report.self, from: data)
            let expected = try await AnnualReportData.make(year: 2026, organ: nil, on: t.app.db)
            #expect(decoded == expected)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect((object["checks"] as? [Any])?.isEmpty == true && object["organCode"] == nil)

            let exports = try await AuditEntry.query(on: t.app.db).filter(\.$action == "disclosure_report.exported").sort(\.$id).all()
            #expect(exports.map(\.subject) == ["organ:MZJ", "organ:all"])
            #expect(exports.first?.detail.contains("\"format\":\"csv\"") == true)
        }
    }
}
