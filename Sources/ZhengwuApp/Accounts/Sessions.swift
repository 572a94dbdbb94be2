import Fluent
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

    static func load(token: String, on request: Request) async throws -> SignedIn? {
        let now = request.now
        guard let session = try await AccountSession.query(on: request.db)
            .filter(\.$id == RandomToken.hash(token))
            .filter(\.$listener == request.listener.rawValue)
            .first(),
            session.expiresAt > now,
            now.timeIntervalSince(session.lastSeenAt) < request.listener.idleTimeout,
            let account = try await Account.find(session.accountID, on: request.db),
            account.disabledAt == nil
        else { return nil }

        let expectedKind: Set<AccountKind> = request.listener == .workbench ? [.staff] : [.citizen, .firm]
        guard expectedKind.contains(account.kind) else { return nil }

        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            // Idle expiry needs a recent "last seen"; a minute's precision saves a write per request.
            // Through group commit: under load these share a commit with the submissions.
            session.lastSeenAt = now
            try await request.zhengwu.groupCommit.write { try await session.update(on: $0) }
        }
        let roles = try await AccountRole.query(on: request.db).filter(\.$accountID == session.accountID).all().map(\.role)
        var department: Department?
        if let departmentID = account.departmentID {
            department = try await Department.find(departmentID, on: request.db)
        }
        return SignedIn(
            sessionID: try session.requireID(), accountID: session.accountID, kind: account.kind,
            displayName: account.displayName, roles: Set(roles), departmentID: account.departmentID,
            departmentName: department?.name, regionCode: department?.regionCode, stage: session.stage,
            mustChangePassword: account.mustChangePassword)
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
