import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Input no honest form sends, against the 12345 form and its pages: script in every field comes
/// back escaped, direction overrides are dropped, oversized, malformed, mistyped and invalid UTF-8
/// bodies get a clear 4xx and store nothing, and long Chinese text is held to its limit.
/// `Tests/e2e/hostile.py` sends the same kinds of input to every form of both listeners.
@Suite("Hostile input")
struct HostileInputTests {
    static let script = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"

    static func count(_ t: TestApp) async throws -> Int { try await Ticket.query(on: t.app.db).count() }

    @Test("script in every field comes back escaped on the receipt, the tracking page and the staff page; overrides are dropped")
    func scriptIsEscaped() async throws {
        try await withTestApp { t in
            let receipt = try await TicketLoopTests.sendWebForm(t.portal, [
                ("type", "complaint"), ("category", "urban-road"), ("name", "张三\u{202E}fdp<script>alert(1)</script>"),
                ("phone", "13912340001"), ("address", "茹龙镇" + Self.script), ("content", "路面塌陷😀" + Self.script),
                ("email", "a@b.cn")])
            let number = try #require(receipt.capture(#"(\d{8}-[A-Z0-9]{4}-[A-Z0-9]{4})"#))
            let ticket = try await TicketLoopTests.ticket(t, number)
            #expect(!ticket.content.contains("\u{202E}") && ticket.content.contains("😀"))
            let name = try t.app.zhengwu.vault.open(ticket.callerNameSealed)
            #expect(name == "张三fdp<script>alert(1)</script>")
            let tracked = try await t.portal.submit("/12345", to: "/12345/track", [("number", number), ("secret", "13912340001")])
            let office = t.workbench
            try await office.signInStaff("hotline", clock: t.clock)
            let staff = try await office.get("/tickets/\(ticket.requireID())?reveal=1")
            for page in [tracked, staff] {
                #expect(page.status == .ok)
                #expect(!page.contains("<script>alert(1)") && !page.contains("<img src=x"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
        }
    }

    @Test("oversized, malformed, mistyped and invalid UTF-8 bodies get a 4xx and store nothing")
    func badBodies() async throws {
        try await withTestApp { t in
            let before = try await Self.count(t)
            let browser = t.portal
            let form = try await browser.get("/12345/new")
            let token = try #require(form.csrfToken)
            // Past the form's limit (photos included): refused before it is read.
            let huge = try await browser.postRaw("/12345/track", Array(repeating: UInt8(ascii: "a"), count: 300_000),
                                                 contentType: "application/x-www-form-urlencoded")
            #expect(huge.status == .payloadTooLarge)
            // Each body below would file a ticket if it were read leniently: every field is there.
            let fields = [("_csrf", token), ("type", "complaint"), ("category", "urban-road"), ("phone", "13912340002"),
                          ("address", "茹龙镇团结街"), ("content", "路面塌陷，请尽快修复")]
            let parts = fields.map { "--zz\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
            let unclosed = try await browser.postRaw("/12345/new", Array(parts.utf8), contentType: "multipart/form-data; boundary=zz")
            #expect(unclosed.status == .badRequest)
            #expect(unclosed.contains(t.app.zhengwu.localizer.text("error.form_body.message", language: "zh-Hans")))
            let cut = try await browser.postRaw("/12345/new", Array((parts + "--zz\r\nContent-Disposition: form-da").utf8),
                                                contentType: "multipart/form-data; boundary=zz")
            #expect(cut.status == .badRequest)
            let object = "{" + fields.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
            let json = try await browser.postRaw("/12345/new", Array(object.utf8), contentType: "application/json")
            #expect(json.status == .unsupportedMediaType)
            let untyped = try await browser.postRaw("/12345/new", Array(object.utf8), contentType: "text/plain")
            #expect(untyped.status == .unsupportedMediaType)
            let encoded = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
            let notUTF8 = try await browser.postRaw("/12345/new", Array(encoded.utf8) + Array("%E8%B7%FF".utf8),
                                                    contentType: "application/x-www-form-urlencoded")
            #expect(notUTF8.status == .badRequest)
            #expect(try await Self.count(t) == before)
            // The same fields, well formed, are filed: the refusals above were the bodies' doing.
            let whole = try await browser.postRaw("/12345/new", Array((parts + "--zz--\r\n").utf8),
                                                  contentType: "multipart/form-data; boundary=zz")
            #expect(whole.status == .seeOther)
            #expect(try await Self.count(t) == before + 1)
        }
    }

    @Test("long Chinese text is held to its limit with a clear message")
    func longText() async throws {
        try await withTestApp { t in
            let fields = [("type", "suggestion"), ("category", "health"), ("phone", "13912340003")]
            let tooLong = try await TicketLoopTests.sendWebForm(t.portal, fields + [("content", String(repeating: "长", count: 4001))])
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.contains(t.app.zhengwu.localizer.text("ticket.error.content", ["max": "4000"], language: "zh-Hans")))
            let atLimit = try await TicketLoopTests.sendWebForm(t.portal, fields + [("content", String(repeating: "长", count: 4000))])
            #expect(atLimit.status == .ok)
            // A field past its length is refused with a message, not cut short and stored.
            let before = try await Self.count(t)
            let longAddress = try await TicketLoopTests.sendWebForm(t.portal, fields + [("content", "门诊排队时间过长"),
                                                                                       ("address", String(repeating: "路", count: 201))])
            #expect(longAddress.status == .unprocessableEntity)
            #expect(longAddress.contains(t.app.zhengwu.localizer.text("form.too_long", ["max": "200"], language: "zh-Hans")))
            #expect(try await Self.count(t) == before)
        }
    }
}
