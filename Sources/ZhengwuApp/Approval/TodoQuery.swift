import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// 我的待办: every open step this person may work, across all their cases, due soonest first.
/// A step is theirs when it names them (a person, a group member, an added signer), or when
/// it is for a role they hold in their department and nobody else has signed for it yet.
enum TodoQuery {
    struct Filter: Sendable, Equatable {
        var itemCode: String?
        var status: CaseStatus?
        var due: DueWindow = .all
    }

    enum DueWindow: String, CaseIterable, Sendable {
        case all
        /// Red: past the step's due date.
        case overdue
        /// Yellow or red: two working days or less left.
        case soon
        var messageKey: String { "todo.due.\(rawValue)" }
    }

    struct Row: Decodable, Sendable {
        let applicationId: UUID
        let stepKey: String
        let stepName: String
        let dueOn: String
        let signedForBy: String?
        let accountId: String?
        let receiptNumber: String
        let itemName: String
        let itemCode: String
        let status: String
        let decisionDueOn: String?
        let applicantName: String
    }

    static func list(for actor: Actor, filter: Filter, page: Int, calendar: WorkingCalendar, today: LocalDate,
                     on db: Database) async throws -> (rows: [Row], total: Int) {
        let sql = db as! SQLDatabase
        var conditions: [SQLQueryString] = [mine(actor)]
        if let code = filter.itemCode { conditions.append("a.item_code = \(bind: code)") }
        if let status = filter.status { conditions.append("a.status = \(bind: status.rawValue)") }
        switch filter.due {
        case .all: break
        case .overdue: conditions.append("s.due_on < \(bind: today.iso)")
        case .soon: conditions.append("s.due_on <= \(bind: calendar.addingWorkingDays(2, to: today).iso)")
        }
        let condition = conditions.joined(separator: " AND ")
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM open_steps s JOIN applications a ON a.id = s.application_id WHERE \(condition)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let range = Pager.rows(ofPage: page)
        let rows = try await sql.raw("""
            SELECT s.application_id, s.step_key, s.step_name, s.due_on, s.signed_for_by, s.account_id, a.receipt_number,
                   a.item_name, a.item_code, a.status, a.decision_due_on, a.applicant_name
            FROM open_steps s JOIN applications a ON a.id = s.application_id
            WHERE \(condition)
            ORDER BY s.due_on ASC, a.receipt_number ASC
            LIMIT \(literal: range.count) OFFSET \(literal: range.lowerBound)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (rows, total)
    }

    /// The items (code, name) the actor has open steps in, for the filter.
    static func items(for actor: Actor, on db: Database) async throws -> [(String, String)] {
        try await (db as! SQLDatabase).raw("""
            SELECT DISTINCT a.item_code, a.item_name FROM open_steps s JOIN applications a ON a.id = s.application_id
            WHERE \(mine(actor)) ORDER BY a.item_code
            """).all().map { (try $0.decode(column: "item_code", as: String.self), try $0.decode(column: "item_name", as: String.self)) }
    }

    /// The open-step rows that are `actor`'s.
    static func mine(_ actor: Actor) -> SQLQueryString {
        let roles = actor.roles.filter { [.departmentHandler, .departmentHead].contains($0) }
        guard let department = actor.departmentID.flatMap(UUID.init(uuidString:)), !roles.isEmpty else {
            return "s.account_id = \(bind: actor.accountID)"
        }
        let list = roles.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(separator: ", ")
        return """
            (s.account_id = \(bind: actor.accountID) OR (s.account_id IS NULL AND s.department_id = \(bind: department) \
            AND s.role IN (\(list)) AND (s.signed_for_by IS NULL OR s.signed_for_by = \(bind: actor.accountID))))
            """
    }
}
