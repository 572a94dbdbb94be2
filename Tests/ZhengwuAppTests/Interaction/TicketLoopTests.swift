import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The 12345 closed loop end to end, through the pages people use: intake on the portal and by
/// phone, dispatch from the catalogue, sign for, return, re-dispatch, extension, reply, tracking,
/// follow-up with a bad rating and its rectification, merging, answering on the spot, and the
/// public list with personal data masked. The test clock starts Monday 2026-03-02 10:00.
@Suite("12345 tickets")
struct TicketLoopTests {
    static let days: TimeInterval = 86_400

    static func department(_ t: TestApp, _ code: String) async throws -> UUID {
        try #require(try await Department.query(on: t.app.db).filter(\.$code == code).first()?.id)
    }

    static func ticket(_ t: TestApp, _ number: String) async throws -> Ticket {
        try #require(try await Ticket.query(on: t.app.db).filter(\.$number == number).first())
    }

    /// Sends the portal form as a browser does (multipart), following the redirect to the receipt.
    static func sendWebForm(_ browser: Browser, _ fields: [(String, String)],
                            photos: [(field: String, name: String, bytes: [UInt8])] = []) async throws -> Browser.Page {
        let form = try await browser.get("/12345/new")
        let token = try #require(form.csrfToken)
        let sent = try await browser.postMultipart("/12345/new", [("_csrf", token)] + fields, files: photos)
        guard sent.status == .seeOther, let receipt = sent.location else { return sent }
        return try await browser.get(receipt)
    }

    static func step(_ browser: Browser, _ ticket: Ticket, _ step: String, _ fields: [(String, String)] = []) async throws -> Browser.Page {
        let id = try ticket.requireID()
        return try await browser.submit("/tickets/\(id)", to: "/tickets/\(id)/steps/\(step)", fields)
    }

    static func text(_ t: TestApp, _ key: String, _ arguments: [String: String] = [:]) -> String {
        t.app.zhengwu.localizer.text(key, arguments, language: "zh-Hans")
    }

    @Test("a web complaint goes round the whole loop: dispatch, return, re-dispatch, extension, reply, follow-up, bad rating, rectification")
    func wholeLoop() async throws {
        try await withTestApp { t in
            let citizen = t.portal
            // Bad input changes nothing; a disclosure request is pointed to its own form.
            let before = try await Ticket.query(on: t.app.db).count()
            let empty = try await Self.sendWebForm(citizen, [("type", "complaint"), ("category", "urban-road"), ("content", ""),
                                                              ("phone", "12345")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains(Self.text(t, "ticket.error.content", ["max": "4000"])) && empty.contains(Self.text(t, "ticket.error.location")))
            let referred = try await Self.sendWebForm(citizen, [("type", "consultation"), ("category", "referred-disclosure"),
                                                                 ("content", "我想申请公开征地补偿方案"), ("phone", "13912345678")])
            #expect(referred.contains("/open/requests/new"))
            let notPhoto = try await Self.sendWebForm(citizen, [("type", "complaint"), ("category", "urban-road"), ("content", "路面塌陷"),
                                                                 ("address", "茹龙镇"), ("phone", "13912345678")],
                                                       photos: [("photos[]", "a.pdf", Array("%PDF-1.4 x".utf8))])
            #expect(notPhoto.status == .unprocessableEntity)
            #expect(try await Ticket.query(on: t.app.db).count() == before)

            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
            let sent = try await Self.sendWebForm(citizen, [
                ("type", "complaint"), ("category", "urban-road"), ("name", "赵大勇"), ("phone", "13912345678"),
                ("content", "茹龙镇建设路12号门前路面塌陷，已有车辆受损，我的电话13912345678，请尽快修复"), ("address", "新龙县茹龙镇建设路12号"),
                ("latitude", "30.9396"), ("longitude", "100.3122"), ("consent", "yes"),
            ], photos: [("photos[]", "road.png", png)])
            #expect(sent.status == .ok)
            let number = try #require(sent.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            var ticket = try await Self.ticket(t, number)
            #expect(ticket.status == .received && ticket.channel == .web)
            #expect(!ticket.callerPhoneSealed.contains("13912345678"))
            #expect(try await TicketPhoto.query(on: t.app.db).filter(\.$ticketID == ticket.requireID()).count() == 1)

            // The dispatcher sees it, with the catalogue's lead (交通局) and helper (住建局) chosen.
            let office = t.workbench
            let officeSecret = try await office.signInStaff("hotline", clock: t.clock)
            #expect(try await office.get("/tickets?show=received").contains(number))
            let id = try ticket.requireID()
            let jtj = try await Self.department(t, "JTJ"), zjj = try await Self.department(t, "ZJJ")
            let page = try await office.get("/tickets/\(id)")
            #expect(page.contains("<option value=\"\(jtj)\" selected>"))
            // The caller's number is masked for staff unless they ask for it, on the record.
            #expect(page.contains("139****5678"))
            #expect(try await office.get("/tickets/\(id)?reveal=1").contains("<span class=\"mono\">13912345678</span>"))
            #expect(try await Self.step(office, ticket, "dispatch", [("lead", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(office, ticket, "dispatch", [("lead", jtj.uuidString), ("helpers[]", zjj.uuidString)]).status == .seeOther)
            ticket = try await Self.ticket(t, number)
            // Complaint: 10 working days from Monday 2 March is Monday 16 March; sign for within 2 working hours.
            #expect(ticket.status == .dispatched && ticket.replyBy == "2026-03-16")
            // Dispatched a few seconds after 10:00, so the two working hours run over lunch (12:00-13:30).
            #expect(ticket.signBy == ticket.dispatchedAt?.addingTimeInterval(2 * 3600 + 90 * 60))

            // Another department does not see it; the helper sees it but cannot sign for it.
            let tax = t.workbench
            try await tax.signInStaff("swj-handler", clock: t.clock)
            #expect(try await tax.get("/tickets/\(id)").status == .notFound)
            #expect(!(try await tax.get("/tickets").contains(number)))
            let helper = t.workbench
            let helperSecret = try await helper.signInStaff("zjj-handler", clock: t.clock)
            #expect(try await helper.get("/tickets").contains(number))
            #expect(try await Self.step(helper, ticket, "sign").status == .forbidden)

            // The lead returns it as mis-routed; it leaves their queue and waits for re-dispatch.
            let lead = t.workbench
            try await lead.signInStaff("jtj-handler", clock: t.clock)
            #expect(try await Self.step(lead, ticket, "return", [("reason", "")]).status == .unprocessableEntity)
            #expect(try await Self.step(lead, ticket, "return", [("reason", "城区道路养护属住建局职责")]).status == .seeOther)
            ticket = try await Self.ticket(t, number)
            #expect(ticket.status == .returned && ticket.returnCount == 1)
            #expect(!(try await lead.get("/tickets").contains(number)))
            #expect(try await office.get("/tickets?show=returned").contains(number))
            #expect(try await Self.step(office, ticket, "dispatch", [("lead", zjj.uuidString)]).status == .seeOther)

            // 住建局 signs, asks for 5 more days; the office approves: 15 working days, Monday 23 March.
            #expect(try await Self.step(helper, ticket, "sign").status == .seeOther)
            let tooMany = try await Self.step(helper, ticket, "extension", [("days", "30"), ("reason", "需协调施工单位")])
            #expect(tooMany.status == .unprocessableEntity)
            #expect(try await Self.step(helper, ticket, "extension", [("days", "5"), ("reason", "需协调施工单位")]).status == .seeOther)
            #expect(try await office.get("/tickets?show=extension").contains(number))
            #expect(try await Self.step(helper, ticket, "extension-approve").status == .forbidden)
            #expect(try await Self.step(office, ticket, "extension-approve").status == .seeOther)
            ticket = try await Self.ticket(t, number)
            #expect(ticket.replyBy == "2026-03-23" && ticket.extensionDays == 5)

            // The reply, three days later; the caller tracks it with the number and phone.
            t.clock.advance(by: 3 * Self.days)
            try await helper.signInStaff("zjj-handler", clock: t.clock, secret: helperSecret)
            #expect(try await Self.step(helper, ticket, "reply", [("text", "太短")]).status == .unprocessableEntity)
            let reply = "经查，赵大勇反映的建设路12号门前路面已于3月5日修复，联系电话13912345678已回复。"
            #expect(try await Self.step(helper, ticket, "reply", [("text", reply)]).status == .seeOther)
            ticket = try await Self.ticket(t, number)
            #expect(ticket.status == .replied && ticket.repliedOnTime == true)
            #expect(try await citizen.submit("/12345", to: "/12345/track", [("number", number), ("secret", "13900000000")]).status == .notFound)
            let tracked = try await citizen.submit("/12345", to: "/12345/track", [("number", number), ("secret", "139 1234 5678")])
            #expect(tracked.status == .ok && tracked.contains("3月5日修复"))
            #expect(try await Notification.query(on: t.app.db).filter(\.$receiptNumber == number).count() >= 3)

            // The office's follow-up call: the caller is dissatisfied, which opens a rectification for 住建局.
            try await office.signInStaff("hotline", clock: t.clock, secret: officeSecret)
            #expect(try await office.get("/tickets?show=replied").contains(number))
            #expect(try await Self.step(office, ticket, "follow-up", [("note", "诉求人认为修复质量差"), ("level", "2"), ("comment", "修得不平")]).status == .seeOther)
            ticket = try await Self.ticket(t, number)
            #expect(ticket.status == .closed)
            let rating = try #require(try await Rating.query(on: t.app.db).filter(\.$subjectID == id).first())
            #expect(rating.level == 2 && rating.departmentID == zjj && rating.channel == .followUp && rating.named)
            let task = try #require(try await Rectification.query(on: t.app.db).filter(\.$ratingID == rating.requireID()).first())
            // 15 working days from Thursday 5 March: Thursday 26 March.
            #expect(task.dueOn == "2026-03-26" && task.followUpNeeded && task.status == .open)
            // Rated once: the caller cannot rate it again online.
            let again = try await citizen.submit("/12345", to: "/12345/rate", [("number", number), ("secret", "13912345678"), ("level", "5")])
            #expect(again.status == .conflict)

            // Published with consent: names, phones and the house number masked.
            let list = try await citizen.get("/12345/replies?q=%E8%B7%AF%E9%9D%A2")
            #expect(list.contains("3月5日修复"))
            #expect(!list.contains("13912345678") && list.contains("139****5678"))
            #expect(!list.contains("赵大勇") && list.contains("赵**"))
            #expect(!list.contains("建设路12号"))
        }
    }

    @Test("an anonymous message is tracked with the code on its receipt, never with the number alone")
    func anonymousTracking() async throws {
        try await withTestApp { t in
            let receipt = try await Self.sendWebForm(t.portal, [("type", "report"), ("category", "market-food"), ("anonymous", "yes"),
                                                                 ("content", "团结街某餐馆后厨卫生条件很差，老鼠出没"), ("address", "茹龙镇团结街")])
            let number = try #require(receipt.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            let code = try #require(receipt.capture(#"<strong class="mono big">([A-Z0-9]{8})</strong>"#))
            let ticket = try await Self.ticket(t, number)
            #expect(ticket.isAnonymous && !ticket.accessCodeIndex.isEmpty && !ticket.accessCodeIndex.contains(code))
            // The receipt shows the code only with the code itself: a reload shows it, a guess does not.
            #expect(!(try await t.portal.get("/12345/received/\(number)?code=AAAAAAAA").contains("AAAAAAAA</strong>")))
            #expect(try await t.portal.submit("/12345", to: "/12345/track", [("number", number), ("secret", "")]).status == .notFound)
            #expect(try await t.portal.submit("/12345", to: "/12345/track", [("number", number), ("secret", "AAAAAAAA")]).status == .notFound)
            let tracked = try await t.portal.submit("/12345", to: "/12345/track", [("number", number), ("secret", code.lowercased())])
            #expect(tracked.status == .ok && tracked.contains("老鼠出没"))
        }
    }

    @Test("an operator takes a call with the keyboard form, answers a consultation from the knowledge base and closes it on the spot")
    func answerOnTheSpot() async throws {
        try await withTestApp { t in
            let office = t.workbench
            try await office.signInStaff("hotline", clock: t.clock)
            let call = try await office.get("/tickets/call")
            #expect(call.contains("autofocus") && call.contains("accesskey=\"k\"") && call.contains("accesskey=\"s\""))
            let fields = [("type", "consultation"), ("category", "police"), ("phone", "13712345678"), ("name", "卓玛"),
                          ("content", "身份证丢了怎么补办")]
            let found = try await office.submit("/tickets/call", fields + [("action", "search"), ("q", "身份证")])
            #expect(found.contains("身份证丢了怎么补办？") && found.contains("13712345678"))
            let article = try #require(try await KnowledgeArticle.query(on: t.app.db).filter(\.$question == "身份证丢了怎么补办？").first())
            // Only consultations can be closed this way.
            let wrongType = try await office.submit("/tickets/call", [("type", "complaint")] + fields.dropFirst()
                                                    + [("action", "save"), ("article", article.id!.uuidString)])
            #expect(wrongType.status == .unprocessableEntity)
            let saved = try await office.submit("/tickets/call", fields + [("action", "save"), ("article", article.id!.uuidString)])
            #expect(saved.status == .seeOther)
            let ticket = try #require(try await Ticket.query(on: t.app.db).filter(\.$channel == .phone).first())
            #expect(ticket.status == .closed && ticket.articleID == article.id && ticket.reply == article.answer)
            #expect(try await KnowledgeArticle.find(article.id, on: t.app.db)?.usedCount == 1)
            // A department handler cannot take calls.
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            #expect(try await handler.get("/tickets/call").status == .forbidden)
        }
    }

    @Test("a repeat of an open ticket is suggested, merged, and its caller hears of the parent's reply")
    func duplicatesMerge() async throws {
        try await withTestApp { t in
            let first = try await Self.sendWebForm(t.portal, [
                ("type", "complaint"), ("category", "urban-light"), ("phone", "13911110001"),
                ("content", "茹龙镇雅砻江大道路灯连续三晚不亮，夜间行人看不清路"), ("address", "茹龙镇雅砻江大道"),
                ("latitude", "30.9400"), ("longitude", "100.3100"),
            ])
            let second = try await Self.sendWebForm(t.portal, [
                ("type", "complaint"), ("category", "urban-light"), ("phone", "13911110002"),
                ("content", "雅砻江大道路灯不亮好几天了"), ("address", "雅砻江大道"), ("latitude", "30.9410"), ("longitude", "100.3105"),
            ])
            // Far away: not suggested even with the same words.
            let far = try await Self.sendWebForm(t.portal, [
                ("type", "complaint"), ("category", "urban-light"), ("phone", "13911110003"),
                ("content", "雅砻江大道路灯不亮好几天了"), ("address", "大盖镇"), ("latitude", "31.2000"), ("longitude", "100.5000"),
            ])
            let parentNumber = try #require(first.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            let childNumber = try #require(second.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            let farNumber = try #require(far.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            let child = try await Self.ticket(t, childNumber)
            let office = t.workbench
            try await office.signInStaff("hotline", clock: t.clock)
            let page = try await office.get("/tickets/\(child.requireID())")
            #expect(page.contains(parentNumber) && !page.contains(farNumber))
            #expect(try await Self.step(office, child, "merge", [("parent", childNumber)]).status == .unprocessableEntity)
            #expect(try await Self.step(office, child, "merge", [("parent", parentNumber)]).status == .seeOther)
            #expect(try await Self.ticket(t, childNumber).status == .merged)
            // Merging the parent on into the far ticket takes its merged child along.
            let parentTicket = try await Self.ticket(t, parentNumber)
            #expect(try await Self.step(office, parentTicket, "merge", [("parent", farNumber)]).status == .seeOther)
            let farID = try await Self.ticket(t, farNumber).requireID()
            #expect(try await Self.ticket(t, childNumber).parentID == farID)

            // The new parent is dispatched and answered; the first merged ticket's caller is told too.
            let parent = try await Self.ticket(t, farNumber)
            let zjj = try await Self.department(t, "ZJJ")
            #expect(try await Self.step(office, parent, "dispatch", [("lead", zjj.uuidString)]).status == .seeOther)
            let handler = t.workbench
            try await handler.signInStaff("zjj-handler", clock: t.clock)
            #expect(try await Self.step(handler, parent, "sign").status == .seeOther)
            #expect(try await Self.step(handler, parent, "reply", [("text", "雅砻江大道路灯线路已抢修，当晚恢复照明。已电话13911110001告知。")]).status == .seeOther)
            let told = try await Notification.query(on: t.app.db).filter(\.$receiptNumber == childNumber).all().map(\.message)
            #expect(told.contains(Self.text(t, "sms.ticket.reply", ["number": farNumber])))
            let tracked = try await t.portal.submit("/12345", to: "/12345/track", [("number", childNumber), ("secret", "13911110002")])
            // The other caller's number in the parent's reply is masked for this caller.
            #expect(tracked.contains("当晚恢复照明") && !tracked.contains("13911110001") && tracked.contains("139****0001"))
        }
    }
}
