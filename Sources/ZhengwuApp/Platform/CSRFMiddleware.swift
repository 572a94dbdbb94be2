import Crypto
import Vapor

/// Cross-site request forgery protection for every form (double-submit, signed).
///
/// Each browser gets a random secret in an HttpOnly cookie; forms carry an HMAC of it and of
/// the session, once there is one. Another site can make the browser send the cookie but can
/// neither read it nor compute the HMAC. Binding the session means a secret planted from a
/// sibling domain cannot forge a signed-in person's forms, and over HTTPS the `__Host-` name
/// stops such planting outright.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        // Open311 clients are authorised by their api_key alone; no forms, so no cookie either.
        if request.url.path.hasPrefix(Open311Controller.base + "/") { return try await next.respond(to: request) }
        let cookieName = request.cookieName(request.listener.csrfCookie)
        var issued: String?
        let secret: String
        if let existing = request.cookies[cookieName]?.string, existing.count == 43 {
            secret = existing
        } else {
            secret = RandomToken.make()
            issued = secret
        }
        request.csrfSecret = secret

        if ![.GET, .HEAD, .OPTIONS].contains(request.method), !Self.isExempt(request) {
            let submitted = request.headers.first(name: Self.headerName)
                ?? (try? request.content.get(String.self, at: Self.fieldName))
            guard issued == nil, let submitted, constantTimeEqual(submitted, request.csrfToken) else {
                throw AppError.csrfRejected
            }
        }

        let response = try await next.respond(to: request)
        if let issued {
            response.cookies[cookieName] = HTTPCookies.Value(
                string: issued, isSecure: request.zhengwu.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// API calls carrying a bearer token or no session at all, and the JSON sign-in: another site
    /// can make a browser send cookies and forms, but neither an Authorization header nor a
    /// JSON body without the browser first asking this server, which allows no other origin.
    static func isExempt(_ request: Request) -> Bool {
        guard request.url.path.hasPrefix("/api/") else { return false }
        // Without a session there is nothing to forge; the handler answers 401 itself.
        if request.authenticatedByBearer || request.signedIn == nil { return true }
        return request.url.path == "/api/v1/sessions" && request.headers.contentType == .json
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        return x.count == y.count && zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    private struct CSRFSecretKey: StorageKey { typealias Value = String }

    var csrfSecret: String? {
        get { storage[CSRFSecretKey.self] }
        set { storage[CSRFSecretKey.self] = newValue }
    }

    /// A cookie's name: with the `__Host-` prefix over HTTPS, which browsers accept only from
    /// this exact host, secure, for the whole site.
    func cookieName(_ base: String) -> String {
        zhengwu.config.secureCookies ? "__Host-" + base : base
    }

    /// The value forms carry in their hidden `_csrf` field.
    var csrfToken: String {
        guard let secret = csrfSecret else { return "" }
        let bound = [listener.rawValue, secret, signedIn?.sessionID ?? ""].joined(separator: ":")
        let mac = HMAC<SHA256>.authenticationCode(for: Array(bound.utf8), using: zhengwu.csrfKey)
        return Data(mac).base64URLEncodedString()
    }
}

/// Unguessable tokens for cookies: 32 random bytes, base64url (43 characters).
enum RandomToken {
    static func make() -> String {
        Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64URLEncodedString()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).lowercaseHex
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
