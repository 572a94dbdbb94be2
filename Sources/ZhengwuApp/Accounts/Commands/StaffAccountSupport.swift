import Fluent
import Vapor
import ZhengwuCore

/// The system administrator's help-desk actions on a staff account: clear a lock-out, or
/// reset the second factor so the person enrols a new phone at their next sign-in.
struct StaffAccountSupport {
    enum Action: String {
        case unlock
        case resetSecondFactor = "reset_second_factor"

        var policyAction: AccountPolicy.Action { self == .unlock ? .unlockAccount : .resetSecondFactor }
    }

    enum Outcome { case done, forbidden, notFound }

    let app: Application

    func run(_ action: Action, targetID: UUID, by actor: Actor, audit auditActor: AuditActor) async throws -> Outcome {
        guard AccountPolicy.permits(actor, action.policyAction) else { return .forbidden }
        guard let target = try await StaffDirectory(actor: actor, database: app.db).find(targetID) else { return .notFound }
        switch action {
        case .unlock:
            target.failedAttempts = 0
            target.lockedUntil = nil
        case .resetSecondFactor:
            target.totpSecretSealed = nil
            target.totpEnrolledAt = nil
            target.totpLastStep = nil
        }
        let audit = app.zhengwu.audit
        try await app.write { db in
            try await target.update(on: db)
            // Existing sessions of the person end too: a lost phone must not stay signed in.
            if action == .resetSecondFactor {
                try await AccountSession.query(on: db).filter(\.$accountID == targetID).delete()
            }
            try await audit.append(on: db, actor: auditActor, action: "staff.\(action.rawValue)", subject: "account:\(targetID)")
        }
        return .done
    }
}
