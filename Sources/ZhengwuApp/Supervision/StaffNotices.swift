import Fluent
import Foundation
import ZhengwuCore

/// Who a staff notice reaches: one person, or whoever holds a role in a department.
enum NoticeAddressee: Hashable {
    case person(String)
    case role(Role, UUID)

    /// The people working a case's open steps now: whoever signed for a step, a named person,
    /// or the role a step waits for.
    static func working(_ steps: [OpenStep]) -> [NoticeAddressee] {
        steps.compactMap { step in
            if let person = step.signedForBy ?? step.accountID { return .person(person) }
            guard let role = step.role.flatMap(Role.init(rawValue:)), let department = step.departmentID else { return nil }
            return .role(role, department)
        }
    }
}

enum StaffNotices {
    /// Writes one notice per addressee, in the caller's transaction.
    static func send(_ kind: String, text: String, about caseID: UUID?, to addressees: [NoticeAddressee], now: Date,
                     on db: Database) async throws {
        for addressee in Set(addressees) {
            let notice = StaffNotice()
            switch addressee {
            case .person(let id): notice.accountID = id
            case .role(let role, let department): (notice.role, notice.departmentID) = (role.rawValue, department)
            }
            notice.applicationID = caseID
            notice.kind = kind
            notice.text = text
            notice.createdAt = now
            try await notice.create(on: db)
        }
    }
}
