import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// The staff case list (待办): the actor's scope, one status group, sorted and paged, in SQL.
enum CaseQueue {
    enum Group: String, CaseIterable, Sendable {
        /// 待受理
        case awaiting
        /// 待补正
        case correction
        /// 已受理
        case accepted
        /// 已办结、不予受理、已撤回
        case closed

        var statuses: [CaseStatus] {
            switch self {
            case .awaiting: [.submitted]
            case .correction: [.correctionRequested]
            case .accepted: [.accepted, .awaitingMaterial, .specialProcedure]
            case .closed: [.concluded, .refused, .withdrawn]
            }
        }
        var messageKey: String { "queue.group.\(rawValue)" }
    }

    enum Order: String, CaseIterable, Sendable {
        /// Most urgent first.
        case due
        case received
        case receivedNewest = "received_desc"
        var messageKey: String { "queue.order.\(rawValue)" }

        func sql(for group: Group) -> SQLQueryString {
            switch self {
            // Cases under review are walked through the due-date index: with many open cases
            // sorting them all on every load would be the page's whole cost.
            case .due where group == .accepted: "a.decision_due_on ASC"
            case .due: "CASE WHEN a.status = 'submitted' THEN a.acceptance_due_on ELSE a.decision_due_on END ASC, a.received_at ASC, a.id"
            case .received: "a.received_at ASC, a.id"
            case .receivedNewest: "a.received_at DESC, a.id"
            }
        }
    }

    struct Row: Decodable, Sendable {
        let id: UUID
        let receiptNumber: String
        let itemName: String
        let applicantName: String
        let applicantKind: String
        let status: String
        let channel: String
        let receivedOn: String?
        let acceptanceDueOn: String?
        let acceptedOn: String?
        let decisionDueOn: String?
        let departmentName: String
        let visits: Int
    }

    static func list(for actor: Actor, group: Group, order: Order, page: Int, on db: Database) async throws -> (rows: [Row], total: Int) {
        let sql = db as! SQLDatabase
        let statuses = group.statuses.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(separator: ", ")
        let scope = CaseScope.condition(for: actor)
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM applications a WHERE a.status IN (\(statuses)) AND \(scope)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let range = Pager.rows(ofPage: page)
        let rows = try await sql.raw("""
            SELECT a.id, a.receipt_number, a.item_name, a.applicant_name, a.applicant_kind, a.status, a.channel, a.received_on,
                   a.acceptance_due_on, a.accepted_on, a.decision_due_on, d.name AS department_name, a.visits
            FROM applications a JOIN departments d ON d.id = a.department_id
            WHERE \(group == .accepted && order == .due ? "+a.status" : "a.status") IN (\(statuses)) AND \(scope)
            ORDER BY \(order.sql(for: group))
            LIMIT \(literal: range.count) OFFSET \(literal: range.lowerBound)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (rows, total)
    }
}
