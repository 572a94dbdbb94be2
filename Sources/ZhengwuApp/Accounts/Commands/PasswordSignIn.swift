import Fluent
import Vapor
import ZhengwuCore

/// The password step of signing in, shared by both faces: lock-out after repeated failures,
/// the same answer and timing for unknown names and wrong passwords, an audit record each time.
struct PasswordSignIn {
    enum Outcome {
        case accepted(Account)
        case rejected
        case locked(until: Date)
    }

    let app: Application
    let lockout = LockoutRule()

    func run(account: Account?, password: String, actor: AuditActor) async throws -> Outcome {
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
        if lockout.isLocked(until: account.lockedUntil, at: now), let until = account.lockedUntil {
            try await app.write { db in
                try await audit.append(on: db, actor: actor, action: "auth.signin.refused_locked", subject: subject)
            }
            return .locked(until: until)
        }
        if try await hasher.verify(password, against: account.passwordHash) {
            if account.failedAttempts != 0 || account.lockedUntil != nil {
                account.failedAttempts = 0
                account.lockedUntil = nil
                try await app.write { try await account.update(on: $0) }
            }
            return .accepted(account)
        }
        return try await recordFailure(of: account, reason: "password", actor: actor)
    }

    /// Counts a failed factor (a wrong password or a wrong TOTP code) toward the lock-out.
    func recordFailure(of account: Account, reason: String, actor: AuditActor) async throws -> Outcome {
        let audit = app.zhengwu.audit
        let (failures, lockedUntil) = lockout.afterFailure(previousFailures: account.failedAttempts, at: app.zhengwu.clock.now())
        account.failedAttempts = failures
        account.lockedUntil = lockedUntil
        let subject = "account:\(try account.requireID())"
        try await app.write { db in
            try await account.update(on: db)
            try await audit.append(on: db, actor: actor, action: "auth.signin.failure", subject: subject, detail: ["reason": reason])
            if let lockedUntil {
                try await audit.append(on: db, actor: actor, action: "auth.account.locked", subject: subject,
                                       detail: ["until": ISO8601DateFormatter().string(from: lockedUntil)])
            }
        }
        if let lockedUntil { return .locked(until: lockedUntil) }
        return .rejected
    }
}
