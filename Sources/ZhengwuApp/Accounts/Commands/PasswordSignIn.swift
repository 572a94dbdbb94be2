import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// The password step of signing in, shared by both faces: lock-out after repeated failures,
/// the same answer and timing for unknown names and wrong passwords, an audit record each time.
///
/// The password is always checked, even for a locked account, and "locked" is said only to
/// someone who gave the right password: without it, the answers do not tell which accounts
/// exist or are locked.
struct PasswordSignIn {
    enum Outcome {
        case accepted(Account)
        case rejected
        case locked(until: Date)
    }

    let app: Application
    let lockout = LockoutRule()

    /// `completesSignIn` is false when a second factor follows: the failure count is then
    /// cleared only once that factor succeeds, so alternating a right password with wrong
    /// codes never escapes the lock-out.
    func run(account: Account?, password: String, completesSignIn: Bool, actor: AuditActor) async throws -> Outcome {
        let hasher = PasswordHasher(app: app)
        let audit = app.zhengwu.audit
        let now = app.zhengwu.clock.now()

        guard let account, account.disabledAt == nil else {
            try await hasher.verifyAgainstNothing(password)
            try await app.write { db in
                try await audit.append(on: db, actor: actor, action: "auth.signin.failure", subject: "unknown-login",
                                       detail: ["reason": "unknown_or_disabled"])
            }
            return .rejected
        }
        let subject = "account:\(try account.requireID())"
        let passwordMatches = try await hasher.verify(password, against: account.passwordHash)
        if lockout.isLocked(until: account.lockedUntil, at: now), let until = account.lockedUntil {
            try await app.write { db in
                try await audit.append(on: db, actor: actor, action: "auth.signin.refused_locked", subject: subject)
            }
            return passwordMatches ? .locked(until: until) : .rejected
        }
        guard passwordMatches else {
            _ = try await recordFailure(of: account, reason: "password", actor: actor)
            return .rejected
        }
        if completesSignIn, account.failedAttempts != 0 || account.lockedUntil != nil {
            try await Self.clearFailures(of: account, in: app)
        }
        return .accepted(account)
    }

    /// Counts a failed factor (a wrong password or a wrong TOTP code) toward the lock-out. The
    /// count is incremented in the database, so parallel attempts cannot overwrite each other.
    func recordFailure(of account: Account, reason: String, actor: AuditActor) async throws -> Date? {
        let audit = app.zhengwu.audit
        let accountID = try account.requireID()
        let now = app.zhengwu.clock.now()
        let rule = lockout
        let lockedUntil: Date? = try await app.write { db in
            let sql = db as! SQLDatabase
            let row = try await sql.raw("""
                UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = \(bind: accountID) RETURNING failed_attempts
                """).first()
            let failures = try row?.decode(column: "failed_attempts", as: Int.self) ?? 1
            let (remaining, lockedUntil) = rule.afterFailure(previousFailures: failures - 1, at: now)
            if let lockedUntil {
                try await sql.update(Account.schema).set("failed_attempts", to: remaining).set("locked_until", to: lockedUntil)
                    .where("id", .equal, accountID).run()
            }
            try await audit.append(on: db, actor: actor, action: "auth.signin.failure", subject: "account:\(accountID)",
                                   detail: ["reason": reason])
            if let lockedUntil {
                try await audit.append(on: db, actor: actor, action: "auth.account.locked", subject: "account:\(accountID)",
                                       detail: ["until": ISO8601DateFormatter().string(from: lockedUntil)])
            }
            return lockedUntil
        }
        return lockedUntil
    }

    static func clearFailures(of account: Account, in app: Application) async throws {
        let accountID = try account.requireID()
        try await app.write { db in
            try await (db as! SQLDatabase).update(Account.schema).set("failed_attempts", to: 0).set("locked_until", to: SQLLiteral.null)
                .where("id", .equal, accountID).run()
        }
    }
}
