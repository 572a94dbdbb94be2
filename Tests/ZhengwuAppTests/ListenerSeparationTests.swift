import Foundation
import Testing
import Vapor
@testable import ZhengwuApp

@Suite("Two listeners: the portal never serves staff routes, and vice versa")
struct ListenerSeparationTests {
    @Test(arguments: ["/admin/staff", "/audit", "/admin/calendar", "/signin/second-factor", "/api/v1/me"])
    func staffRoutesDoNotExistOnThePortal(path: String) async throws {
        try await withTestApp { t in
            let page = try await t.portal.get(path)
            #expect(page.status == .notFound)
            #expect(page.contains("页面不存在"))
        }
    }

    @Test(arguments: ["/register", "/account", "/tools/deadline", "/accessibility"])
    func citizenPagesDoNotExistOnTheWorkbench(path: String) async throws {
        try await withTestApp { t in
            let page = try await t.workbench.get(path)
            #expect(page.status == .notFound)
        }
    }

    @Test func workbenchPagesAskForSignIn() async throws {
        try await withTestApp { t in
            let page = try await t.workbench.get("/admin/staff")
            #expect(page.status == .seeOther)
            #expect(page.location == "/signin?next=/admin/staff")
        }
    }

    @Test func bothListenersReportHealthAndReadiness() async throws {
        try await withTestApp { t in
            for browser in [t.portal, t.workbench] {
                let live = try await browser.get("/healthz")
                #expect(live.status == .ok && live.contains("\"ok\""))
                let ready = try await browser.get("/readyz")
                #expect(ready.status == .ok && ready.contains("\"ready\""))
            }
        }
    }

    @Test func realSocketsKeepTheFacesApart() async throws {
        try await withTestApp { t in
            let server = ZhengwuServer(app: t.app)
            try await server.start()
            let (portalPort, staffPort) = server.ports
            #expect(portalPort != staffPort && portalPort > 0 && staffPort > 0)
            let onPortal = try await t.app.client.get("http://127.0.0.1:\(portalPort)/audit")
            let onStaff = try await t.app.client.get("http://127.0.0.1:\(staffPort)/audit")
            let staffSignIn = try await t.app.client.get("http://127.0.0.1:\(staffPort)/signin")
            let portalHome = try await t.app.client.get("http://127.0.0.1:\(portalPort)/")
            await server.shutdown()
            #expect(onPortal.status == .notFound)
            // The client follows the redirect to the staff sign-in page.
            #expect(onStaff.body.map { String(buffer: $0) }?.contains("工作人员登录") == true)
            #expect(staffSignIn.body.map { String(buffer: $0) }?.contains("工作人员登录") == true)
            let home = portalHome.body.map { String(buffer: $0) } ?? ""
            #expect(home.contains("新龙县人民政府"))
            #expect(home.contains("0836-12345"), "the footer shows the service centre's phone")
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await withTestApp { t in
            for page in [try await t.portal.get("/"), try await t.portal.get("/missing"), try await t.workbench.get("/signin")] {
                let csp = page.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
        }
    }
}
