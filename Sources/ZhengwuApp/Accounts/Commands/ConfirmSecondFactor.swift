import Fluent
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
        let enrolling = account.totpSecretSealed == nil
        guard let sealed = account.totpSecretSealed ?? session.pendingTOTPSealed,
              let secret = Base32.decode(try vault.open(sealed)) else { return .wrongCode }

        let generator = TOTPGenerator(secret: secret)
        guard let step = generator.matchingStep(for: code, at: now, lastUsedStep: account.totpLastStep) else {
            switch try await PasswordSignIn(app: app).recordFailure(of: account, reason: "second_factor", actor: actor) {
            case .locked(let until): return .locked(until: until)
            default: return .wrongCode
            }
        }
        account.totpLastStep = step
        account.failedAttempts = 0
        if enrolling {
            account.totpSecretSealed = sealed
            account.totpEnrolledAt = now
        }
        let audit = app.zhengwu.audit
        let subject = "account:\(try account.requireID())"
        try await app.write { db in
            try await account.update(on: db)
            if enrolling {
                try await audit.append(on: db, actor: actor, action: "auth.second_factor.enrolled", subject: subject)
            }
        }
        return .confirmed
    }
}
