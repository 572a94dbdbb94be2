import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// The one place staff records are queried for the workbench. Every query starts from the
/// actor's scope (AccountPolicy), so no page can list or open someone outside it.
struct StaffDirectory {
    struct Row: Encodable, Sendable {
        let id: String
        let username: String
        let name: String
        let department: String
        let roles: [String]
        let locked: Bool
        let enrolled: Bool
        let disabled: Bool
    }

    let actor: Actor
    let database: Database

    private var scope: AccountPolicy.StaffScope { AccountPolicy.scopeOfStaffDirectory(for: actor) }

    private func scoped() -> QueryBuilder<Account> {
        let query = Account.query(on: database).filter(\.$kind == .staff)
        switch scope {
        case .onlySelf:
            return query.filter(\.$id == UUID(uuidString: actor.accountID) ?? UUID())
        case .department(let id):
            return query.filter(\.$departmentID == UUID(uuidString: id) ?? UUID())
        case .region(let code):
            return query.join(Department.self, on: \Account.$departmentID == \Department.$id)
                .filter(Department.self, \.$regionCode =~ AccountPolicy.regionPrefix(code))
        }
    }

    func find(_ id: UUID) async throws -> Account? {
        try await scoped().filter(\.$id == id).first()
    }

    func page(number: Int, search: String?, now: Date) async throws -> (rows: [Row], total: Int) {
        var query = scoped()
        if let search, !search.isEmpty {
            query = query.group(.or) {
                _ = $0.filter(\.$displayName, containsIgnoringCase: search).filter(\.$username, containsIgnoringCase: search)
            }
        }
        let total = try await query.count()
        let accounts = try await query.sort(\.$displayName).sort(\.$id).range(Pager.rows(ofPage: number)).all()
        let ids = accounts.compactMap(\.id)
        let roles = try await AccountRole.query(on: database).filter(\.$accountID ~~ ids).all()
        let rolesByAccount = Dictionary(grouping: roles, by: \.accountID)
        let departments = try await Department.query(on: database).filter(\.$id ~~ accounts.compactMap(\.departmentID)).all()
        let departmentNames = Dictionary(uniqueKeysWithValues: departments.compactMap { d in d.id.map { ($0, d.name) } })
        let rows = accounts.map { account in
            Row(id: account.id?.uuidString ?? "", username: account.username ?? "", name: account.displayName,
                department: account.departmentID.flatMap { departmentNames[$0] } ?? "",
                roles: (rolesByAccount[account.id ?? UUID()] ?? []).map(\.role).sorted().map(\.messageKey),
                locked: account.lockedUntil.map { $0 > now } ?? false, enrolled: account.totpSecretSealed != nil,
                disabled: account.disabledAt != nil)
        }
        return (rows, total)
    }

    /// Departments the actor may place new staff in.
    func departments() async throws -> [Department] {
        let query = Department.query(on: database).sort(\.$sortOrder)
        switch scope {
        case .onlySelf: return []
        case .department(let id): return try await query.filter(\.$id == UUID(uuidString: id) ?? UUID()).all()
        case .region(let code): return try await query.filter(\.$regionCode =~ AccountPolicy.regionPrefix(code)).all()
        }
    }
}
