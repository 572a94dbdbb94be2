import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// 好差评 beyond tickets: an applicant rates a concluded application online or at the window,
/// once; a bad review opens a fix with a deadline; the department appeals; the supervisor
/// decides; the public figures leave upheld appeals out and show published fixes.
@Suite("好差评 ratings")
struct RatingsTests {
    /// A submitted application marked concluded, as the approval flow would leave it.
    static func concludedCase(_ t: TestApp) async throws -> ServiceCase {
        let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
        let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
        record.status = .concluded
        try await record.update(on: t.app.db)
        return record
    }

    @Test("online and window ratings are given once; a bad one is fixed or appealed, and the figures follow the decision")
    func ratingsRectificationAppeal() async throws {
        try await withTestApp { t in
            let record = try await Self.concludedCase(t)
            let id = try record.requireID()
            let citizen = t.portal
            _ = try await citizen.signInPortal(CaseFixtures.citizen)
            #expect(try await citizen.get("/applications/\(id)").contains("/applications/\(id)/rate"))
            // Someone else's application is not theirs to rate.
            let other = t.portal
            _ = try await other.signInPortal(CaseFixtures.otherCitizen)
            #expect(try await other.get("/applications/\(id)/rate").status == .notFound)
            #expect(try await citizen.submit("/applications/\(id)/rate", [("level", "9")]).status == .unprocessableEntity)
            #expect(try await citizen.submit("/applications/\(id)/rate", [("level", "1"), ("comment", "材料反复退回")]).status == .ok)
            #expect(try await citizen.submit("/applications/\(id)/rate", [("level", "5")]).status == .conflict)
            #expect(try await Rating.query(on: t.app.db).filter(\.$subjectID == id).count() == 1)
            // At the window the same application cannot be rated again.
            let clerk = t.workbench
            try await clerk.signInStaff("window01", clock: t.clock)
            let again = try await clerk.submit("/ratings/window", [("receipt", record.receiptNumber!), ("level", "5"), ("phone_tail", "0001")])
            #expect(again.status == .conflict)

            let rating = try #require(try await Rating.query(on: t.app.db).filter(\.$subjectID == id).first())
            #expect(rating.channel == .online && rating.departmentID == record.departmentID)
            let task = try #require(try await Rectification.query(on: t.app.db).filter(\.$ratingID == rating.requireID()).first())
            // 15 working days from Monday 2 March: Monday 23 March.
            #expect(task.dueOn == "2026-03-23" && task.followUpNeeded)
            let department = try #require(try await Department.find(record.departmentID, on: t.app.db))
            let handler = t.workbench
            try await handler.signInStaff("\(department.code.lowercased())-handler", clock: t.clock)
            let taskID = try task.requireID()
            #expect(try await handler.get("/ratings").contains(record.receiptNumber!))
            let outsider = t.workbench
            try await outsider.signInStaff(department.code == "SWJ" ? "gaj-handler" : "swj-handler", clock: t.clock)
            #expect(try await outsider.get("/ratings/\(taskID)").status == .notFound)
            #expect(try await handler.submit("/ratings/\(taskID)", to: "/ratings/\(taskID)/appeal", [("note", "短")]).status == .unprocessableEntity)
            #expect(try await handler.submit("/ratings/\(taskID)", to: "/ratings/\(taskID)/appeal",
                                             [("note", "材料退回系申请人两次上传空白文件，非本单位原因")]).status == .seeOther)
            #expect(try await handler.submit("/ratings/\(taskID)", to: "/ratings/\(taskID)/decide", [("decision", "upheld"), ("note", "理由成立")]).status == .forbidden)

            // The figures count the review until the supervisor upholds the appeal.
            var figures = try await citizen.get("/12345/satisfaction")
            #expect(figures.contains(department.name) && figures.contains("0.0%"))
            let supervisor = t.workbench
            try await supervisor.signInStaff("supervisor", clock: t.clock)
            #expect(try await supervisor.submit("/ratings/\(taskID)", to: "/ratings/\(taskID)/decide",
                                                [("decision", "upheld"), ("note", "核实属实，评价不计入")]).status == .seeOther)
            let decided = try #require(try await Rectification.find(taskID, on: t.app.db))
            #expect(decided.status == .withdrawn && decided.appeal == .upheld)
            figures = try await citizen.get("/12345/satisfaction")
            #expect(!figures.contains(department.name))

            // The office records the follow-up call the named review required.
            let office = t.workbench
            try await office.signInStaff("hotline", clock: t.clock)
            #expect(try await office.submit("/ratings/\(taskID)", to: "/ratings/\(taskID)/follow-up", [("note", "已致电解释，申请人表示理解")]).status == .seeOther)
            #expect(try await Rectification.find(taskID, on: t.app.db)?.followedUpAt != nil)
        }
    }

    @Test("a window rating and a published fix")
    func windowAndPublishedFix() async throws {
        try await withTestApp { t in
            let record = try await Self.concludedCase(t)
            let clerk = t.workbench
            try await clerk.signInStaff("window01", clock: t.clock)
            let asked = try await clerk.submit("/ratings/window", [("receipt", record.receiptNumber!)])
            #expect(asked.contains(record.itemName) && asked.contains("value=\"2\""))
            #expect(try await clerk.submit("/ratings/window", [("receipt", "20260302-AAAA-AAAA")]).status == .unprocessableEntity)
            // The applicant must be there: the last four digits of their phone.
            #expect(try await clerk.submit("/ratings/window", [("receipt", record.receiptNumber!), ("level", "2"), ("phone_tail", "0000")])
                .status == .unprocessableEntity)
            #expect(try await Rating.query(on: t.app.db).filter(\.$subjectID == record.requireID()).count() == 0)
            #expect(try await clerk.submit("/ratings/window", [("receipt", record.receiptNumber!), ("level", "2"), ("phone_tail", "0001")])
                .status == .ok)
            let rating = try #require(try await Rating.query(on: t.app.db).filter(\.$subjectID == record.requireID()).first())
            #expect(rating.channel == .window && rating.level == 2)
            let task = try #require(try await Rectification.query(on: t.app.db).filter(\.$ratingID == rating.requireID()).first())
            let department = try #require(try await Department.find(record.departmentID, on: t.app.db))
            let head = t.workbench
            try await head.signInStaff("\(department.code.lowercased())-head", clock: t.clock)
            let taskID = try task.requireID()
            #expect(try await head.submit("/ratings/\(taskID)", to: "/ratings/\(taskID)/fix",
                                          [("note", "已对窗口人员开展一次性告知培训，调整材料清单说明"), ("publish", "yes")]).status == .seeOther)
            #expect(try await t.portal.get("/12345/satisfaction").contains("一次性告知培训"))
            // A window clerk cannot rate without the page; a citizen cannot reach it at all.
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            #expect(try await handler.get("/ratings/window").status == .forbidden)
        }
    }
}

/// The knowledge base's review and stale flags, and the weekly report.
@Suite("12345 knowledge base and weekly report")
struct KnowledgeAndReportTests {
    @Test("an answer is published by someone other than its author; stale answers are flagged and leave the public FAQ")
    func knowledgeReview() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let mzj = try #require(try await Department.query(on: t.app.db).filter(\.$code == "MZJ").first()?.id)
            let bad = try await handler.submit("/tickets/knowledge/new", [("question", "问"), ("answer", ""), ("category", "social-assistance"),
                                                                          ("department", mzj.uuidString), ("valid_until", "2026-12-31")])
            #expect(bad.status == .unprocessableEntity)
            let saved = try await handler.submit("/tickets/knowledge/new", [
                ("question", "临时救助怎么申请？"), ("answer", "遭遇突发困难的家庭可向乡镇人民政府申请临时救助，急难情形可先行救助。"),
                ("category", "social-assistance"), ("department", mzj.uuidString), ("valid_until", "2026-12-31")])
            #expect(saved.status == .seeOther)
            let article = try #require(try await KnowledgeArticle.query(on: t.app.db).filter(\.$question == "临时救助怎么申请？").first())
            let path = "/tickets/knowledge/\(try article.requireID())"
            #expect(try await handler.submit(path, to: path + "/submit", []).status == .seeOther)
            // The author cannot publish their own answer; the department's head can.
            #expect(try await handler.submit(path, to: path + "/publish", []).status == .forbidden)
            let head = t.workbench
            try await head.signInStaff("mzj-head", clock: t.clock)
            #expect(try await head.submit(path, to: path + "/publish", []).status == .seeOther)
            #expect(try await t.portal.get("/12345/faq").contains("临时救助怎么申请？"))
            // Another department neither sees nor edits it.
            let other = t.workbench
            try await other.signInStaff("swj-handler", clock: t.clock)
            #expect(try await other.get(path).status == .notFound)

            // The demo's 医保 answer lapsed on 31 January: flagged to 医保局, gone from the FAQ.
            let ybj = t.workbench
            try await ybj.signInStaff("ybj-handler", clock: t.clock)
            let stale = try await ybj.get("/tickets/knowledge?show=stale")
            #expect(stale.contains("城乡居民医保怎么缴费？"))
            #expect(!(try await t.portal.get("/12345/faq").contains("城乡居民医保怎么缴费？")))
        }
    }

    @Test("the weekly report counts the week's tickets, replies on time and satisfaction, as a page and as CSV")
    func weeklyReport() async throws {
        try await withTestApp { t in
            for (category, content) in [("urban-light", "路灯不亮请修理一下"), ("urban-light", "另一处路灯也不亮了"), ("tax", "个税汇算怎么办理呢")] {
                let page = try await TicketLoopTests.sendWebForm(t.portal, [("type", category == "tax" ? "consultation" : "complaint"),
                                                                         ("category", category), ("content", content), ("address", "茹龙镇"),
                                                                         ("phone", "13911112222")])
                #expect(page.status == .ok)
            }
            let office = t.workbench
            try await office.signInStaff("hotline", clock: t.clock)
            let report = try await office.get("/tickets/report?week=2026-03-04")
            #expect(report.contains("2026-03-02") && report.contains("2026-03-08"))
            #expect(report.contains("<td>路灯照明</td><td>2</td>") || report.contains("<li>路灯照明 <span class=\"muted\">2</span></li>"))
            let csv = try await office.get("/tickets/report.csv?week=2026-03-02")
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            #expect(csv.contains("城市管理,2") && csv.contains("税费咨询,1"))
            let empty = try await office.get("/tickets/report?week=2026-02-23")
            #expect(!empty.contains("路灯照明"))
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            #expect(try await handler.get("/tickets/report").status == .forbidden)
        }
    }
}
