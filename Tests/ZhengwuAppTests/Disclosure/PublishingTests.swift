import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Publishing with review")
struct PublishingTests {
    @Test("the submitter never publishes: a second publisher does, and the page gets its index number")
    func secondPairOfEyes() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let id = try await PublicationFixtures.draft(handler, title: "关于2026年城乡低保标准的通知", body: "各乡镇：\n\n低保标准调整为每月**800元**。")
            // A handler cannot publish, not even what someone else wrote.
            #expect(try await PublicationFixtures.step(handler, t, id, "submit").status == .seeOther)
            #expect(try await PublicationFixtures.step(handler, t, id, "publish").status == .forbidden)
            // Nothing is public before a publisher decides.
            #expect(try await t.portal.get("/open/MZJ/2026-00001").status == .notFound)

            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            #expect(try await PublicationFixtures.step(publisher, t, id, "publish").status == .seeOther)
            let page = try await t.portal.get("/open/MZJ/2026-00001")
            #expect(page.status == .ok)
            #expect(page.contains("关于2026年城乡低保标准的通知") && page.contains("<strong>800元</strong>"))
            #expect(page.contains("MZJ/2026-00001") && page.contains("新龙县民政局"))

            // The publisher's own submission waits for someone else.
            let own = try await PublicationFixtures.draft(publisher, title: "县政府办公室2026年工作要点", body: "要点。", organ: nil)
            #expect(try await PublicationFixtures.step(publisher, t, own, "submit").status == .seeOther)
            let barred = try await PublicationFixtures.step(publisher, t, own, "publish")
            #expect(barred.status == .forbidden)
            #expect(try await publisher.get("/disclosure/\(own)").contains(t.app.zhengwu.localizer.text("publication.review_barred", language: "zh-Hans")))
            let second = t.workbench
            try await second.signInStaff("publisher2", clock: t.clock)
            #expect(try await PublicationFixtures.step(second, t, own, "publish").status == .seeOther)
            #expect(try await PublicationFixtures.editions(t, of: own).last?.state == .published)
        }
    }

    @Test("another organ's staff learn nothing of a draft, and the public sees nothing before publication")
    func organScope() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let id = try await PublicationFixtures.draft(handler, title: "民政局内部草稿", body: "正文")
            let edition = try #require(try await PublicationFixtures.editions(t, of: id).last?.id)
            let tax = t.workbench
            try await tax.signInStaff("swj-handler", clock: t.clock)
            #expect(try await tax.get("/disclosure/\(id)").status == .notFound)
            #expect(!(try await tax.get("/disclosure?show=all")).contains("民政局内部草稿"))
            let token = try #require(try await tax.get("/disclosure").csrfToken)
            #expect(try await tax.post("/disclosure/editions/\(edition)/submit", [("_csrf", token)]).status == .notFound)
            #expect(try await tax.post("/disclosure/editions/\(edition)/publish", [("_csrf", token), ("publish_at", "x")]).status == .notFound)
            #expect(try await PublicationFixtures.editions(t, of: id).last?.state == .draft)
            #expect(!(try await t.portal.get("/open/catalogue")).contains("民政局内部草稿"))
        }
    }

    @Test("rejecting needs a comment and returns the edition to its writer")
    func rejecting() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let id = try await PublicationFixtures.draft(handler, title: "临时救助工作通知", body: "正文")
            try await PublicationFixtures.step(handler, t, id, "submit")
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            let silent = try await PublicationFixtures.step(publisher, t, id, "reject", [("note", "")])
            #expect(silent.status == .unprocessableEntity)
            #expect(try await PublicationFixtures.editions(t, of: id).last?.state == .submitted)
            #expect(try await PublicationFixtures.step(publisher, t, id, "reject", [("note", "请补充文号")]).status == .seeOther)
            let edition = try #require(try await PublicationFixtures.editions(t, of: id).last)
            #expect(edition.state == .draft && edition.reviewNote == "请补充文号")
            #expect(try await handler.get("/disclosure/\(id)").contains("请补充文号"))
        }
    }

    @Test("an emergency publication is marked until another publisher confirms it")
    func forcePublishing() async throws {
        try await withTestApp { t in
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            let id = try await PublicationFixtures.draft(publisher, title: "关于暴雨红色预警的紧急通知", body: "立即转移。")
            #expect(try await PublicationFixtures.step(publisher, t, id, "force", [("note", "")]).status == .unprocessableEntity)
            #expect(try await PublicationFixtures.step(publisher, t, id, "force", [("note", "夜间暴雨，无第二人在岗")]).status == .seeOther)
            let marked = try await t.portal.get("/open/ZFB/2026-00001")
            #expect(marked.contains("夜间暴雨，无第二人在岗") && marked.contains("notice-warning"))
            // The one who forced it cannot confirm it.
            #expect(try await PublicationFixtures.step(publisher, t, id, "confirm").status == .forbidden)
            let second = t.workbench
            try await second.signInStaff("publisher2", clock: t.clock)
            #expect(try await PublicationFixtures.step(second, t, id, "confirm").status == .seeOther)
            #expect(!(try await t.portal.get("/open/ZFB/2026-00001")).contains("夜间暴雨，无第二人在岗"))
        }
    }

    @Test("a scheduled edition is published once when its time comes, however many instances look")
    func scheduling() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let id = try await PublicationFixtures.draft(handler, title: "春节期间服务安排", body: "正文")
            try await PublicationFixtures.step(handler, t, id, "submit")
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            let past = try await PublicationFixtures.step(publisher, t, id, "publish", [("publish_at", "2026-03-01T09:00")])
            #expect(past.status == .unprocessableEntity)
            #expect(try await PublicationFixtures.step(publisher, t, id, "publish", [("publish_at", "2026-03-03T09:00")]).status == .seeOther)
            #expect(try await PublicationFixtures.editions(t, of: id).last?.state == .scheduled)
            #expect(try await PublishScheduled.run(services: t.app.zhengwu, app: t.app, worker: "a") == 0)
            #expect(try await t.portal.get("/open/MZJ/2026-00001").status == .notFound)

            t.clock.advance(by: 24 * 3600)
            // Two instances at once, and one more pass after the lease is gone: one publication.
            let editionID = try #require(try await PublicationFixtures.editions(t, of: id).last?.id)
            async let first = t.app.write { db in
                try await PublishScheduled.publishIfStillScheduled(editionID, now: t.clock.now(), audit: t.app.zhengwu.audit, on: db)
            }
            async let second = t.app.write { db in
                try await PublishScheduled.publishIfStillScheduled(editionID, now: t.clock.now(), audit: t.app.zhengwu.audit, on: db)
            }
            let claims = try await [first, second].filter { $0 }.count
            #expect(claims == 1)
            #expect(try await PublishScheduled.run(services: t.app.zhengwu, app: t.app, worker: "b") == 0)
            let audits = try await AuditEntry.query(on: t.app.db).filter(\.$action == "publication.published_on_schedule").count()
            #expect(audits == 1)
            #expect(try await t.portal.get("/open/MZJ/2026-00001").status == .ok)
            let serials = try await Publication.query(on: t.app.db).all().compactMap(\.indexSerial)
            #expect(serials == [1])
        }
    }

    @Test("banned words block submission with every occurrence shown, spaces and full-width forms included")
    func bannedWords() async throws {
        try await withTestApp { t in
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            #expect(try await publisher.submit("/disclosure/banned-terms", [("terms", "赌博\nABC\n\n赌博")]).status == .seeOther)
            #expect(try await BannedTerm.query(on: t.app.db).count() == 2)
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            // Banned-term management is not a handler's.
            #expect(try await handler.get("/disclosure/banned-terms").status == .forbidden)
            let id = try await PublicationFixtures.draft(handler, title: "关于打击赌 博的通告", body: "严禁<script>赌·博</script>和ａｂｃ活动。")
            let blocked = try await PublicationFixtures.step(handler, t, id, "submit")
            #expect(blocked.status == .unprocessableEntity)
            #expect(blocked.contains("<mark>赌 博</mark>") && blocked.contains("<mark>赌·博</mark>") && blocked.contains("<mark>ａｂｃ</mark>"))
            #expect(blocked.contains("&lt;script&gt;") && !blocked.contains("<script>赌"))
            #expect(try await PublicationFixtures.editions(t, of: id).last?.state == .draft)

            let fixed = try await handler.submit("/disclosure/\(id)/edit", PublicationFixtures.fields(title: "关于整治违法活动的通告", body: "严禁违法活动。"))
            #expect(fixed.status == .seeOther)
            #expect(try await PublicationFixtures.step(handler, t, id, "submit").status == .seeOther)
        }
    }

    @Test("new editions supersede old ones, which stay public; withdrawn pages stay, removed ones are gone")
    func editionsAndStatus() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let id = try await PublicationFixtures.draft(handler, title: "新龙县临时救助实施办法", body: "第一条 旧文本。", genre: "normative")
            try await PublicationFixtures.step(handler, t, id, "submit")
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            try await PublicationFixtures.step(publisher, t, id, "publish")
            #expect(try await t.portal.get("/open/MZJ/2026-00001").contains("badge-ok"))

            var fields = PublicationFixtures.fields(title: "新龙县临时救助实施办法（修订）", body: "第一条 新文本。", genre: "normative")
            fields.removeAll { $0.0 == "change_note" }
            fields.append(("change_note", "提高救助标准"))
            #expect(try await handler.submit("/disclosure/\(id)/edit", fields).status == .seeOther)
            try await PublicationFixtures.step(handler, t, id, "submit")
            try await PublicationFixtures.step(publisher, t, id, "publish")
            let current = try await t.portal.get("/open/MZJ/2026-00001")
            #expect(current.contains("新文本") && current.contains("/open/MZJ/2026-00001/editions/1") && current.contains("提高救助标准"))
            let old = try await t.portal.get("/open/MZJ/2026-00001/editions/1")
            #expect(old.status == .ok && old.contains("旧文本") && old.headers.first(name: "Link")?.contains("canonical") == true)
            // The index number does not change with a new edition.
            #expect(try await Publication.find(id, on: t.app.db)?.indexSerial == 1)

            // Repealed: said on the page and in search results.
            let abolished = try await publisher.submit("/disclosure/\(id)", to: "/disclosure/\(id)/status",
                                                       [("change", "validity"), ("validity", "abolished"), ("since", "2026-03-01"), ("note", "被新办法取代")])
            #expect(abolished.status == .seeOther)
            let repealed = try await t.portal.get("/open/MZJ/2026-00001")
            #expect(repealed.contains("被新办法取代") && repealed.contains("2026-03-01"))
            #expect(try await t.portal.get("/open/search?q=%E6%95%91%E5%8A%A9").contains("badge-danger"))

            let noReason = try await publisher.submit("/disclosure/\(id)", to: "/disclosure/\(id)/status", [("change", "withdraw"), ("note", "")])
            #expect(noReason.status == .unprocessableEntity)
            try await publisher.submit("/disclosure/\(id)", to: "/disclosure/\(id)/status", [("change", "withdraw"), ("note", "已整合进新办法")])
            let withdrawn = try await t.portal.get("/open/MZJ/2026-00001")
            #expect(withdrawn.status == .ok && withdrawn.contains("已整合进新办法"))
            #expect(!(try await t.portal.get("/open/catalogue")).contains("/open/MZJ/2026-00001"))

            try await publisher.submit("/disclosure/\(id)", to: "/disclosure/\(id)/status", [("change", "remove"), ("note", "误发")])
            let gone = try await t.portal.get("/open/MZJ/2026-00001")
            #expect(gone.status == .gone && gone.contains("误发") && !gone.contains("新文本"))
            #expect(try await t.portal.get("/open/MZJ/2026-00001/editions/1").status == .gone)
            #expect(!(try await t.portal.get("/open/search?q=%E6%95%91%E5%8A%A9")).contains("/open/MZJ/2026-00001"))
        }
    }

    @Test("attachments: office documents and PDFs pass, others are refused, PDF text is searchable")
    func attachments() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            let id = try await PublicationFixtures.draft(handler, title: "2026年民政预算公开", body: "详见附件。")
            let edition = try #require(try await PublicationFixtures.editions(t, of: id).last?.id)
            let page = try await handler.get("/disclosure/\(id)")
            let token = try #require(page.csrfToken)
            let exe = try await handler.postMultipart("/disclosure/editions/\(edition)/attachments", [("_csrf", token)],
                                                      files: [("file", "预算.pdf", Array("MZ\u{90}\u{0}".utf8))])
            #expect(exe.status == .unprocessableEntity)
            #expect(try await PublicationAttachment.query(on: t.app.db).count() == 0)
            let pdf = try await handler.postMultipart("/disclosure/editions/\(edition)/attachments", [("_csrf", token)],
                                                      files: [("file", "预算表.pdf", PublicationFixtures.pdf("budget quinoaplan"))])
            #expect(pdf.status == .seeOther)
            try await PublicationFixtures.step(handler, t, id, "submit")
            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            try await PublicationFixtures.step(publisher, t, id, "publish")
            let public_ = try await t.portal.get("/open/MZJ/2026-00001")
            let link = try #require(public_.capture(#"href="(/open/MZJ/2026-00001/attachments/[^"]+)""#))
            let file = try await t.portal.get(link)
            #expect(file.status == .ok && file.headers.first(name: .contentType) == "application/pdf")
            #expect(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            if PDFText.tool != nil {
                #expect(try await t.portal.get("/open/search?q=quinoaplan").contains("2026年民政预算公开"))
            }
        }
    }
}
