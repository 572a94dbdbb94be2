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
        /// When the step's clock started (its stage opened), for the share-used warning.
        let startedOn: String?
        let signedForBy: String?
        let accountId: String?
        let receiptNumber: String
        let itemName: String
        let itemCode: String
        let status: String
        let decisionDueOn: String?
        let applicantName: String
        let applicantKind: String
    }

    /// Person steps and role steps are read through their own indexes, each already in due
    /// order and cut at the page's end, then merged: one query with OR would sort every
    /// matching row on each load.
    static func list(for actor: Actor, filter: Filter, page: Int, calendar: WorkingCalendar, today: LocalDate,
                     on db: Database) async throws -> (rows: [Row], total: Int) {
        let sql = db as! SQLDatabase
        var extra: [SQLQueryString] = []
        if let code = filter.itemCode { extra.append("a.item_code = \(bind: code)") }
        if let status = filter.status { extra.append("a.status = \(bind: status.rawValue)") }
        switch filter.due {
        case .all: break
        case .overdue: extra.append("s.due_on < \(bind: today.iso)")
        case .soon: extra.append("s.due_on <= \(bind: calendar.addingWorkingDays(2, to: today).iso)")
        }
        let range = Pager.rows(ofPage: page)
        var rows: [Row] = []
        var total = 0
        for part in parts(actor) {
            let condition = ([part] + extra).joined(separator: " AND ")
            // The join is needed for counting only when a filter looks at the case.
            let join: SQLQueryString = filter.itemCode == nil && filter.status == nil
                ? "" : "JOIN applications a ON a.id = s.application_id"
            total += try await sql.raw("SELECT COUNT(*) AS n FROM open_steps s \(join) WHERE \(condition)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            rows += try await sql.raw("""
                SELECT s.application_id, s.step_key, s.step_name, s.due_on, s.started_on, s.signed_for_by, s.account_id, a.receipt_number,
                       a.item_name, a.item_code, a.status, a.decision_due_on, a.applicant_name, a.applicant_kind
                FROM open_steps s JOIN applications a ON a.id = s.application_id
                WHERE \(condition)
                ORDER BY s.due_on ASC
                LIMIT \(literal: range.upperBound)
                """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        rows.sort { ($0.dueOn, $0.receiptNumber) < ($1.dueOn, $1.receiptNumber) }
        return (Array(rows.dropFirst(range.lowerBound).prefix(range.count)), total)
    }

    /// The items the filter offers: those of the actor's department and those it handles
    /// jointly, from the catalogue (reading them off the open steps would scan them all); the
    /// published guides come from the shared cache.
    static func items(for actor: Actor, on db: Database) async throws -> [(String, String)] {
        guard let department = actor.departmentID.flatMap(UUID.init(uuidString:)) else { return [] }
        var offered: [(String, String)] = []
        for item in try await ServiceItem.query(on: db).sort(\.$code).all() {
            if item.departmentID == department {
                offered.append((item.code, item.name))
            } else if let published = item.publishedRevisionID,
                      try await PublishedGuides.shared.resolve(published, departmentID: item.departmentID, on: db)?
                        .partners.contains(department) == true {
                offered.append((item.code, item.name))
            }
        }
        return offered
    }

    /// The conditions on open steps that make them `actor`'s: steps naming them, and (for
    /// handlers and heads) role steps of their department nobody else has signed for.
    static func parts(_ actor: Actor) -> [SQLQueryString] {
        var parts: [SQLQueryString] = ["s.account_id = \(bind: actor.accountID)"]
        let roles = actor.roles.filter { [.departmentHandler, .departmentHead].contains($0) }
        if let department = actor.departmentID.flatMap(UUID.init(uuidString:)) {
            for role in roles {
                parts.append("""
                    s.department_id = \(bind: department) AND s.role = \(bind: role.rawValue) AND s.account_id IS NULL \
                    AND (s.signed_for_by IS NULL OR s.signed_for_by = \(bind: actor.accountID))
                    """)
            }
        }
        return parts
    }
}
