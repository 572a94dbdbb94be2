import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// The TOTP step of a staff sign-in. At first sign-in it also completes enrolment: the secret
/// offered on the page is stored only once the person proves their app produces its codes.
struct ConfirmSecondFactor {
    enum Outcome {
        case confirmed
        case wrongCode
        case locked(until: Date)
    }

    let app: Application

    func run(account: Account, session: AccountSession, code: String, actor: AuditActor) async throws -> Outcome {
        let vault = app.zhengwu.vault
        let now = app.zhengwu.clock.now()
        let signIn = PasswordSignIn(app: app)
        if signIn.lockout.isLocked(until: account.lockedUntil, at: now), let until = account.lockedUntil {
            return .locked(until: until)
        }
        let enrolling = account.totpSecretSealed == nil
        guard let sealed = account.totpSecretSealed ?? session.pendingTOTPSealed,
              let secret = Base32.decode(try vault.open(sealed)) else { return .wrongCode }

        let generator = TOTPGenerator(secret: secret)
        guard let step = generator.matchingStep(for: code, at: app.zhengwu.clock.wallNow(), lastUsedStep: account.totpLastStep) else {
            if let until = try await signIn.recordFailure(of: account, reason: "second_factor", actor: actor) {
                return .locked(until: until)
            }
            return .wrongCode
        }
        let audit = app.zhengwu.audit
        let accountID = try account.requireID()
        let accepted = try await app.write { db -> Bool in
            let sql = db as! SQLDatabase
            // Claims the code's time step in one statement: of two requests racing with the
            // same code, only one finds the step still unused.
            var update = sql.update(Account.schema).set("totp_last_step", to: step).set("failed_attempts", to: 0)
                .set("locked_until", to: SQLLiteral.null)
            if enrolling {
                update = update.set("totp_secret_sealed", to: sealed).set("totp_enrolled_at", to: now)
            }
            let claimed = try await update.where("id", .equal, accountID)
                .where(group: { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step) })
                .returning("id").all()
            guard !claimed.isEmpty else { return false }
            if enrolling {
                try await audit.append(on: db, actor: actor, action: "auth.second_factor.enrolled", subject: "account:\(accountID)")
            }
            return true
        }
        return accepted ? .confirmed : .wrongCode
    }
}
