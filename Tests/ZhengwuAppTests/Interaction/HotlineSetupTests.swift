import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The hotline office's setup: the category tree and dispatch catalogue checked whole before
/// saving, deadlines that change the next dispatch, and the supervisor's board counting tickets.
@Suite("12345 setup and supervision")
struct HotlineSetupTests {
    @Test("categories and catalogue lines are checked before saving; an area line wins over the category's own; deadlines apply to the next dispatch")
    func setup() async throws {
        try await withTestApp { t in
            let office = t.workbench
            try await office.signInStaff("hotline", clock: t.clock)
            let text = { (key: String, args: [String: String]) in t.app.zhengwu.localizer.text(key, args, language: "zh-Hans") }
            // A malformed code is refused, naming it.
            let malformed = try await office.submit("/tickets/setup", to: "/tickets/setup/categories", [("code", "桥 梁"), ("name", "桥梁")])
            #expect(malformed.status == .unprocessableEntity && malformed.contains(text("ticket_category.bad_code", ["code": "桥 梁"])))
            let added = try await office.submit("/tickets/setup", to: "/tickets/setup/categories",
                                                [("code", "urban-road-bridge"), ("name", "桥梁"), ("parent", "urban-road"), ("reply_days", "5"),
                                                 ("takes_location", "yes")])
            #expect(added.status == .seeOther)
            // A fourth level is refused, naming the rule; nothing is stored.
            let tooDeep = try await office.submit("/tickets/setup", to: "/tickets/setup/categories",
                                                  [("code", "urban-road-bridge-deck"), ("name", "桥面"), ("parent", "urban-road-bridge")])
            #expect(tooDeep.status == .unprocessableEntity)
            #expect(tooDeep.contains(text("ticket_category.too_deep", ["code": "urban-road-bridge-deck", "max": "3"])))
            #expect(try await TicketCategoryRecord.query(on: t.app.db).filter(\.$code == "urban-road-bridge-deck").count() == 0)
            #expect(try await office.submit("/tickets/setup", to: "/tickets/setup/categories",
                                            [("code", "urban"), ("name", "重复")]).status == .unprocessableEntity)
            // Changing a category keeps its code; moving it under its own child is refused as a cycle.
            let editing = try await office.get("/tickets/setup?edit=urban-road-bridge")
            #expect(editing.contains("name=\"editing\" value=\"urban-road-bridge\"") && editing.contains("value=\"桥梁\""))
            #expect(try await office.submit("/tickets/setup", to: "/tickets/setup/categories",
                                            [("editing", "urban-road-bridge"), ("name", "桥梁与涵洞"), ("parent", "urban-road"),
                                             ("reply_days", "7"), ("takes_location", "yes")]).status == .seeOther)
            let changed = try #require(try await TicketCategoryRecord.query(on: t.app.db).filter(\.$code == "urban-road-bridge").first())
            #expect(changed.name == "桥梁与涵洞" && changed.replyDays == 7)
            let cycle = try await office.submit("/tickets/setup", to: "/tickets/setup/categories",
                                                [("editing", "urban-road"), ("name", "道路破损"), ("parent", "urban-road-bridge")])
            #expect(cycle.status == .unprocessableEntity)
            #expect(try await TicketCategoryRecord.query(on: t.app.db).filter(\.$code == "urban-road").first()?.parentCode == "urban")

            // 大盖镇's road tickets go to 住建局 instead of the category's 交通局.
            let zjj = try #require(try await Department.query(on: t.app.db).filter(\.$code == "ZJJ").first()?.id)
            #expect(try await office.submit("/tickets/setup", to: "/tickets/setup/rules",
                                            [("category", "urban-road"), ("area", "大盖镇"), ("lead", zjj.uuidString)]).status == .seeOther)
            #expect(try await office.submit("/tickets/setup", to: "/tickets/setup/rules",
                                            [("category", "urban-road"), ("area", "大盖镇"), ("lead", zjj.uuidString)]).status == .unprocessableEntity)
            let catalogue = try await TicketCatalogue.load(on: t.app.db)
            #expect(catalogue.suggestion(category: "urban-road-bridge", address: "新龙县大盖镇河坝")?.lead == zjj)
            let jtj = try #require(try await Department.query(on: t.app.db).filter(\.$code == "JTJ").first()?.id)
            #expect(catalogue.suggestion(category: "urban-road-bridge", address: "新龙县茹龙镇")?.lead == jtj)

            // Deadlines: out-of-range values are refused whole; a valid change applies to the next dispatch.
            var fields = [("sign_minutes", "5"), ("extension_cap", "15"), ("rectification_days", "15")]
            fields += TicketType.allCases.map { ("days_\($0.rawValue)", String($0.defaultReplyDays)) }
            #expect(try await office.submit("/tickets/setup", to: "/tickets/setup/settings", fields).status == .unprocessableEntity)
            fields[0] = ("sign_minutes", "60")
            fields = fields.map { $0.0 == "days_complaint" ? ("days_complaint", "5") : $0 }
            #expect(try await office.submit("/tickets/setup", to: "/tickets/setup/settings", fields).status == .seeOther)
            let settings = try await TicketSettings.load(on: t.app.db)
            #expect(settings.deadlines.signMinutes == 60 && settings.deadlines.replyDays(for: .complaint) == 5)
            // A department cannot change the setup.
            let handler = t.workbench
            try await handler.signInStaff("zjj-handler", clock: t.clock)
            #expect(try await handler.get("/tickets/setup").status == .forbidden)
        }
    }

    @Test("the supervisor's board counts open tickets by colour; a ticket not signed for in time is red")
    func board() async throws {
        try await withTestApp { t in
            let sent = try await TicketLoopTests.sendWebForm(t.portal, [("type", "help"), ("category", "social-assistance"),
                                                                       ("content", "家中老人生病无人照顾，请求帮助"), ("phone", "13911113333")])
            let number = try #require(sent.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            let ticket = try await TicketLoopTests.ticket(t, number)
            let office = t.workbench
            try await office.signInStaff("hotline", clock: t.clock)
            let mzj = try #require(try await Department.query(on: t.app.db).filter(\.$code == "MZJ").first()?.id)
            #expect(try await TicketLoopTests.step(office, ticket, "dispatch", [("lead", mzj.uuidString)]).status == .seeOther)
            let supervisor = t.workbench
            let secret = try await supervisor.signInStaff("supervisor", clock: t.clock)
            #expect(try await supervisor.get("/supervision").contains("/tickets?show=red\"><span class=\"badge badge-danger\">"))
            var counts = try await countsOnBoard(t, supervisor)
            #expect(counts.open >= 1 && counts.red == 0)
            // At 14:00 it is still not signed for (two working hours ran out at 13:30, after lunch):
            // red on the board and in the queue.
            t.clock.advance(by: 4 * 3600)
            try await supervisor.signInStaff("supervisor", clock: t.clock, secret: secret)
            counts = try await countsOnBoard(t, supervisor)
            #expect(counts.red == 1)
            #expect(try await supervisor.get("/tickets?show=red").contains(number))
            // The watch tells 民政局 once, however often it runs.
            let text = t.app.zhengwu.localizer.text("watch.ticket_sign", ["number": number, "summary": ticket.summary], language: "zh-Hans")
            #expect(try await WatchTickets.run(services: t.app.zhengwu, app: t.app, worker: "test") == 1)
            #expect(try await WatchTickets.run(services: t.app.zhengwu, app: t.app, worker: "test") == 0)
            let notices = try await StaffNotice.query(on: t.app.db).filter(\.$departmentID == mzj).filter(\.$text == text).all()
            #expect(Set(notices.compactMap(\.role)) == [Role.departmentHandler.rawValue, Role.departmentHead.rawValue])
        }
    }

    /// The board's ticket figures as the page shows them.
    private func countsOnBoard(_ t: TestApp, _ browser: Browser) async throws -> (open: Int, red: Int) {
        let page = try await browser.get("/supervision")
        let open = Int(page.capture(#"/tickets\?show=open">[^<0-9]*(\d+)"#) ?? "") ?? -1
        let red = Int(page.capture(#"/tickets\?show=red"><span class="badge badge-danger">[^<0-9]*(\d+)"#) ?? "") ?? -1
        return (open, red)
    }
}
