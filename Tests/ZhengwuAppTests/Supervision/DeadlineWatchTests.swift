import Fluent
import SQLKit
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The live watch over a disability-certificate case accepted on Monday 2 March 2026: promised
/// 10 working days (due 16 March), the default workflow gives the parallel reviews 8 (due
/// 12 March) and the head's decision 2.
@Suite("Live deadline watch")
struct DeadlineWatchTests {
    private func acceptedCase(_ t: TestApp) async throws -> (UUID, String) {
        let (id, receipt, _) = try await acceptedCaseWithHead(t)
        return (id, receipt)
    }

    /// Also the head's TOTP secret, to sign in again days later.
    private func acceptedCaseWithHead(_ t: TestApp) async throws -> (UUID, String, [UInt8]) {
        var materials = CaseFixtures.reliefMaterials()
        materials.append(.init(key: "photos", fileName: "photo.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(),
                               certificateReference: nil))
        let receipt = try await CaseFixtures.submit(t, item: CaseFixtures.disability, form: CaseFixtures.disabilityForm,
                                                    materials: materials, token: try await CaseFixtures.token(t))
        let id = try await CaseFixtures.caseRecord(t, receipt: receipt).requireID()
        let head = t.workbench
        let secret = try await head.signInStaff("mzj-head", clock: t.clock)
        #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")]).status == .seeOther)
        return (id, receipt, secret)
    }

    /// A further case, accepted by an already signed-in head.
    private func acceptJointCaseAs(_ t: TestApp, head: Browser) async throws -> (UUID, String) {
        var materials = CaseFixtures.reliefMaterials()
        materials.append(.init(key: "photos", fileName: "photo.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(),
                               certificateReference: nil))
        let receipt = try await CaseFixtures.submit(t, item: CaseFixtures.disability, form: CaseFixtures.disabilityForm,
                                                    materials: materials, token: try await CaseFixtures.token(t))
        let id = try await CaseFixtures.caseRecord(t, receipt: receipt).requireID()
        #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")]).status == .seeOther)
        return (id, receipt)
    }

    private func watch(_ t: TestApp, _ worker: String) async throws -> Int {
        try await WatchDeadlines.run(services: t.app.zhengwu, app: t.app, worker: worker)
    }

    private func notices(_ t: TestApp) async throws -> [StaffNotice] {
        try await StaffNotice.query(on: t.app.db).all()
    }

    @Test("yellow and red are noticed once each, to the assignee and at red the head, with two workers racing")
    func transitionsOnce() async throws {
        try await withTestApp { t in
            let (id, receipt) = try await acceptedCase(t)
            let departments = try await DepartmentCodes.load(on: t.app.db)
            let mzj = try #require(departments.byCode["MZJ"]), wjj = try #require(departments.byCode["WJJ"])

            // Tuesday 10 March: 5 of 8 review days used, 3 left; nothing to say.
            t.clock.advance(by: 8 * 86_400)
            #expect(try await watch(t, "A") == 0)

            // Wednesday 11 March: 6 of 8 used (75%), 2 left: both reviews turn yellow. Two workers
            // race; the lease lets one scan, and the warnings are raised once.
            t.clock.advance(by: 86_400 + 301)
            async let first = watch(t, "A")
            async let second = watch(t, "B")
            let raced = try await [first, second]
            #expect(raced.sorted() == [0, 2])
            var sent = try await notices(t)
            #expect(sent.count == 2 && sent.allSatisfy { $0.kind == "yellow" && $0.role == Role.departmentHandler.rawValue })
            #expect(Set(sent.compactMap(\.departmentID)) == [mzj, wjj])
            #expect(sent.allSatisfy { $0.text.contains(receipt) && $0.text.contains("2026-03-12") && $0.applicationID == id })

            // Running again, or on another instance once the lease has lapsed, adds nothing.
            #expect(try await watch(t, "A") == 0)
            t.clock.advance(by: 301)
            #expect(try await watch(t, "B") == 0)
            #expect(try await notices(t).count == 2)

            // Friday 13 March: the reviews are overdue (red: handler and head of each department);
            // the case has used 8 of its 10 days (80%) and turns yellow.
            t.clock.advance(by: 2 * 86_400)
            #expect(try await watch(t, "B") == 3)
            sent = try await notices(t)
            let red = sent.filter { $0.kind == "red" }
            #expect(red.count == 4)
            #expect(Set(red.map { "\($0.role ?? "")@\($0.departmentID?.uuidString ?? "")" }) == [
                "\(Role.departmentHandler.rawValue)@\(mzj)", "\(Role.departmentHead.rawValue)@\(mzj)",
                "\(Role.departmentHandler.rawValue)@\(wjj)", "\(Role.departmentHead.rawValue)@\(wjj)",
            ])
            let caseYellow = sent.filter { $0.kind == "yellow" && $0.text.contains("2026-03-16") }
            #expect(caseYellow.count == 1 && caseYellow.first?.departmentID == mzj)
            let alerts = try await DeadlineAlert.query(on: t.app.db).filter(\.$applicationID == id).all()
            #expect(alerts.count == 5 && Set(alerts.map(\.stepKey)) == ["review", "joint_wjj", DeadlineAlert.caseKey])

            // Each sees what is addressed to them and their role, not others'.
            let handler = t.workbench
            _ = try await handler.signInStaff("mzj-handler", clock: t.clock)
            let page = try await handler.get("/notices")
            #expect(page.contains("红牌：\(receipt)") && page.contains("黄牌预警：\(receipt)"))
            #expect(!page.contains("联合审查"))
            let stranger = t.workbench
            _ = try await stranger.signInStaff("scj-handler", clock: t.clock)
            #expect(!(try await stranger.get("/notices")).contains(receipt))
        }
    }

    @Test("a lease is taken when free, kept by its holder, passes on when it lapses, and is given up when its holder stops")
    func leases() async throws {
        try await withTestApp { t in
            let now = t.clock.now()
            let db = t.app.db
            #expect(try await JobLease.acquire("job", holder: "A", for: 60, now: now, on: db))
            #expect(try await !JobLease.acquire("job", holder: "B", for: 60, now: now.addingTimeInterval(30), on: db))
            #expect(try await JobLease.acquire("job", holder: "A", for: 60, now: now.addingTimeInterval(30), on: db))
            // A renewed until now + 90: B still waits at + 80, takes it at + 91.
            #expect(try await !JobLease.acquire("job", holder: "B", for: 60, now: now.addingTimeInterval(80), on: db))
            #expect(try await JobLease.acquire("job", holder: "B", for: 60, now: now.addingTimeInterval(91), on: db))
            // Another job's lease is separate.
            #expect(try await JobLease.acquire("other", holder: "B", for: 60, now: now.addingTimeInterval(92), on: db))
            #expect(try await !JobLease.acquire("other", holder: "A", for: 60, now: now.addingTimeInterval(93), on: db))
            // B stops: both of its leases are free at once, long before they lapse; A's are not B's to give.
            #expect(try await JobLease.acquire("third", holder: "A", for: 60, now: now.addingTimeInterval(93), on: db))
            try await JobLease.releaseAll(holder: "B", on: db)
            #expect(try await JobLease.acquire("job", holder: "A", for: 60, now: now.addingTimeInterval(94), on: db))
            #expect(try await JobLease.acquire("other", holder: "A", for: 60, now: now.addingTimeInterval(94), on: db))
            #expect(try await !JobLease.acquire("third", holder: "B", for: 60, now: now.addingTimeInterval(94), on: db))
        }
    }

    @Test("a supervisor urges and opens 督办; only the lead head answers; a late answer is flagged; bad input changes nothing")
    func urgeAndSupervise() async throws {
        try await withTestApp { t in
            let (id, receipt, headSecret) = try await acceptedCaseWithHead(t)
            let supervisor = t.workbench
            let supervisorSecret = try await supervisor.signInStaff("supervisor", clock: t.clock)
            let page = "/cases/\(id)", action = "/cases/\(id)/supervision"
            func events() async throws -> [CaseEvent] {
                try await CaseTimelineEntry.query(on: t.app.db).filter(\.$applicationID == id).all().map(\.event)
            }

            #expect(try await supervisor.submit(page, to: action, [("action", "urge"), ("reason", "")]).status == .unprocessableEntity)
            #expect(try await supervisor.submit(page, to: action, [("action", "urge"), ("reason", "请加快审查")]).status == .seeOther)
            let urged = try await StaffNotice.query(on: t.app.db).filter(\.$kind == "urge").all()
            // Both departments working the parallel reviews are pressed.
            #expect(urged.count == 2 && urged.allSatisfy { $0.text.contains("请加快审查") && $0.text.contains(receipt) })
            #expect(try await events().contains(.urged))
            // The applicant's view of the case does not show acts on staff.
            let applicant = try await t.portal.json(.GET, "/api/v1/applications/\(receipt)", Optional<String>.none as String?,
                                                    bearer: try await CaseFixtures.token(t))
            #expect(applicant.status == .ok && !applicant.contains("\"urged\""))
            // A handler may not urge or supervise.
            let handler = t.workbench
            _ = try await handler.signInStaff("mzj-handler", clock: t.clock)
            #expect(try await handler.submit(page, to: action, [("action", "urge"), ("reason", "x")]).status == .forbidden)

            // 督办 with a date out of range is refused and stores nothing; with a good one, the head is told.
            let badDate = try await supervisor.submit(page, to: action, [("action", "open"), ("reason", "群众反映"), ("answer_by", "2026-03-02")])
            #expect(badDate.status == .unprocessableEntity && badDate.contains("群众反映"))
            #expect(try await Supervision.query(on: t.app.db).count() == 0)
            #expect(try await supervisor.submit(page, to: action, [("action", "open"), ("reason", "群众反映办理缓慢"),
                                                                  ("answer_by", "2026-03-05")]).status == .seeOther)
            let opened = try #require(try await Supervision.query(on: t.app.db).first())
            #expect(opened.answerDueOn == "2026-03-05")
            let toHead = try await StaffNotice.query(on: t.app.db).filter(\.$kind == "supervision").all()
            #expect(toHead.count == 1 && toHead.first?.role == Role.departmentHead.rawValue)

            // Friday 6 March: no answer yet, so the 督办 is flagged as overdue.
            t.clock.advance(by: 4 * 86_400)
            let later = t.workbench
            _ = try await later.signInStaff("supervisor", clock: t.clock, secret: supervisorSecret)
            #expect(try await later.get(page).contains("逾期未答复"))
            // The partner department's head cannot answer for the lead department.
            let partner = t.workbench
            _ = try await partner.signInStaff("wjj-head", clock: t.clock)
            let answer = [("action", "answer"), ("supervision", try opened.requireID().uuidString), ("answer", "已安排专人加快审查")]
            #expect(try await partner.submit(page, to: action, answer).status == .forbidden)
            let head = t.workbench
            _ = try await head.signInStaff("mzj-head", clock: t.clock, secret: headSecret)
            #expect(try await head.submit(page, to: action, answer).status == .seeOther)
            let answered = try #require(try await Supervision.find(opened.id, on: t.app.db))
            #expect(answered.answer == "已安排专人加快审查" && answered.answeredAt != nil)
            let note = try await CaseTimelineEntry.query(on: t.app.db).filter(\.$applicationID == id)
                .filter(\.$event == .supervisionAnswered).first()?.note
            #expect(note?.contains("逾期答复") == true)
            // Answering twice is refused.
            #expect(try await head.submit(page, to: action, answer).status == .unprocessableEntity)
            // The supervisor hears of the answer.
            let supervisorID = try #require(try await Account.query(on: t.app.db).filter(\.$username == "supervisor").first()?.requireID())
            #expect(try await StaffNotice.query(on: t.app.db).filter(\.$accountID == supervisorID.uuidString).count() == 1)
        }
    }

    @Test("the board counts open cases by level with the rules in force, lists the cases behind each figure, and raises the audit alarm")
    func board() async throws {
        try await withTestApp { t in
            let (_, receipt) = try await acceptedCase(t)
            var supervisor = t.workbench
            let secret = try await supervisor.signInStaff("supervisor", clock: t.clock)
            // Accepted today with 10 working days: on time under the default rules.
            var board = try await supervisor.get("/supervision")
            #expect(board.status == .ok && board.contains("在办件 1 件") && board.contains("新龙县民政局"))
            #expect(try await supervisor.get("/supervision/cases?level=normal").contains(receipt))
            #expect(!(try await supervisor.get("/supervision/cases?level=yellow")).contains(receipt))

            // Rules out of range are refused and change nothing; ten days left makes it yellow at once.
            let refused = try await supervisor.submit("/supervision/rules", [("days_left", "11"), ("percent_used", "80")])
            #expect(refused.status == .unprocessableEntity && refused.contains("剩余工作日阈值应在0至10之间"))
            #expect(try await WarningRulesStore.current(on: t.app.db, services: t.app.zhengwu, now: t.clock.now()) == .defaults)
            #expect(try await supervisor.submit("/supervision/rules", [("days_left", "10"), ("percent_used", "80")]).status == .seeOther)
            #expect(try await supervisor.get("/supervision/cases?level=yellow").contains(receipt))
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "supervision.rules_saved").count() == 1)

            // Only supervisors see the board.
            let handler = t.workbench
            _ = try await handler.signInStaff("mzj-handler", clock: t.clock)
            #expect(try await handler.get("/supervision").status == .forbidden)
            #expect(try await handler.submit("/todo", to: "/supervision/rules", [("days_left", "1"), ("percent_used", "80")]).status == .forbidden)

            // The scheduled audit check: intact, then broken after tampering, shown as an alarm.
            #expect(try await ScheduledAuditCheck.run(services: t.app.zhengwu, app: t.app, worker: "A")?.brokenAt == nil)
            board = try await supervisor.get("/supervision")
            #expect(board.contains("完好") && !board.contains("审计告警"))
            try await (t.app.db as! SQLDatabase).raw("UPDATE audit_log SET actor_name = '篡改' WHERE sequence = 2").run()
            t.clock.advance(by: 3_001)
            // Staff sessions end when idle: sign in again.
            supervisor = t.workbench
            _ = try await supervisor.signInStaff("supervisor", clock: t.clock, secret: secret)
            #expect(try await ScheduledAuditCheck.run(services: t.app.zhengwu, app: t.app, worker: "B")?.brokenAt == 2)
            board = try await supervisor.get("/supervision")
            #expect(board.contains("审计告警") && board.contains("第 2 条"))
        }
    }

    @Test("anomalies are flagged once each with their explanation: returns beyond two, a last-day extension, a decision too fast, visits beyond the promise")
    func anomalies() async throws {
        try await withTestApp { t in
            let (id, receipt, headSecret) = try await acceptedCaseWithHead(t)
            let page = "/cases/\(id)"
            var handler = t.workbench
            let handlerSecret = try await handler.signInStaff("mzj-handler", clock: t.clock)
            func flags() async throws -> [String] {
                try await CaseFlag.query(on: t.app.db).filter(\.$applicationID == id).all().map(\.kind).sorted()
            }
            for round in 1...3 {
                #expect(try await handler.submit(page, to: "\(page)/review", [("action", "return"), ("step", "review"), ("stage", "0"),
                                                                             ("reason", "材料需复核\(round)")]).status == .seeOther)
                #expect(try await flags() == (round < 3 ? [] : ["returned_often"]))
            }
            // Monday 16 March, the promised limit's last day: the head extends.
            t.clock.advance(by: 14 * 86_400)
            let head = t.workbench
            _ = try await head.signInStaff("mzj-head", clock: t.clock, secret: headSecret)
            #expect(try await head.submit(page, to: "\(page)/review", [("action", "extend"), ("days", "3"), ("reason", "需现场核查")]).status == .seeOther)
            #expect(try await flags() == ["extended_on_last_day", "returned_often"])
            // Two more visits than the item's promise of one: flagged once.
            let window = t.workbench
            _ = try await window.signInStaff("window01", clock: t.clock)
            for _ in 1...3 { _ = try await window.submit(page, to: "\(page)/visit", []) }
            #expect(try await flags() == ["extended_on_last_day", "returned_often", "visited_often"])

            // Another case decided on the day it was accepted: faster than its two stages allow.
            let (quick, _) = try await acceptJointCaseAs(t, head: head)
            handler = t.workbench
            _ = try await handler.signInStaff("mzj-handler", clock: t.clock, secret: handlerSecret)
            let health = t.workbench
            _ = try await health.signInStaff("wjj-handler", clock: t.clock)
            _ = try await handler.submit("/cases/\(quick)", to: "/cases/\(quick)/review", [("action", "approve"), ("step", "review")])
            _ = try await health.submit("/cases/\(quick)", to: "/cases/\(quick)/review", [("action", "approve"), ("step", "joint_wjj")])
            #expect(try await head.submit("/cases/\(quick)", to: "/cases/\(quick)/decision", [("decision", "grant")]).status == .seeOther)
            let quickFlag = try await CaseFlag.query(on: t.app.db).filter(\.$applicationID == quick).first()
            #expect(quickFlag?.kind == "decided_too_fast" && quickFlag?.text.contains("审批用时0个工作日") == true)

            // The supervisor sees them, explained, on the board and on the case.
            let supervisor = t.workbench
            _ = try await supervisor.signInStaff("supervisor", clock: t.clock)
            let board = try await supervisor.get("/supervision")
            #expect(board.contains(receipt) && board.contains("已被退回3次") && board.contains("最后一日（2026-03-16）"))
            #expect(try await supervisor.get(page).contains("超过该事项承诺的最多1次"))
        }
    }
}
