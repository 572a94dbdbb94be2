import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Staff sign in with password and TOTP")
struct StaffSignInTests {
    @Test func firstSignInEnrolsTheAppWithAQRCode() async throws {
        try await withTestApp { t in
            let browser = t.workbench
            try await browser.submit("/signin", [("username", "fgj-head"), ("password", DemoCounty.password)])
            let enrol = try await browser.get("/signin/second-factor")
            #expect(enrol.status == .ok)
            #expect(enrol.contains("<svg"))
            let uri = try #require(enrol.capture(#"id="totp-uri">([^<]+)<"#))
            #expect(uri.hasPrefix("otpauth://totp/"))
            // Reloading offers the same secret until a code confirms it.
            let secret = try #require(enrol.capture(#"id="totp-secret">([A-Z2-7 ]+)<"#))
            #expect(try await browser.get("/signin/second-factor").capture(#"id="totp-secret">([A-Z2-7 ]+)<"#) == secret)
            // Nothing past the second step is open yet.
            #expect(try await browser.get("/").location == "/signin/second-factor")

            let code = TOTPGenerator(secret: Base32.decode(secret)!).code(at: t.clock.wallNow())
            let done = try await browser.post("/signin/second-factor", [("_csrf", enrol.csrfToken!), ("code", code), ("next", "/")])
            #expect(done.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.contains("陈志强"))
            #expect(home.contains("新龙县发展和改革局"))
            #expect(home.contains("部门负责人"))
            let account = try #require(try await Account.query(on: t.app.db).filter(\.$displayName == "陈志强").first())
            #expect(account.totpEnrolledAt != nil)
        }
    }

    @Test func aWrongCodeIsRefusedAndAUsedCodeCannotBeReplayed() async throws {
        try await withTestApp { t in
            let browser = t.workbench
            let secret = try await browser.signInStaff("window01", clock: t.clock)
            let home = try await browser.get("/")
            try await browser.post("/signout", [("_csrf", home.csrfToken!)])

            let other = t.workbench
            try await other.submit("/signin", [("username", "window01"), ("password", DemoCounty.password)])
            let page = try await other.get("/signin/second-factor")
            #expect(!page.contains("totp-secret"), "an enrolled account is not shown its secret again")
            let wrong = try await other.post("/signin/second-factor", [("_csrf", page.csrfToken!), ("code", "000000")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.contains("验证码不正确"))

            let code = TOTPGenerator(secret: secret).code(at: t.clock.wallNow())
            #expect(try await other.post("/signin/second-factor", [("_csrf", page.csrfToken!), ("code", code)]).status == .seeOther)
            let replay = t.workbench
            try await replay.submit("/signin", [("username", "window01"), ("password", DemoCounty.password)])
            let replayPage = try await replay.get("/signin/second-factor")
            #expect(try await replay.post("/signin/second-factor", [("_csrf", replayPage.csrfToken!), ("code", code)]).status == .unprocessableEntity)
        }
    }

    @Test func anAdministratorResetMakesThePersonEnrolAgain() async throws {
        try await withTestApp { t in
            let staff = t.workbench
            try await staff.signInStaff("gaj-handler", clock: t.clock)
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let target = try #require(try await Account.query(on: t.app.db).filter(\.$displayName == "黄建军").first())
            let id = try target.requireID().uuidString
            let show = try await admin.get("/admin/staff/\(id)")
            #expect(show.contains("已绑定验证器"))
            let reset = try await admin.post("/admin/staff/\(id)/reset_second_factor", [("_csrf", show.csrfToken!)])
            #expect(reset.location == "/admin/staff/\(id)?done=reset_second_factor")
            // The person's open session ends, and the next sign-in enrols a new app.
            #expect(try await staff.get("/").status == .seeOther)
            try await staff.submit("/signin", [("username", "gaj-handler"), ("password", DemoCounty.password)])
            #expect(try await staff.get("/signin/second-factor").contains("totp-secret"))
        }
    }

    @Test func afterTheCodeLocksTheAccountTheSignInFormStillWorks() async throws {
        try await withTestApp { t in
            let browser = t.workbench
            try await browser.submit("/signin", [("username", "zjj-handler"), ("password", DemoCounty.password)])
            var page = try await browser.get("/signin/second-factor")
            for _ in 0..<5 {
                page = try await browser.post("/signin/second-factor", [("_csrf", page.csrfToken ?? ""), ("code", "000000")])
            }
            #expect(page.contains("账户已临时锁定"))
            let again = try await browser.post("/signin", [("_csrf", page.csrfToken ?? ""), ("username", "zjj-handler"),
                                                            ("password", DemoCounty.password)])
            #expect(again.status == .unprocessableEntity, "the form on the lock-out page is accepted, not refused as forged")
            #expect(again.contains("账户已临时锁定"))
        }
    }

    @Test func theUnknownAndTheWrongPasswordGetTheSameAnswer() async throws {
        try await withTestApp { t in
            let unknown = try await t.workbench.submit("/signin", [("username", "nobody"), ("password", "whatever-123")])
            let wrong = try await t.workbench.submit("/signin", [("username", "sysadmin"), ("password", "whatever-123")])
            #expect(unknown.status == .unprocessableEntity && wrong.status == .unprocessableEntity)
            #expect(unknown.contains("用户名或密码不正确") && wrong.contains("用户名或密码不正确"))
        }
    }
}

@Suite("A drill clock does not shift the second factor")
struct DrillClockTests {
    @Test func codesFromARealPhoneWorkWhileBusinessTimeIsShifted() async throws {
        try await withTestApp { t in
            // The test clock starts at 2026-03-02, far from the real date the phone keeps.
            #expect(abs(t.clock.now().timeIntervalSince(t.clock.wallNow())) > 3600)
            let secret = try await t.workbench.signInStaff("zrj-head", clock: t.clock)
            let browser = t.workbench
            try await browser.submit("/signin", [("username", "zrj-head"), ("password", DemoCounty.password)])
            let page = try await browser.get("/signin/second-factor")
            let shiftedCode = TOTPGenerator(secret: secret).code(at: t.clock.now())
            let refused = try await browser.post("/signin/second-factor", [("_csrf", page.csrfToken!), ("code", shiftedCode)])
            #expect(refused.status == .unprocessableEntity)
        }
    }
}

@Suite("Disabling the account of someone who has left")
struct DisableAccountTests {
    @Test func aDisabledAccountIsSignedOutAndCannotSignInUntilEnabled() async throws {
        try await withTestApp { t in
            let leaver = t.workbench
            let secret = try await leaver.signInStaff("jtj-head", clock: t.clock)
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let target = try #require(try await Account.query(on: t.app.db).filter(\.$displayName == "曹路明").first())
            let id = try target.requireID().uuidString
            let show = try await admin.get("/admin/staff/\(id)")
            #expect(try await admin.post("/admin/staff/\(id)/disable", [("_csrf", show.csrfToken!)]).status == .seeOther)
            #expect(try await leaver.get("/").status == .seeOther)
            let refused = try await t.workbench.submit("/signin", [("username", "jtj-head"), ("password", DemoCounty.password)])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await admin.get("/admin/staff").contains("已停用"))

            #expect(try await admin.post("/admin/staff/\(id)/enable", [("_csrf", show.csrfToken!)]).status == .seeOther)
            t.clock.advance(by: 30)
            try await t.workbench.signInStaff("jtj-head", clock: t.clock, secret: secret)
            let actions = try await AuditEntry.query(on: t.app.db).filter(\.$subject == "account:\(id)").all().map(\.action)
            #expect(actions.contains("staff.disable") && actions.contains("staff.enable"))
        }
    }

    @Test func theSystemAdministratorCannotSilenceTheOtherAdministrators() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            for name in ["孙明察", "钱安宁"] {
                let target = try #require(try await Account.query(on: t.app.db).filter(\.$displayName == name).first())
                let id = try target.requireID().uuidString
                let show = try await admin.get("/admin/staff/\(id)")
                #expect(!show.contains("/disable\""))
                #expect(try await admin.post("/admin/staff/\(id)/disable", [("_csrf", show.csrfToken!)]).status == .forbidden)
                #expect(try await Account.find(target.requireID(), on: t.app.db)?.disabledAt == nil)
            }
        }
    }

    @Test func administratorsCannotDisableThemselves() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let me = try #require(try await Account.query(on: t.app.db).filter(\.$displayName == "赵建国").first())
            let id = try me.requireID().uuidString
            let show = try await admin.get("/admin/staff/\(id)")
            #expect(!show.contains("/disable\""))
            #expect(try await admin.post("/admin/staff/\(id)/disable", [("_csrf", show.csrfToken!)]).status == .forbidden)
        }
    }
}
