import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Turns CasePolicy's decisions into SQL and loads the policy's view of one case. Every
/// staff case query goes through here, so scoping lives in one place.
enum CaseScope {
    static func subject(of record: ServiceCase, on db: Database) async throws -> CasePolicy.Subject {
        let departments = try await CaseDepartment.query(on: db).filter(\.$applicationID == record.requireID()).all()
        return CasePolicy.Subject(
            leadDepartmentID: record.departmentID.uuidString,
            partnerDepartmentIDs: Set(departments.filter { !$0.isLead }.map(\.departmentID.uuidString)),
            regionCode: record.regionCode)
    }

    /// A WHERE condition on the `applications a` alias limiting rows to what `actor` may see.
    static func condition(for actor: Actor) -> SQLQueryString {
        switch CasePolicy.scope(for: actor) {
        case .region(let region):
            return "a.region_code LIKE \(bind: AccountPolicy.regionPrefix(region) + "%")"
        case .department(let department):
            guard let id = UUID(uuidString: department) else { return "1 = 0" }
            return "a.id IN (SELECT application_id FROM case_departments WHERE department_id = \(bind: id))"
        case .nothing:
            return "1 = 0"
        }
    }

    /// The case if the actor may take `action` on it; nil otherwise (shown as "not found", so
    /// staff cannot probe which receipt numbers exist elsewhere).
    static func load(_ caseID: UUID, for actor: Actor, _ action: CasePolicy.Action, on db: Database,
                     forUpdate: Bool = false) async throws -> ServiceCase? {
        let found = forUpdate ? try await CaseLock.find(caseID, on: db) : try await ServiceCase.find(caseID, on: db)
        guard let record = found, record.status != .draft else { return nil }
        return CasePolicy.permits(actor, action, on: try await subject(of: record, on: db)) ? record : nil
    }
}
