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

    /// The session behind a token, with its account, department and roles, in one query read
    /// column by column: this runs on every request of a signed-in person.
    static func load(token: String, on request: Request) async throws -> SignedIn? {
        let now = request.now
        let sql = request.db as! SQLDatabase
        let roleList: SQLQueryString = sql.dialect.name == "postgresql" ? "string_agg(role, ',')" : "group_concat(role, ',')"
        guard let row = try await sql.raw("""
                SELECT s.id, s.account_id, s.stage, s.expires_at, s.last_seen_at, a.kind, a.display_name, a.department_id,
                       a.disabled_at, a.must_change_password, d.name AS department_name, d.region_code,
                       (SELECT \(roleList) FROM account_roles r WHERE r.account_id = s.account_id) AS roles
                FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN departments d ON d.id = a.department_id
                WHERE s.id = \(bind: RandomToken.hash(token)) AND s.listener = \(bind: request.listener.rawValue)
                """).first() else { return nil }
        let sessionID = try row.decode(column: "id", as: String.self)
        let accountID = try row.decode(column: "account_id", as: UUID.self)
        let lastSeenAt = try row.decode(column: "last_seen_at", as: Date.self)
        guard try row.decode(column: "expires_at", as: Date.self) > now,
              now.timeIntervalSince(lastSeenAt) < request.listener.idleTimeout,
              try row.decode(column: "disabled_at", as: Date?.self) == nil,
              let stage = AccountSession.Stage(rawValue: try row.decode(column: "stage", as: String.self)),
              let kind = AccountKind(rawValue: try row.decode(column: "kind", as: String.self))
        else { return nil }

        let expectedKind: Set<AccountKind> = request.listener == .workbench ? [.staff] : [.citizen, .firm]
        guard expectedKind.contains(kind) else { return nil }

        if now.timeIntervalSince(lastSeenAt) > 60 {
            // Idle expiry needs a recent "last seen"; a minute's precision saves a write per
            // request, and group commit lets these share commits with everything else.
            try await request.zhengwu.groupCommit.write { db in
                try await (db as! SQLDatabase).raw("UPDATE sessions SET last_seen_at = \(bind: now) WHERE id = \(bind: sessionID)").run()
            }
        }
        let roles = (try row.decode(column: "roles", as: String?.self) ?? "").split(separator: ",")
            .compactMap { Role(rawValue: String($0)) }
        return SignedIn(
            sessionID: sessionID, accountID: accountID, kind: kind, displayName: try row.decode(column: "display_name", as: String.self),
            roles: Set(roles), departmentID: try row.decode(column: "department_id", as: UUID?.self),
            departmentName: try row.decode(column: "department_name", as: String?.self),
            regionCode: try row.decode(column: "region_code", as: String?.self), stage: stage,
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self))
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
