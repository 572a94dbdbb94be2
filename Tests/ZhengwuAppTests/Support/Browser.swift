import Foundation
import NIOCore
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// A minimal browser for one listener: keeps cookies, follows nothing automatically, and can
/// fill a form the way a person does (open the page, take its CSRF token, submit).
final class Browser: @unchecked Sendable {
    struct Page {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: String

        var location: String? { headers.first(name: .location) }

        func contains(_ text: String) -> Bool { body.contains(text) }

        /// The first capture of `pattern` in the body, e.g. a value shown on the page.
        func capture(_ pattern: String) -> String? {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
                  let match = regex.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)),
                  match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: body) else { return nil }
            return String(body[range])
        }

        var csrfToken: String? { capture(#"name="_csrf" value="([^"]+)""#) }
    }

    let app: Application
    let responder: Responder
    var cookies: [String: String] = [:]
    var address = "203.0.113.10"
    var headers: HTTPHeaders = [:]

    init(app: Application, responder: Responder) {
        self.app = app
        self.responder = responder
    }

    @discardableResult
    func get(_ path: String) async throws -> Page { try await send(.GET, path, body: nil) }

    @discardableResult
    func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// Opens `page`, then posts `fields` to `action` with the page's CSRF token.
    @discardableResult
    func submit(_ page: String, to action: String? = nil, _ fields: [(String, String)]) async throws -> Page {
        let opened = try await get(page)
        guard let token = opened.csrfToken else {
            throw Abort(.internalServerError, reason: "no CSRF token on \(page) (status \(opened.status))")
        }
        return try await post(action ?? page.components(separatedBy: "?")[0], [("_csrf", token)] + fields)
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._*"))) ?? text
    }

    /// Posts a multipart form (text fields plus files), as a browser does for uploads.
    @discardableResult
    func postMultipart(_ path: String, _ fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) async throws -> Page {
        let boundary = "----zw\(UInt64.random(in: 0...UInt64.max))"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await send(.POST, path, buffer: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Posts bytes as they are, with the content type given: for bodies no browser would send.
    @discardableResult
    func postRaw(_ path: String, _ bytes: [UInt8], contentType: String) async throws -> Page {
        try await send(.POST, path, buffer: ByteBuffer(bytes: bytes), contentType: contentType)
    }

    /// Sends JSON, optionally with a bearer token instead of the cookies.
    @discardableResult
    func json(_ method: HTTPMethod, _ path: String, _ body: some Encodable, bearer: String? = nil) async throws -> Page {
        let data = try JSONEncoder().encode(body)
        let saved = headers
        defer { headers = saved }
        if let bearer { headers.replaceOrAdd(name: .authorization, value: "Bearer \(bearer)") }
        return try await send(method, path, buffer: ByteBuffer(bytes: data), contentType: "application/json")
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> Page {
        try await send(method, path, buffer: body.map { ByteBuffer(string: $0) },
                       contentType: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    private func send(_ method: HTTPMethod, _ path: String, buffer: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers = self.headers
        if !cookies.isEmpty, headers.first(name: .authorization) == nil {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let request = Request(
            application: app, method: method, url: URI(string: path), headers: headers,
            collectedBody: buffer,
            remoteAddress: try SocketAddress(ipAddress: address, port: 40000), on: app.eventLoopGroup.next())
        let response = try await responder.respond(to: request).get()
        for (name, value) in response.cookies.all {
            if value.string.isEmpty || value.maxAge == 0 { cookies[name] = nil } else { cookies[name] = value.string }
        }
        let buffer = try await response.body.collect(on: request.eventLoop).get()
        return Page(status: response.status, headers: response.headers,
                    body: buffer.map { String(buffer: $0) } ?? "")
    }
}

extension Browser {
    /// Signs a staff member in through both factors, enrolling the TOTP app if needed.
    /// Returns the secret, so a test can produce later codes.
    @discardableResult
    func signInStaff(_ username: String, password: String = DemoCounty.password, clock: AppClock,
                     secret knownSecret: [UInt8]? = nil) async throws -> [UInt8] {
        let first = try await submit("/signin", [("username", username), ("password", password)])
        guard first.status == .seeOther, first.location?.hasPrefix("/signin/second-factor") == true else {
            throw Abort(.internalServerError, reason: "password step failed for \(username): \(first.status)")
        }
        let factorPage = try await get("/signin/second-factor")
        let secret: [UInt8]
        if let shown = factorPage.capture(#"id="totp-secret">([A-Z2-7 ]+)<"#) {
            secret = Base32.decode(shown)!
        } else if let knownSecret {
            secret = knownSecret
        } else {
            throw Abort(.internalServerError, reason: "\(username) is enrolled; pass the secret")
        }
        let code = TOTPGenerator(secret: secret).code(at: clock.wallNow())
        let done = try await post("/signin/second-factor", [("_csrf", factorPage.csrfToken ?? ""), ("code", code), ("next", "/")])
        guard done.status == .seeOther else {
            throw Abort(.internalServerError, reason: "second factor failed for \(username): \(done.status)")
        }
        // A code is accepted once; move past its 30-second step so a later sign-in gets a fresh one.
        clock.advance(by: 30)
        return secret
    }

    func signInPortal(_ login: String, password: String = DemoCounty.password) async throws -> Page {
        try await submit("/signin", [("login", login), ("password", password)])
    }
}
