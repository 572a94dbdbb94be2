import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Lock-out, rate limits and CSRF")
struct AbuseProtectionTests {
    @Test func fiveFailuresLockTheAccountUntilTheLockExpires() async throws {
        try await withTestApp { t in
            for attempt in 1...5 {
                let browser = t.workbench
                browser.address = "198.51.100.\(attempt)"
                _ = try await browser.submit("/signin", [("username", "publisher"), ("password", "wrong-password-1")])
            }
            let locked = try await t.workbench.submit("/signin", [("username", "publisher"), ("password", DemoCounty.password)])
            #expect(locked.status == .unprocessableEntity)
            #expect(locked.contains("账户已临时锁定"))
            let actions = try await AuditEntry.query(on: t.app.db).all().map(\.action)
            #expect(actions.filter { $0 == "auth.signin.failure" }.count == 5)
            #expect(actions.contains("auth.account.locked"))
            #expect(actions.contains("auth.signin.refused_locked"))

            t.clock.advance(by: 16 * 60)
            try await t.workbench.signInStaff("publisher", clock: t.clock)
        }
    }

    @Test func tooManySignInsFromOneAddressAreSlowedWithAClearMessage() async throws {
        try await withTestApp { t in
            let browser = t.portal
            browser.address = "192.0.2.77"
            var last: Browser.Page?
            for index in 0...RateLimits.signInPerAddress.limit {
                last = try await browser.submit("/signin", [("login", "1380000\(1000 + index)"), ("password", "nope-nope-1")])
            }
            let page = try #require(last)
            #expect(page.status == .tooManyRequests)
            #expect(page.contains("操作过于频繁"))
            #expect(Int(page.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)

            let elsewhere = t.portal
            elsewhere.address = "192.0.2.78"
            #expect(try await elsewhere.signInPortal("13800000001").status == .seeOther)
        }
    }

    @Test func theLimitMessageSpeaksTheReadersLanguage() async throws {
        try await withTestApp { t in
            let browser = t.portal
            browser.address = "192.0.2.99"
            browser.headers.replaceOrAdd(name: .acceptLanguage, value: "en-GB,en;q=0.9")
            var page: Browser.Page?
            for _ in 0...RateLimits.registrationPerAddress.limit {
                page = try await browser.submit("/register", [("kind", "citizen")])
            }
            #expect(page?.status == .tooManyRequests)
            #expect(page?.contains("lang=\"en\"") == true)
            #expect(page?.contains("操作过于频繁") == false)
        }
    }

    @Test func formsWithoutAValidTokenAreRefusedAndChangeNothing() async throws {
        try await withTestApp { t in
            let browser = t.portal
            _ = try await browser.get("/signin")
            let missing = try await browser.post("/signin", [("login", "13800000001"), ("password", DemoCounty.password)])
            #expect(missing.status == .forbidden)
            #expect(missing.contains("页面已过期或来源无法确认"))
            let forged = try await browser.post("/signin", [("_csrf", "forged"), ("login", "13800000001"), ("password", DemoCounty.password)])
            #expect(forged.status == .forbidden)

            // A token from another browser does not fit this browser's cookie.
            let other = t.portal
            let otherToken = try await other.get("/signin").csrfToken!
            let crossed = try await browser.post("/signin", [("_csrf", otherToken), ("login", "13800000001"), ("password", DemoCounty.password)])
            #expect(crossed.status == .forbidden)
            #expect(try await AccountSession.query(on: t.app.db).count() == 0)

            let staff = t.workbench
            let staffToken = try await staff.get("/signin").csrfToken!
            #expect(try await staff.post("/signin", [("_csrf", staffToken + "x"), ("username", "sysadmin"), ("password", DemoCounty.password)]).status == .forbidden)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await withTestApp { t in
            let browser = t.portal
            let token = try await browser.get("/register").csrfToken!
            let page = try await browser.post("/register", [("_csrf", token), ("name", String(repeating: "政", count: 200_000))])
            #expect(page.status == .payloadTooLarge)
        }
    }
}

@Suite("Every public submission is limited per address and per account")
struct SubmissionLimitTests {
    @Test func aSignedInAccountIsLimitedWhicheverAddressItUses() async throws {
        try await withTestApp { t in
            let browser = t.portal
            _ = try await browser.signInPortal("13800000001")
            let token = try await browser.get("/account/password").csrfToken!
            var last: Browser.Page?
            for index in 0...RateLimits.publicSubmissionPerAccount.limit {
                browser.address = "198.18.0.\(index % 250 + 1)"
                last = try await browser.post("/account/password", [("_csrf", token), ("current_password", "x")])
            }
            #expect(last?.status == .tooManyRequests)
        }
    }
}

@Suite("Sign-in hardening")
struct SignInHardeningTests {
    @Test func alternatingARightPasswordWithWrongCodesStillLocks() async throws {
        try await withTestApp { t in
            for round in 0..<5 {
                let browser = t.workbench
                browser.address = "198.51.100.\(round + 1)"
                try await browser.submit("/signin", [("username", "hotline"), ("password", DemoCounty.password)])
                let page = try await browser.get("/signin/second-factor")
                _ = try await browser.post("/signin/second-factor", [("_csrf", page.csrfToken!), ("code", "000000")])
            }
            let account = try #require(try await Account.query(on: t.app.db).filter(\.$displayName == "吴晓丽").first())
            #expect(account.lockedUntil != nil)
            #expect(account.totpSecretSealed == nil, "a locked account enrols nothing")
        }
    }

    @Test func lockedStateIsToldOnlyToWhoeverKnowsThePassword() async throws {
        try await withTestApp { t in
            for _ in 0..<5 { _ = try await t.portal.signInPortal("13800000002", password: "wrong-password-1") }
            let wrong = try await t.portal.signInPortal("13800000002", password: "wrong-password-1")
            #expect(wrong.contains("账号或密码不正确") && !wrong.contains("锁定"))
            let right = try await t.portal.signInPortal("13800000002")
            #expect(right.contains("账户已临时锁定"))
        }
    }

    @Test func aTOTPCodeIsAcceptedOnceEvenWhenRacing() async throws {
        try await withTestApp { t in
            let secret = try await t.workbench.signInStaff("window02", clock: t.clock)
            let first = t.workbench, second = t.workbench
            var tokens: [String] = []
            for browser in [first, second] {
                try await browser.submit("/signin", [("username", "window02"), ("password", DemoCounty.password)])
                tokens.append(try await browser.get("/signin/second-factor").csrfToken!)
            }
            let code = TOTPGenerator(secret: secret).code(at: t.clock.wallNow())
            async let a = first.post("/signin/second-factor", [("_csrf", tokens[0]), ("code", code)])
            async let b = second.post("/signin/second-factor", [("_csrf", tokens[1]), ("code", code)])
            let statuses = [try await a.status, try await b.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
        }
    }

    @Test func offSiteTargetsHiddenBehindControlCharactersAreRefused() {
        for target in ["/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/ok\n"] {
            #expect(SafeRedirect.target(target) == "/", "\(target.debugDescription)")
        }
        #expect(SafeRedirect.target("/tools/deadline?from=2026-02-10") == "/tools/deadline?from=2026-02-10")
    }

    @Test func hugePageNumbersAreHarmless() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let page = try await admin.get("/admin/staff?page=9223372036854775807")
            #expect(page.status == .ok)
            #expect(page.contains("没有符合条件的人员"))
        }
    }

    @Test func ipv6ClientsAreCountedByTheirNetwork() async throws {
        try await withTestApp { t in
            for suffix in 1...(RateLimits.signInPerAddress.limit + 1) {
                let browser = t.portal
                browser.address = "2001:db8:1:2::\(String(suffix, radix: 16))"
                let page = try await browser.submit("/signin", [("login", "1390000\(1000 + suffix)"), ("password", "nope-nope-12")])
                if suffix > RateLimits.signInPerAddress.limit { #expect(page.status == .tooManyRequests) }
            }
        }
    }

    @Test func productionNeverLoadsTheDemo() throws {
        let config = try ZhengwuConfig.resolve(flags: .init(environment: "production"),
                                               environment: ["ZHENGWU_RESOURCES_DIR": TestApp.packageRoot])
        #expect(!config.loadDemo)
    }
}
