import Foundation
import Testing
import Vapor
@testable import ZhengwuApp

@Suite("Error pages")
struct ErrorPageTests {
    struct Failing: AsyncResponder {
        func respond(to request: Request) async throws -> Response {
            throw NSError(domain: "database", code: 7, userInfo: [NSLocalizedDescriptionKey: "secret table layout"])
        }
    }

    @Test func anUnexpectedFailureIsA500InTheLayoutWithoutDetails() async throws {
        try await withTestApp { t in
            for (language, sentence) in [("zh-CN", "系统暂时出现问题"), ("en", "")] {
                let request = Request(application: t.app, method: .GET, url: "/anything",
                                      headers: ["Accept-Language": language], on: t.app.eventLoopGroup.next())
                request.listener = .portal
                request.language = Language.negotiate(language)
                let response = try await ErrorPageMiddleware().respond(to: request, chainingTo: Failing())
                let body = String(buffer: try #require(response.body.buffer))
                #expect(response.status == .internalServerError)
                #expect(body.contains("class=\"skip-link\""))
                #expect(!body.contains("secret table layout"))
                if !sentence.isEmpty { #expect(body.contains(sentence)) }
                #expect(body.contains("lang=\"\(request.language.code)\""))
            }
        }
    }

    @Test func apiPathsAnswerJSON() async throws {
        try await withTestApp { t in
            let page = try await t.workbench.get("/api/v1/me")
            #expect(page.status == .unauthorized)
            #expect(page.headers.contentType == .json)
            #expect(page.contains("\"status\":401"))
        }
    }

    @Test func aShiftedClockIsAnnouncedOnEveryPage() async throws {
        try await withTestApp { t in
            let page = try await t.portal.get("/")
            #expect(page.contains("演练时钟"))
            // The drill clock runs on from 10:00; on a loaded machine the app can take over a
            // minute to start, so the hour is what is certain.
            #expect(page.contains("2026-03-02T10:"))
        }
    }
}
