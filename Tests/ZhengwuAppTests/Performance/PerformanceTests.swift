import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Figures over a fixed data set, compared with values worked out by hand, as the page and the
/// CSV give them.
@Suite("Performance figures by department, item, window and handler")
struct PerformanceTests {
    /// Three disability cases at 民政局 and one 即办件 at 市场监管局, all received on 2 March 2026,
    /// then set to known outcomes.
    private func dataSet(_ t: TestApp) async throws -> (concludedLate: String, departments: [String: String]) {
        var materials = CaseFixtures.reliefMaterials()
        materials.append(.init(key: "photos", fileName: "photo.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(),
                               certificateReference: nil))
        let token = try await CaseFixtures.token(t)
        var receipts: [String] = []
        for _ in 0..<3 {
            receipts.append(try await CaseFixtures.submit(t, item: CaseFixtures.disability, form: CaseFixtures.disabilityForm,
                                                          materials: materials, token: token))
        }
        receipts.append(try await CaseFixtures.submit(t, item: CaseFixtures.soleTrader, form: CaseFixtures.soleTraderForm, materials: [
            .init(key: "application", fileName: "a.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(), certificateReference: nil),
            .init(key: "operator_id", fileName: nil, content: nil, certificateReference: "ID-1"),
            .init(key: "premises_proof", fileName: "p.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(), certificateReference: nil),
        ], token: token))
        let sql = t.app.db as! SQLDatabase
        func set(_ receipt: String, _ assignments: SQLQueryString) async throws {
            try await sql.raw("UPDATE applications SET \(assignments) WHERE receipt_number = \(bind: receipt)").run()
        }
        // Concluded early and on time: 6 of 10 promised working days, no visit.
        try await set(receipts[0], """
            status = 'concluded', accepted_on = '2026-03-02', decided_on = '2026-03-10', working_days_used = 6, \
            deadline_met = 'promised', promised_limit_days = 10, visits = 0
            """)
        // Concluded late: 12 working days, within the legal limit only; two visits.
        try await set(receipts[1], """
            status = 'concluded', accepted_on = '2026-03-02', decided_on = '2026-03-20', working_days_used = 12, \
            deadline_met = 'legal', promised_limit_days = 10, visits = 2
            """)
        try await set(receipts[2], "status = 'refused', accepted_on = NULL")
        // 即办件 concluded at acceptance, one visit.
        try await set(receipts[3], """
            status = 'concluded', accepted_on = '2026-03-02', decided_on = '2026-03-02', working_days_used = 0, \
            deadline_met = 'promised', promised_limit_days = 1, visits = 1
            """)
        let at = { (iso: String) in ISO8601DateFormatter().date(from: iso)! }
        for (receipt, event, when) in [(receipts[0], CaseEvent.returned, "2026-03-05T10:00:00+08:00"),
                                       (receipts[1], .extended, "2026-03-12T10:00:00+08:00")] {
            let id = try await CaseFixtures.caseRecord(t, receipt: receipt).requireID()
            try await CaseTimelineEntry(applicationID: id, at: at(when), event: event, actorID: "system", actorName: "system").insertRow(on: sql)
        }
        // Written behind the commands' backs: have the rollup count March again.
        try await PerformanceRollup.markAll(.init(from: LocalDate(iso: "2026-03-01")!, to: LocalDate(iso: "2026-03-31")!), on: t.app.db)
        let names = Dictionary(uniqueKeysWithValues: try await Department.query(on: t.app.db).all().map { ($0.code, $0.name) })
        return (receipts[1], names)
    }

    @Test("the page and the CSV give the hand-computed figures; each count links to its cases; exports are audited")
    func figures() async throws {
        try await withTestApp { t in
            let (late, names) = try await dataSet(t)
            let mzj = try #require(names["MZJ"]), scj = try #require(names["SCJ"])
            let supervisor = t.workbench
            _ = try await supervisor.signInStaff("supervisor", clock: t.clock)
            let csv = try await supervisor.get("/supervision/performance.csv?from=2026-03-01&to=2026-03-31")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let lines = csv.body.dropFirst().split(separator: "\r\n").map(String.init)
            #expect(lines.first == "部门,收件,受理,不予受理,办结,提前办结率,按时办结率,超期办结,平均用时（工作日）,90%用时（工作日）,延期,退回,件均跑动次数,最多跑一次率,证照复用")
            // 民政局: 3 received, 2 accepted, 1 refused; 2 concluded (6 and 12 days), 1 early, 1 on time,
            // 1 late; average 9.0, 90th percentile 12; 1 extension, 1 return; 2 visits over 2 cases.
            #expect(lines.contains("\(mzj),3,2,1,2,50.0%,50.0%,1,9.0,12,1,1,1.0,50.0%,0"))
            #expect(lines.contains("\(scj),1,1,0,1,100.0%,100.0%,0,0.0,0,0,0,1.0,100.0%,0"))
            // All: days 0, 6, 12 → average 6.0, the 90th percentile is the third, 12.
            #expect(lines.last == "合计,4,3,1,3,66.7%,66.7%,1,6.0,12,1,1,1.0,66.7%,0")
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "performance.exported").count() == 1)

            // By item: the disability item carries 民政局's figures, the sole-trader item 市场监管局's.
            let byItem = try await supervisor.get("/supervision/performance.csv?from=2026-03-01&to=2026-03-31&by=item")
            let itemLines = byItem.body.dropFirst().split(separator: "\r\n").map(String.init)
            #expect(itemLines.first?.hasPrefix("事项,收件,") == true)
            #expect(itemLines.contains { $0.hasSuffix(",3,2,1,2,50.0%,50.0%,1,9.0,12,1,1,1.0,50.0%,0") && $0.contains("残疾") })
            #expect(itemLines.last == "合计,4,3,1,3,66.7%,66.7%,1,6.0,12,1,1,1.0,66.7%,0")
            let itemCases = try await supervisor.get("/supervision/performance/cases?from=2026-03-01&to=2026-03-31&figure=received&item=\(CaseFixtures.soleTrader)")
            // The heading row and the one case.
            #expect(itemCases.body.components(separatedBy: "<tr>").count == 3)

            // A later range: only the late decision and the extension fall in it.
            let later = try await supervisor.get("/supervision/performance.csv?from=2026-03-11&to=2026-03-31")
            #expect(later.body.contains("\(mzj),0,0,0,1,0.0%,0.0%,1,12.0,12,1,0,2.0,0.0%,0"))

            let page = try await supervisor.get("/supervision/performance?from=2026-03-01&to=2026-03-31")
            #expect(page.status == .ok && page.contains("<svg") && page.contains("各部门按时办结率"))
            // Weeks from Monday: all four received in the week of 2 March; one concluded in each of
            // the weeks of 2, 9 and 16 March.
            #expect(page.contains("每周收件与办结") && page.contains("<tr><td>03-02</td><td>4</td><td>1</td></tr>"))
            #expect(page.contains("<tr><td>03-09</td><td>0</td><td>1</td></tr>") && page.contains("<tr><td>03-16</td><td>0</td><td>1</td></tr>"))
            #expect(page.contains("<tr><td>02-23</td><td>0</td><td>0</td></tr>") && page.contains("当前超期在办件"))
            let overdue = try await supervisor.get("/supervision/performance/cases?from=2026-03-01&to=2026-03-31&figure=overdue")
            #expect(overdue.contains(late) && overdue.body.components(separatedBy: "<tr>").count == 3)
            // Dates the wrong way round are explained and the year so far is shown instead.
            let reversed = try await supervisor.get("/supervision/performance?from=2026-03-31&to=2026-03-01")
            #expect(reversed.status == .unprocessableEntity && reversed.contains("开始日期不能晚于结束日期"))
            // Not for handlers.
            let handler = t.workbench
            _ = try await handler.signInStaff("mzj-handler", clock: t.clock)
            #expect(try await handler.get("/supervision/performance").status == .forbidden)
        }
    }

    @Test("per window and per handler: walk-ins count at their window, online applications on their own line; the handler is who decided acceptance")
    func windowsAndHandlers() async throws {
        try await withTestApp { t in
            let online = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let clerk = t.workbench
            _ = try await clerk.signInStaff("window01", clock: t.clock)
            let form = try await clerk.get("/walk-in/\(CaseFixtures.relief)")
            let general = try #require(try await ServiceWindow.query(on: t.app.db).filter(\.$number == "01").first()?.id)
            let fields: [(String, String)] = [("_csrf", form.csrfToken ?? ""), ("who-kind", "person"), ("who-name", "王建华"),
                                              ("who-id", "513329197507080032"), ("who-phone", "13800000003"),
                                              ("c_household_register", "HK-9"), ("c_id_card", "ID-9"), ("window", general.uuidString)]
                + CaseFixtures.reliefForm.map { ($0.key, $0.value) }
            #expect(try await clerk.postMultipart("/walk-in/\(CaseFixtures.relief)", fields,
                                                  files: [("m_application", "scan.pdf", CaseFixtures.pdf)]).status == .seeOther)
            let walkIn = try #require(try await ServiceCase.query(on: t.app.db).filter(\.$channel == .window).first())
            let walkInID = try walkIn.requireID()
            let head = t.workbench
            _ = try await head.signInStaff("mzj-head", clock: t.clock)
            #expect(try await head.submit("/cases/\(walkInID)", to: "/cases/\(walkInID)/decide", [("decision", "accept")]).status == .seeOther)

            let supervisor = t.workbench
            _ = try await supervisor.signInStaff("supervisor", clock: t.clock)
            let today = LocalDate(t.clock.now(), in: WorkingCalendar.default.timeZone).iso
            let range = "from=\(today)&to=\(today)"
            func lines(_ by: String) async throws -> [String] {
                try await supervisor.get("/supervision/performance.csv?\(range)&by=\(by)").body.dropFirst()
                    .split(separator: "\r\n").map(String.init)
            }
            let byWindow = try await lines("window")
            #expect(byWindow.first?.hasPrefix("窗口,收件,受理,") == true)
            #expect(byWindow.contains { $0.hasPrefix("01 综合受理窗口,1,1,0,") })
            #expect(byWindow.contains { $0.hasPrefix("网上申报（未经窗口）,1,0,0,") })
            let byHandler = try await lines("handler")
            #expect(byHandler.contains { $0.hasPrefix("何秀兰,1,1,0,") })
            #expect(byHandler.contains { $0.hasPrefix("尚未受理或依法视为受理,1,0,0,") })
            #expect(byHandler.last?.hasPrefix("合计,2,1,0,") == true)

            // Each line's counts lead to its own cases.
            let page = try await supervisor.get("/supervision/performance?\(range)&by=window")
            #expect(page.contains("各窗口按时办结率") && page.contains("&amp;window=\(general.uuidString.replacingOccurrences(of: "-", with: "%2D"))"))
            let atWindow = try await supervisor.get("/supervision/performance/cases?\(range)&figure=received&window=\(general.uuidString)")
            #expect(atWindow.contains(walkIn.receiptNumber ?? "-") && !atWindow.contains(online))
            let notAtWindow = try await supervisor.get("/supervision/performance/cases?\(range)&figure=received&window=none")
            #expect(notAtWindow.contains(online) && !notAtWindow.contains(walkIn.receiptNumber ?? "-"))
            let undecided = try await supervisor.get("/supervision/performance/cases?\(range)&figure=received&handler=none")
            #expect(undecided.contains(online) && !undecided.contains(walkIn.receiptNumber ?? "-"))
            // A key that names nothing lists nothing, not everything.
            let nonsense = try await supervisor.get("/supervision/performance/cases?\(range)&figure=received&window=x")
            #expect(!nonsense.contains(online) && !nonsense.contains(walkIn.receiptNumber ?? "-"))
        }
    }

    @Test("CSV fields are quoted where needed and never start a formula")
    func csvFields() {
        #expect(PerformanceController.csvField("民政局") == "民政局")
        #expect(PerformanceController.csvField("a,b") == "\"a,b\"")
        #expect(PerformanceController.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(PerformanceController.csvField("-1.5") == "-1.5")
    }

    @Test("reports: last week's and month's made once on the schedule; on demand only for finished periods; page, CSV and the public version")
    func reports() async throws {
        try await withTestApp { t in
            let (_, names) = try await dataSet(t)
            let mzj = try #require(names["MZJ"])
            // Monday 2 March: the week of 23 February and the month of February.
            #expect(PerformanceReports.lastPeriod(.weekly, before: LocalDate(iso: "2026-03-04")!).from.iso == "2026-02-23")
            #expect(PerformanceReports.lastPeriod(.monthly, before: LocalDate(iso: "2026-01-15")!).to.iso == "2025-12-31")
            #expect(try await PerformanceReports.runSchedule(services: t.app.zhengwu, app: t.app, worker: "A") == 2)
            t.clock.advance(by: 3_001)
            #expect(try await PerformanceReports.runSchedule(services: t.app.zhengwu, app: t.app, worker: "B") == 0)
            #expect(try await PerformanceReport.query(on: t.app.db).count() == 2)

            var supervisor = t.workbench
            let secret = try await supervisor.signInStaff("supervisor", clock: t.clock)
            let early = try await supervisor.submit("/supervision/reports", [("kind", "monthly"), ("day", "2026-03-15")])
            #expect(early.status == .unprocessableEntity && early.contains("该周期尚未结束"))
            // 2 April: March is over and can be made.
            t.clock.advance(by: 31 * 86_400)
            supervisor = t.workbench
            _ = try await supervisor.signInStaff("supervisor", clock: t.clock, secret: secret)
            let made = try await supervisor.submit("/supervision/reports", [("kind", "monthly"), ("day", "2026-03-15")])
            let path = try #require(made.location)
            let report = try await supervisor.get(path)
            #expect(report.contains("月报（2026-03-01至2026-03-31）") && report.contains("<td>50.0%</td>"))
            let csv = try await supervisor.get(path + "/csv")
            #expect(csv.body.contains("\(mzj),3,2,1,2,50.0%,50.0%,1,9.0,12,1,1,1.0,50.0%,0"))
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "report.exported").count() == 1)

            // The public version: volumes and on-time rates, no names.
            let statistics = try await t.portal.get("/statistics")
            #expect(statistics.contains("月报（2026-03-01至2026-03-31）"))
            #expect(statistics.contains("<td>\(mzj)</td><td>3</td><td>2</td><td>50.0%</td><td>—</td>"))
            #expect(!statistics.contains("扎西") && !statistics.contains("513329198805120017"))
        }
    }

    @Test("the daily rollup equals a full recount from the cases after every day of real work")
    func rollupEqualsRecount() async throws {
        try await withTestApp { t in
            let region = Actor(accountID: "s", kind: .staff, roles: [.supervisor], departmentID: nil, regionCode: "513329")
            let year = PerformanceQuery.Range(from: LocalDate(iso: "2026-01-01")!, to: LocalDate(iso: "2026-12-31")!)
            func compare(_ moment: String) async throws {
                let calendar = WorkingCalendar.default
                try await PerformanceRollup.refresh(calendar: calendar, app: t.app)
                for dimension in PerformanceQuery.Dimension.allCases {
                    let rolled = try await PerformanceRollup.read(dimension, for: region, range: year, on: t.app.db)
                    let counted = try await PerformanceQuery.recount(dimension, for: region, range: year, calendar: calendar, on: t.app.db)
                    #expect(rolled == counted, "\(moment), by \(dimension)")
                    #expect(!counted.isEmpty, "\(moment), by \(dimension)")
                }
            }
            var materials = CaseFixtures.reliefMaterials()
            materials.append(.init(key: "photos", fileName: "photo.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(),
                                   certificateReference: nil))
            let token = try await CaseFixtures.token(t)
            var ids: [UUID] = []
            for _ in 0..<3 {
                let receipt = try await CaseFixtures.submit(t, item: CaseFixtures.disability, form: CaseFixtures.disabilityForm,
                                                            materials: materials, token: token)
                ids.append(try await CaseFixtures.caseRecord(t, receipt: receipt).requireID())
            }
            var head = t.workbench
            let headSecret = try await head.signInStaff("mzj-head", clock: t.clock)
            func decide(_ id: UUID, _ fields: [(String, String)]) async throws {
                #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/decide", fields).status == .seeOther)
            }
            try await decide(ids[0], [("decision", "accept")])
            try await decide(ids[1], [("decision", "accept")])
            try await compare("day 1: received, two accepted")

            // Tuesday: the third is refused; the second returned once and extended.
            t.clock.advance(by: 86_400)
            head = t.workbench
            _ = try await head.signInStaff("mzj-head", clock: t.clock, secret: headSecret)
            try await decide(ids[2], [("decision", "refuse"), ("reason", "不符合条件")])
            let handler = t.workbench
            let handlerSecret = try await handler.signInStaff("mzj-handler", clock: t.clock)
            _ = try await handler.submit("/cases/\(ids[1])", to: "/cases/\(ids[1])/review",
                                         [("action", "return"), ("step", "review"), ("stage", "0"), ("reason", "复核")])
            _ = try await head.submit("/cases/\(ids[1])", to: "/cases/\(ids[1])/review", [("action", "extend"), ("days", "2"), ("reason", "核查")])
            try await compare("day 2: refused, returned, extended")

            // Wednesday: the first is granted after both reviews; the second gets a visit and is denied.
            t.clock.advance(by: 86_400)
            head = t.workbench
            _ = try await head.signInStaff("mzj-head", clock: t.clock, secret: headSecret)
            let civil = t.workbench
            _ = try await civil.signInStaff("mzj-handler", clock: t.clock, secret: handlerSecret)
            let health = t.workbench
            _ = try await health.signInStaff("wjj-handler", clock: t.clock)
            for id in ids.prefix(2) {
                _ = try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "review")])
                _ = try await health.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "joint_wjj")])
            }
            #expect(try await head.submit("/cases/\(ids[0])", to: "/cases/\(ids[0])/decision", [("decision", "grant")]).status == .seeOther)
            let window = t.workbench
            _ = try await window.signInStaff("window01", clock: t.clock)
            _ = try await window.submit("/cases/\(ids[1])", to: "/cases/\(ids[1])/visit", [])
            #expect(try await head.submit("/cases/\(ids[1])", to: "/cases/\(ids[1])/decision",
                                          [("decision", "deny"), ("reasons", "不符合条件")]).status == .seeOther)
            try await compare("day 3: granted, visited, denied")
            let year2026 = try await PerformanceQuery.recount(for: region, range: year, calendar: .default, on: t.app.db)
            let all = year2026.values.reduce(into: PerformanceFigures()) { $0.add($1) }
            #expect(all.received == 3 && all.refused == 1 && all.concluded == 2 && all.returns == 1 && all.extensions == 1)
        }
    }
}
