import Vapor

/// Language and elder-mode switches, kept in cookies so they work without JavaScript and
/// without an account; both faces use them.
struct PreferencesController {
    @Sendable func language(_ req: Request) async throws -> Response {
        let response = req.redirect(to: SafeRedirect.target(req.query["back"]))
        if let code = req.query[String.self, at: "to"], let language = Language.named(code) {
            response.cookies[PreferenceCookie.language] = cookie(language.code, req)
        }
        return response
    }

    @Sendable func elder(_ req: Request) async throws -> Response {
        let response = req.redirect(to: SafeRedirect.target(req.query["back"]))
        response.cookies[PreferenceCookie.elder] = cookie(req.query[String.self, at: "on"] == "1" ? "1" : "0", req)
        return response
    }

    private func cookie(_ value: String, _ req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: 365 * 24 * 3600, isSecure: req.zhengwu.config.secureCookies,
                          isHTTPOnly: true, sameSite: .lax)
    }
}

/// Liveness and readiness for the load balancer: `/healthz` says the process answers,
/// `/readyz` that it can reach its database.
struct HealthController {
    struct Status: Content {
        let status: String
    }

    @Sendable func live(_ req: Request) async throws -> Status { Status(status: "ok") }

    @Sendable func ready(_ req: Request) async throws -> Response {
        do {
            _ = try await Region.query(on: req.db).count()
            return try await Status(status: "ready").encodeResponse(for: req)
        } catch {
            req.logger.warning("readiness check failed: \(String(reflecting: error))")
            let response = try await Status(status: "database unreachable").encodeResponse(for: req)
            response.status = .serviceUnavailable
            return response
        }
    }
}
