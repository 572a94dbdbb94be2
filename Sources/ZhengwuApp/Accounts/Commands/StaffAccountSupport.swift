import Fluent
import Vapor
import ZhengwuCore

/// The system administrator's help-desk actions on a staff account: clear a lock-out, reset
/// the second factor so the person enrols a new phone at their next sign-in, or disable the
/// account of someone who has left (and enable it again). Accounts are never deleted: the audit
/// trail refers to them.
struct StaffAccountSupport {
    enum Action: String {
        case unlock
        case resetSecondFactor = "reset_second_factor"
        case disable
        case enable

        func policyAction(targetRoles: Set<Role>) -> AccountPolicy.Action {
            switch self {
            case .unlock: .unlockAccount
            case .resetSecondFactor: .resetSecondFactor
            case .disable, .enable: .disableAccount(targetRoles: targetRoles)
            }
        }

        /// Actions after which the person's open sessions must end.
        var endsSessions: Bool { self == .resetSecondFactor || self == .disable }
    }

    enum Outcome { case done, forbidden, notFound }

    let app: Application

    func run(_ action: Action, targetID: UUID, by actor: Actor, audit auditActor: AuditActor) async throws -> Outcome {
        guard let target = try await StaffDirectory(actor: actor, database: app.db).find(targetID) else { return .notFound }
        let targetRoles = Set(try await AccountRole.query(on: app.db).filter(\.$accountID == targetID).all().map(\.role))
        guard AccountPolicy.permits(actor, action.policyAction(targetRoles: targetRoles)) else { return .forbidden }
        // Disabling oneself would leave the install without its administrator.
        if action == .disable, actor.accountID == targetID.uuidString { return .forbidden }
        switch action {
        case .unlock:
            target.failedAttempts = 0
            target.lockedUntil = nil
        case .resetSecondFactor:
            target.totpSecretSealed = nil
            target.totpEnrolledAt = nil
            target.totpLastStep = nil
        case .disable:
            target.disabledAt = app.zhengwu.clock.now()
        case .enable:
            target.disabledAt = nil
        }
        let audit = app.zhengwu.audit
        try await app.write { db in
            try await target.update(on: db)
            // Existing sessions end too: a lost phone or a departed person must not stay signed in.
            if action.endsSessions {
                try await AccountSession.query(on: db).filter(\.$accountID == targetID).delete()
            }
            try await audit.append(on: db, actor: auditActor, action: "staff.\(action.rawValue)", subject: "account:\(targetID)")
        }
        return .done
    }
}
