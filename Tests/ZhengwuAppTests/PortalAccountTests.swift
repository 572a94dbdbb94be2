import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Citizens and firms register and sign in on the portal")
struct PortalAccountTests {
    let citizen: [(String, String)] = [
        ("kind", "citizen"), ("name", "央金拉姆"), ("id_number", "11010519491231002x"), ("phone", "13912345678"),
        ("password", "Yak-butter-42"), ("password_confirmation", "Yak-butter-42"), ("consent", "yes"),
    ]

    @Test func aCitizenRegistersSignsInAndSeesMaskedData() async throws {
        try await withTestApp { t in
            let browser = t.portal
            let registered = try await browser.submit("/register", citizen)
            #expect(registered.status == .seeOther)
            #expect(registered.location == "/signin?registered=1")

            let signedIn = try await browser.signInPortal("13912345678", password: "Yak-butter-42")
            #expect(signedIn.status == .seeOther)
            let account = try await browser.get("/account")
            #expect(account.status == .ok)
            #expect(account.contains("110105********002X"))
            #expect(account.contains("139****5678"))
            #expect(!account.contains("11010519491231002X"))

            // Stored sealed, found by keyed hash, never in the clear.
            let stored = try #require(try await Account.query(on: t.app.db).filter(\.$displayName == "央金拉姆").first())
            let sealed = try #require(stored.idNumberSealed)
            #expect(!sealed.contains("1949"))
            #expect(try t.app.zhengwu.vault.open(sealed) == "11010519491231002X")
            #expect(stored.idNumberIndex == LoginIdentifier.idNumber("11010519491231002X", vault: t.app.zhengwu.vault))
        }
    }

    @Test func theIDNumberAlsoSignsIn() async throws {
        try await withTestApp { t in
            let browser = t.portal
            try await browser.submit("/register", citizen)
            let signedIn = try await browser.signInPortal("11010519491231002x", password: "Yak-butter-42")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/account")
        }
    }

    @Test func aBadIDNumberIsExplainedAndNothingIsLost() async throws {
        try await withTestApp { t in
            var fields = citizen
            fields[2] = ("id_number", "110105194912310021")
            let page = try await t.portal.submit("/register", fields)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("身份证号码校验位不正确"))
            #expect(page.contains("value=\"央金拉姆\""))
            #expect(page.contains("value=\"13912345678\""))
            #expect(!page.contains("Yak-butter-42"))
            #expect(try await Account.query(on: t.app.db).filter(\.$displayName == "央金拉姆").count() == 0)
        }
    }

    @Test func everyProblemIsListedWithItsField() async throws {
        try await withTestApp { t in
            let page = try await t.portal.submit("/register", [("kind", "citizen"), ("name", ""), ("id_number", "1234"),
                                                                ("phone", "12345"), ("password", "short"),
                                                                ("password_confirmation", "other")])
            #expect(page.status == .unprocessableEntity)
            for anchor in ["#f-name", "#f-id_number", "#f-phone", "#f-password", "#f-password_confirmation", "#f-consent"] {
                #expect(page.contains("href=\"\(anchor)\""), "missing \(anchor)")
            }
            #expect(page.contains("身份证号码应为18位"))
        }
    }

    @Test func aFirmRegistersWithItsCreditCode() async throws {
        try await withTestApp { t in
            let browser = t.portal
            let page = try await browser.submit("/register", [
                ("kind", "firm"), ("name", "新龙县示例有限公司"), ("credit_code", "91350100m000100y43"), ("phone", "13700000000"),
                ("password", "Firm-pass-2026"), ("password_confirmation", "Firm-pass-2026"), ("consent", "yes"),
            ])
            #expect(page.status == .seeOther)
            #expect(try await browser.signInPortal("91350100M000100Y43", password: "Firm-pass-2026").status == .seeOther)
            #expect(try await browser.get("/account").contains("91350100M000100Y43"))
        }
    }

    @Test func aNumberRegisteredTwiceIsRefused() async throws {
        try await withTestApp { t in
            try await t.portal.submit("/register", citizen)
            var again = citizen
            again[3] = ("phone", "13912345679")
            let page = try await t.portal.submit("/register", again)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("该身份证号码已注册"))
        }
    }

    @Test func signOutEndsTheSession() async throws {
        try await withTestApp { t in
            let browser = t.portal
            _ = try await browser.signInPortal("13800000001")
            #expect(try await browser.get("/account").status == .ok)
            let home = try await browser.get("/")
            try await browser.post("/signout", [("_csrf", home.csrfToken ?? "")])
            #expect(try await browser.get("/account").status == .seeOther)
            #expect(try await AccountSession.query(on: t.app.db).count() == 0)
        }
    }

    @Test func staffCannotSignInOnThePortal() async throws {
        try await withTestApp { t in
            let page = try await t.portal.signInPortal("sysadmin")
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("账号或密码不正确"))
        }
    }
}

@Suite("Changing a password")
struct ChangePasswordTests {
    @Test func aWrongCurrentPasswordChangesNothing() async throws {
        try await withTestApp { t in
            let browser = t.portal
            _ = try await browser.signInPortal("13800000002")
            let form = try await browser.get("/account/password")
            let page = try await browser.post("/account/password", [("_csrf", form.csrfToken!), ("current_password", "not-it-123"),
                                                                   ("password", "New-pass-2026"), ("password_confirmation", "New-pass-2026")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("当前密码不正确"))
            #expect(try await t.portal.signInPortal("13800000002").status == .seeOther)
        }
    }

    @Test func guessingTheCurrentPasswordIsLimited() async throws {
        try await withTestApp { t in
            let browser = t.workbench
            try await browser.signInStaff("scj-handler", clock: t.clock)
            let token = try await browser.get("/account/password").csrfToken!
            var last: Browser.Page?
            for attempt in 0...RateLimits.signInPerAccount.limit {
                last = try await browser.post("/account/password", [("_csrf", token), ("current_password", "guess-\(attempt)"),
                                                                    ("password", "New-pass-2026"), ("password_confirmation", "New-pass-2026")])
            }
            #expect(last?.status == .tooManyRequests)
        }
    }

    @Test func aChangeSignsOutOtherDevicesAndTheNewPasswordWorks() async throws {
        try await withTestApp { t in
            let phone = t.portal, laptop = t.portal
            _ = try await phone.signInPortal("13800000003")
            _ = try await laptop.signInPortal("13800000003")
            let form = try await laptop.get("/account/password")
            let done = try await laptop.post("/account/password", [("_csrf", form.csrfToken!), ("current_password", DemoCounty.password),
                                                                  ("password", "New-pass-2026"), ("password_confirmation", "New-pass-2026")])
            #expect(done.location == "/account/password?done=1")
            #expect(try await laptop.get("/account").status == .ok)
            #expect(try await phone.get("/account").status == .seeOther)
            #expect(try await t.portal.signInPortal("13800000003").status == .unprocessableEntity)
            #expect(try await t.portal.signInPortal("13800000003", password: "New-pass-2026").status == .seeOther)
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "account.password_changed").count() == 1)
        }
    }
}
