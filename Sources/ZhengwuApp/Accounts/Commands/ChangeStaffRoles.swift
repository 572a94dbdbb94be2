import Fluent
import Vapor
import ZhengwuCore

/// The security administrator sets a staff member's roles; RoleRules keeps the three
/// administrators separate and stops anyone changing their own roles.
struct ChangeStaffRoles {
    enum Outcome {
        case changed(added: [Role], removed: [Role])
        case refused([RoleRules.Violation])
        case notFound
    }

    let app: Application

    func run(targetID: UUID, roles: Set<Role>, by actor: Actor, audit auditActor: AuditActor) async throws -> Outcome {
        let violations = RoleRules.violations(actor: actor, changingRolesOf: targetID.uuidString, to: roles)
        guard violations.isEmpty else { return .refused(violations) }
        guard let target = try await StaffDirectory(actor: actor, database: app.db).find(targetID) else { return .notFound }
        let audit = app.zhengwu.audit
        let targetAccountID = try target.requireID()
        return try await app.write { db in
            let current = Set(try await AccountRole.query(on: db).filter(\.$accountID == targetAccountID).all().map(\.role))
            let added = roles.subtracting(current).sorted()
            let removed = current.subtracting(roles).sorted()
            if !removed.isEmpty {
                try await AccountRole.query(on: db).filter(\.$accountID == targetAccountID).filter(\.$role ~~ removed).delete()
            }
            for role in added { try await AccountRole(accountID: targetAccountID, role: role).create(on: db) }
            if !added.isEmpty || !removed.isEmpty {
                try await audit.append(on: db, actor: auditActor, action: "permission.roles_changed",
                                       subject: "account:\(targetAccountID)",
                                       detail: ["added": added.map(\.rawValue).joined(separator: ","),
                                                "removed": removed.map(\.rawValue).joined(separator: ",")])
            }
            return .changed(added: added, removed: removed)
        }
    }
}
