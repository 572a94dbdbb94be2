import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// 依申请公开 end to end: the form, the statutory clock through correction, extension,
/// third-party consultation and fee, the reply with its letter, and lapses closing requests.
/// The test clock starts on Monday 2026-03-02; due dates below are counted by hand.
@Suite("Requests for government information")
struct InformationRequestTests {
    static func organID(_ t: TestApp, _ code: String = "MZJ") async throws -> String {
        try #require(try await Department.query(on: t.app.db).filter(\.$code == code).first()?.id?.uuidString)
    }

    static func request(_ t: TestApp, _ number: String) async throws -> InformationRequest {
        try #require(try await InformationRequest.query(on: t.app.db).filter(\.$number == number).first())
    }

    static func step(_ browser: Browser, _ request: InformationRequest, _ step: String,
                     _ fields: [(String, String)] = []) async throws -> Browser.Page {
        let id = try request.requireID()
        return try await browser.submit("/disclosure/requests/\(id)", to: "/disclosure/requests/\(id)/steps/\(step)", fields)
    }

    static let days: TimeInterval = 86_400

    /// The applicant's printable letter of that kind for MZJ-2026-0001.
    static func letter(_ t: TestApp, _ browser: Browser, _ kind: InformationRequestLetter.Kind) async throws -> Browser.Page {
        let request = try await Self.request(t, "MZJ-2026-0001").requireID()
        let id = try #require(try await InformationRequestLetter.query(on: t.app.db).filter(\.$requestID == request)
            .filter(\.$kind == kind).first()?.id)
        return try await browser.get("/account/requests/MZJ-2026-0001/letters/\(id)")
    }

    @Test("a citizen asks online; correction, extension and reply run on the statutory clock, and the reply letter is numbered")
    func onlineRequestThroughToReply() async throws {
        try await withTestApp { t in
            let citizen = t.portal
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            let organ = try await Self.organID(t)
            // Bad input changes nothing: no description, and an organisation's type on a person's account.
            let refused = try await citizen.submit("/open/requests/new", [("organ", organ), ("applicant_type", "commercial_enterprise"),
                                                                          ("description", ""), ("format", "paper"), ("address", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains(t.app.zhengwu.localizer.text("request.error.applicant_type_account", language: "zh-Hans")))
            #expect(refused.contains(t.app.zhengwu.localizer.text("request.error.address", language: "zh-Hans")))
            #expect(try await InformationRequest.query(on: t.app.db).filter(\.$organCode == "MZJ").count() == 0)

            let sent = try await citizen.submit("/open/requests/new", [
                ("organ", organ), ("applicant_type", "natural_person"), ("format", "electronic"),
                ("description", "请公开2025年度本县城乡最低生活保障资金的分配和使用情况"),
            ])
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/account/requests/MZJ-2026-0001?done=received")
            // Received Monday 2 March; 20 working days later is Monday 30 March.
            let mine = try await citizen.get("/account/requests/MZJ-2026-0001")
            #expect(mine.contains("2026-03-30"))
            let other = t.portal
            _ = try await other.signInPortal(CaseFixtures.otherCitizen)
            #expect(try await other.get("/account/requests/MZJ-2026-0001").status == .notFound)

            let handler = t.workbench
            let handlerSecret = try await handler.signInStaff("mzj-handler", clock: t.clock)
            #expect(try await handler.get("/disclosure/requests").contains("MZJ-2026-0001"))
            let tax = t.workbench
            try await tax.signInStaff("swj-handler", clock: t.clock)
            var record = try await Self.request(t, "MZJ-2026-0001")
            #expect(try await tax.get("/disclosure/requests/\(record.requireID())").status == .notFound)

            // 补正 on Wednesday 4 March, by Friday 13 March. (Staff sessions end when idle: sign in again.)
            t.clock.advance(by: 2 * Self.days)
            try await handler.signInStaff("mzj-handler", clock: t.clock, secret: handlerSecret)
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            #expect(try await Self.step(handler, record, "correction", [("what", "请明确所需信息的乡镇范围"), ("correct_by", "2026-03-13")]).status == .seeOther)
            let second = try await Self.step(handler, record, "correction", [("what", "再补一次"), ("correct_by", "2026-03-20")])
            #expect(second.status == .unprocessableEntity)
            #expect(second.contains(t.app.zhengwu.localizer.text(DisclosureClock.Problem.correctionAlreadyRequested.message, language: "zh-Hans")))
            let waiting = try await citizen.get("/account/requests/MZJ-2026-0001")
            #expect(waiting.contains("2026-03-13") && waiting.contains("民政局依申补〔2026〕第0001号"))
            #expect(try await citizen.get("/account/requests").contains("MZJ-2026-0001"))
            let notice = try await Self.letter(t, citizen, .correction)
            #expect(notice.contains("补正告知书") && notice.contains("请明确所需信息的乡镇范围") && notice.contains("2026-03-13"))

            // The correction arrives Tuesday 10 March: 20 working days from then, over the Qingming
            // holiday (Monday 6 April), is Wednesday 8 April.
            t.clock.advance(by: 6 * Self.days)
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            let corrected = try await citizen.submit("/account/requests/MZJ-2026-0001", to: "/account/requests/MZJ-2026-0001/correction",
                                                     [("text", "全县各乡镇")])
            #expect(corrected.status == .seeOther)
            try await handler.signInStaff("mzj-handler", clock: t.clock, secret: handlerSecret)
            record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.dueOn == "2026-04-08")
            #expect(record.correctionText == "全县各乡镇")

            // The handler asks for 10 more days; only the head approves, then the applicant is told.
            let tooLong = try await Self.step(handler, record, "extension", [("days", "25"), ("reason", "数据量大")])
            // Refused, with what was typed still in the form.
            #expect(tooLong.status == .unprocessableEntity && tooLong.contains(">数据量大</textarea>") && tooLong.contains("value=\"25\""))
            #expect(try await Self.step(handler, record, "extension", [("days", "10"), ("reason", "需汇总各乡镇数据")]).status == .seeOther)
            #expect(try await Self.step(handler, record, "extension-approve").status == .forbidden)
            #expect(try await Self.request(t, "MZJ-2026-0001").dueOn == "2026-04-08")
            let head = t.workbench
            try await head.signInStaff("mzj-head", clock: t.clock)
            #expect(try await Self.step(head, record, "extension-approve").status == .seeOther)
            record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.dueOn == "2026-04-22")
            #expect(try await citizen.get("/account/requests/MZJ-2026-0001").contains("民政局依申延〔2026〕第0001号"))
            let extended = try await Self.letter(t, citizen, .extension)
            #expect(extended.contains("需汇总各乡镇数据") && extended.contains("2026-04-22"))
            #expect(try await Self.step(handler, record, "extension", [("days", "5"), ("reason", "再延")]).status == .unprocessableEntity)

            // The reply: exactly one outcome; a refusal states its reasons; outcomes the clock
            // decides are refused while it has not decided them.
            #expect(try await Self.step(handler, record, "reply", [("outcome", "not_processed.complaint"), ("reasons", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(handler, record, "reply", [("outcome", "other.no_correction"), ("reasons", "逾期")]).status == .unprocessableEntity)
            #expect(try await Self.step(handler, record, "reply", [("outcome", "bogus"), ("reasons", "x")]).status == .unprocessableEntity)
            #expect(try await Self.request(t, "MZJ-2026-0001").status == .open)
            let document = PublicationFixtures.pdf("Dibao 2025")
            let id = try record.requireID()
            let token = try #require(try await handler.get("/disclosure/requests/\(id)").csrfToken)
            #expect(try await handler.postMultipart("/disclosure/requests/\(id)/documents", [("_csrf", token)],
                                                    files: [("file", "低保资金.pdf", document)]).status == .seeOther)
            // Until the reply, the document is not the applicant's to see.
            #expect(!(try await citizen.get("/account/requests/MZJ-2026-0001")).contains("低保资金.pdf"))
            #expect(try await Self.step(handler, record, "reply", [("outcome", "disclose"), ("reasons", "")]).status == .seeOther)
            record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.status == .closed && record.outcome == .disclose && record.closedOn == "2026-03-10")

            let answered = try await citizen.get("/account/requests/MZJ-2026-0001")
            #expect(answered.contains("民政局依申复〔2026〕第0001号") && answered.contains("低保资金.pdf"))
            let letter = try await Self.letter(t, citizen, .reply)
            #expect(letter.contains("政府信息公开申请答复书") && letter.contains("予以公开") && letter.contains("2026-03-10"))
            // Closed means closed: no further step is taken.
            #expect(try await Self.step(handler, record, "fee", [("yuan", "100")]).status == .conflict)
            // Each step is on the audit trail.
            let actions = try await AuditEntry.query(on: t.app.db).filter(\.$subject == "information_request:MZJ-2026-0001").all().map(\.action)
            #expect(actions.contains("information_request.received") && actions.contains("information_request.extension_approved")
                    && actions.contains("information_request.replied") && actions.contains("information_request.document_added"))
        }
    }

    @Test("a paper request is typed in by staff; a correction not made in time closes it as 其他处理 1")
    func paperRequestLapses() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let organ = try await Self.organID(t)
            var fields = [("organ", organ), ("applicant_type", "natural_person"), ("format", "paper"), ("channel", "post"),
                          ("received_on", "2026-02-27"), ("name", "张三"), ("id_number", "110105199001011234"),
                          ("phone", "13900000009"), ("address", "新龙县茹龙镇1号"), ("description", "请提供本县养老机构名录")]
            let bad = try await handler.submit("/disclosure/requests/new", fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(try await InformationRequest.query(on: t.app.db).filter(\.$organCode == "MZJ").count() == 0)
            fields[6] = ("id_number", "11010519491231002X")
            let future = try await handler.submit("/disclosure/requests/new", fields.map { $0.0 == "received_on" ? ($0.0, "2026-03-05") : $0 })
            #expect(future.status == .unprocessableEntity)
            #expect(try await handler.submit("/disclosure/requests/new", fields).status == .seeOther)
            var record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.channel == .post && record.receivedOn == "2026-02-27" && record.applicantAccountID == nil)
            // Sealed at rest, masked on the page until asked for (and that asking is audited).
            #expect(!record.applicantIDSealed.contains("11010519491231002X"))
            let page = try await handler.get("/disclosure/requests/\(record.requireID())")
            #expect(!page.contains("11010519491231002X") && page.contains("110105********002X"))
            #expect(try await handler.get("/disclosure/requests/\(record.requireID())?reveal=1").contains("11010519491231002X"))

            #expect(try await Self.step(handler, record, "correction", [("what", "请写明年份"), ("correct_by", "2026-03-06")]).status == .seeOther)
            // Before the date passes, 其他处理 1 cannot be chosen and the job leaves it open.
            #expect(try await CloseLapsedRequests.run(services: t.app.zhengwu, now: t.clock.now(), app: t.app) == 0)
            t.clock.advance(by: 7 * Self.days)
            #expect(try await CloseLapsedRequests.run(services: t.app.zhengwu, now: t.clock.now(), app: t.app) == 1)
            #expect(try await CloseLapsedRequests.run(services: t.app.zhengwu, now: t.clock.now(), app: t.app) == 0)
            record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.status == .closed && record.outcome == .noCorrection && record.closedOn == "2026-03-09")
            let letters = try await InformationRequestLetter.query(on: t.app.db).filter(\.$requestID == record.requireID()).all()
            #expect(letters.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.correction, .reply])
            #expect(letters.first { $0.kind == .reply }?.issuedBy == "system")
        }
    }

    @Test("a third party's time and an unpaid fee stop the clock; a fee unpaid in time closes the request as 其他处理 2")
    func pausesAndFeeLapse() async throws {
        try await withTestApp { t in
            let citizen = t.portal
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            let organ = try await Self.organID(t)
            #expect(try await citizen.submit("/open/requests/new", [("organ", organ), ("applicant_type", "natural_person"),
                                                                    ("format", "electronic"), ("description", "某企业的环评审批材料")]).status == .seeOther)
            let handler = t.workbench
            let secret = try await handler.signInStaff("mzj-handler", clock: t.clock)
            var record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.dueOn == "2026-03-30")
            // Consulted from Wednesday 4 March to Wednesday 11 March: five working days not counted.
            #expect(try await Self.step(handler, record, "consultation-start", [("on", "2026-03-05"), ("party", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(handler, record, "consultation-start", [("on", "2026-03-20"), ("party", "某公司")]).status == .unprocessableEntity)
            t.clock.advance(by: 2 * Self.days)
            try await handler.signInStaff("mzj-handler", clock: t.clock, secret: secret)
            #expect(try await Self.step(handler, record, "consultation-start", [("on", "2026-03-04"), ("party", "某公司")]).status == .seeOther)
            t.clock.advance(by: 7 * Self.days)
            try await handler.signInStaff("mzj-handler", clock: t.clock, secret: secret)
            #expect(try await Self.step(handler, record, "consultation-end", [("on", "2026-03-11"), ("note", "第三方不同意公开")]).status == .seeOther)
            record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.dueOn == "2026-04-07")
            // The fee notice on 11 March stops the clock; payment is due 20 working days later, 9 April (after Qingming).
            #expect(try await Self.step(handler, record, "fee", [("yuan", "0"), ("note", "x")]).status == .unprocessableEntity)
            #expect(try await Self.step(handler, record, "fee", [("yuan", "300"), ("note", "超出合理范围")]).status == .seeOther)
            let letter = try #require(try await InformationRequestLetter.query(on: t.app.db).filter(\.$requestID == record.requireID())
                .filter(\.$kind == .fee).first())
            #expect(letter.date == "2026-04-09" && letter.amount == 300)
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            #expect(try await Self.letter(t, citizen, .fee).contains("300"))
            t.clock.advance(by: 29 * Self.days)
            #expect(try await CloseLapsedRequests.run(services: t.app.zhengwu, now: t.clock.now(), app: t.app) == 0)
            t.clock.advance(by: Self.days)
            #expect(try await CloseLapsedRequests.run(services: t.app.zhengwu, now: t.clock.now(), app: t.app) == 1)
            record = try await Self.request(t, "MZJ-2026-0001")
            #expect(record.status == .closed && record.outcome == .feeUnpaid)
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            #expect(try await citizen.get("/account/requests/MZJ-2026-0001").contains(
                t.app.zhengwu.localizer.text(DisclosureOutcome.feeUnpaid.messageKey, language: "zh-Hans")))
        }
    }

    @Test("an overdue request is red for its organ and on the supervisor's board, and supervisors cannot handle it")
    func overdueOnTheBoard() async throws {
        try await withTestApp { t in
            let citizen = t.portal
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            #expect(try await citizen.submit("/open/requests/new", [("organ", try await Self.organID(t)), ("applicant_type", "natural_person"),
                                                                    ("format", "electronic"), ("description", "本县殡葬设施规划")]).status == .seeOther)
            // Due 30 March; on 31 March it is overdue.
            t.clock.advance(by: 29 * Self.days)
            let supervisor = t.workbench
            try await supervisor.signInStaff("supervisor", clock: t.clock)
            let red = try await supervisor.get("/disclosure/requests?show=red")
            #expect(red.contains("MZJ-2026-0001"))
            #expect(!(try await supervisor.get("/disclosure/requests?show=yellow")).contains("MZJ-2026-0001"))
            let board = try await supervisor.get("/supervision")
            #expect(board.contains(t.app.zhengwu.localizer.text("watch_board.requests_open", ["count": "1"], language: "zh-Hans")))
            // The requests' own card, not the cases' one above it.
            #expect(board.capture(#"id="b-req">[\s\S]*?badge-danger">([^<]+)<"#) == "\(t.app.zhengwu.localizer.text("warning.red", language: "zh-Hans")) 1")
            let record = try await Self.request(t, "MZJ-2026-0001")
            #expect(try await Self.step(supervisor, record, "reply", [("outcome", "disclose")]).status == .forbidden)
        }
    }
}
