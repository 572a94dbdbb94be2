import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// Starting, finding and ending database-held sessions.
enum Sessions {
    /// Starts a fresh session (a new token at every sign-in, so a planted one is useless).
    private static func start(for account: Account, stage: AccountSession.Stage, on request: Request, database: Database) async throws -> String {
        let token = RandomToken.make()
        let now = request.now
        let record = AccountSession(
            tokenHash: RandomToken.hash(token), accountID: try account.requireID(), listener: request.listener.rawValue,
            stage: stage, now: now, expiresAt: now.addingTimeInterval(request.listener.absoluteTimeout),
            sourceAddress: request.clientAddress)
        try await record.create(on: database)
        if Int.random(in: 0..<50) == 0 {
            // Ended sessions are swept now and then by whoever signs in, not by a scheduler
            // that every instance would have to run.
            try await AccountSession.query(on: database).filter(\.$expiresAt < now).delete()
        }
        return token
    }

    /// Starts a session and records the sign-in step in the audit trail, in one transaction;
    /// `replacing` ends the half-signed-in session that the step completes.
    static func begin(for account: Account, stage: AccountSession.Stage, action: String, detail: [String: String] = [:],
                      replacing previous: String? = nil, on request: Request) async throws -> String {
        let actor = try AuditActor.account(account, from: request)
        return try await request.application.write { db in
            if let previous { try await end(previous, on: db) }
            let token = try await start(for: account, stage: stage, on: request, database: db)
            try await request.zhengwu.audit.append(on: db, actor: actor, action: action, subject: actor.id, detail: detail)
            return token
        }
    }

    static func setCookie(_ token: String, on response: Response, for request: Request) {
        response.cookies[request.cookieName(request.listener.sessionCookie)] = HTTPCookies.Value(
            string: token, isSecure: request.zhengwu.config.secureCookies, isHTTPOnly: true,
            sameSite: request.listener == .workbench ? .strict : .lax)
    }

    static func clearCookie(on response: Response, for request: Request) {
        response.cookies[request.cookieName(request.listener.sessionCookie)] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0,
            isSecure: request.zhengwu.config.secureCookies, isHTTPOnly: true)
    }

    /// The row behind a session token, with its account and department, in one query: this
    /// runs on every request of a signed-in person.
    private struct Loaded: Decodable {
        let id: String
        let accountId: UUID
        let stage: AccountSession.Stage
        let expiresAt: Date
        let lastSeenAt: Date
        let kind: AccountKind
        let displayName: String
        let departmentId: UUID?
        let disabledAt: Date?
        let mustChangePassword: Bool
        let departmentName: String?
        let regionCode: String?
    }

    static func load(token: String, on request: Request) async throws -> SignedIn? {
        let now = request.now
        let sql = request.db as! SQLDatabase
        guard let row = try await sql.raw("""
                SELECT s.id, s.account_id, s.stage, s.expires_at, s.last_seen_at, a.kind, a.display_name, a.department_id,
                       a.disabled_at, a.must_change_password, d.name AS department_name, d.region_code
                FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN departments d ON d.id = a.department_id
                WHERE s.id = \(bind: RandomToken.hash(token)) AND s.listener = \(bind: request.listener.rawValue)
                """).first(decoding: Loaded.self, keyDecodingStrategy: .convertFromSnakeCase),
              row.expiresAt > now,
              now.timeIntervalSince(row.lastSeenAt) < request.listener.idleTimeout,
              row.disabledAt == nil
        else { return nil }

        let expectedKind: Set<AccountKind> = request.listener == .workbench ? [.staff] : [.citizen, .firm]
        guard expectedKind.contains(row.kind) else { return nil }

        if now.timeIntervalSince(row.lastSeenAt) > 60 {
            // Idle expiry needs a recent "last seen"; a minute's precision saves a write per
            // request, and group commit lets these share commits with everything else.
            try await request.zhengwu.groupCommit.write { db in
                try await (db as! SQLDatabase).raw("UPDATE sessions SET last_seen_at = \(bind: now) WHERE id = \(bind: row.id)").run()
            }
        }
        let roles = try await sql.raw("SELECT role FROM account_roles WHERE account_id = \(bind: row.accountId)")
            .all().compactMap { try? $0.decode(column: "role", as: String.self) }.compactMap(Role.init(rawValue:))
        return SignedIn(
            sessionID: row.id, accountID: row.accountId, kind: row.kind, displayName: row.displayName, roles: Set(roles),
            departmentID: row.departmentId, departmentName: row.departmentName, regionCode: row.regionCode, stage: row.stage,
            mustChangePassword: row.mustChangePassword)
    }

    static func end(_ sessionID: String, on database: Database) async throws {
        try await AccountSession.query(on: database).filter(\.$id == sessionID).delete()
    }
}

/// Loads the signed-in account, if any, for every request of a listener.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if request.url.path.hasPrefix("/api/"), let bearer = request.headers.bearerAuthorization {
            // API clients present the token themselves; the browser's cookie is then ignored.
            request.signedIn = try await Sessions.load(token: bearer.token, on: request)
            request.authenticatedByBearer = true
            return try await next.respond(to: request)
        }
        if let token = request.cookies[request.cookieName(request.listener.sessionCookie)]?.string, !token.isEmpty {
            request.signedIn = try await Sessions.load(token: token, on: request)
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct BearerKey: StorageKey { typealias Value = Bool }

    /// Whether the request carried its session in an Authorization header, which a browser
    /// never adds on its own: such requests need no CSRF token.
    var authenticatedByBearer: Bool {
        get { storage[BearerKey.self] ?? false }
        set { storage[BearerKey.self] = newValue }
    }
}

/// Guards pages that need a signed-in account: unsigned visitors go to the sign-in page and
/// come back afterwards; a staff member half-way through sign-in goes to the TOTP step.
struct RequireAccountMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        switch request.signedIn?.stage {
        case .complete? where request.signedIn?.mustChangePassword == true && request.url.path != PasswordController.path:
            return request.redirect(to: PasswordController.path)
        case .complete?:
            return try await next.respond(to: request)
        case .awaitingSecondFactor?:
            return request.redirect(to: "/signin/second-factor")
        case nil:
            if request.url.path.hasPrefix("/api/") { throw Abort(.unauthorized) }
            return request.redirect(to: "/signin?next=\(SafeRedirect.encode(request.url.string))")
        }
    }
}
