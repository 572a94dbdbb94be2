import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The supervisor's live view (电子监察大屏, as a page): every open case's own clock measured
/// with the warning rules, counted per department; the cases behind each count; open 督办; and
/// the audit chain's last scheduled check.
enum WatchBoard {
    struct OpenCase: Decodable {
        let id: UUID
        let receiptNumber: String?
        let itemName: String
        let status: String
        let receivedOn: String?
        let acceptanceDueOn: String?
        let acceptedOn: String?
        let decisionDueOn: String?
        let departmentId: UUID
        let departmentName: String

        var clock: (start: String?, due: String?) {
            CaseClock.current(status: CaseStatus(rawValue: status) ?? .accepted, receivedOn: receivedOn, acceptanceDueOn: acceptanceDueOn,
                              acceptedOn: acceptedOn, decisionDueOn: decisionDueOn)
        }
    }

    /// Statuses whose clock runs or stands paused: awaiting acceptance, and under review.
    static let watched: [CaseStatus] = [.submitted, .accepted, .awaitingMaterial, .specialProcedure]

    /// Open cases the actor may see, with the level of each one's clock (acceptance while
    /// pending, then the promised limit); `level` keeps only those at that level.
    static func cases(for actor: Actor, rules: WarningRules, calendar: WorkingCalendar, today: LocalDate,
                      department: UUID? = nil, level: WarningLevel? = nil, on db: Database) async throws -> [(OpenCase, WarningLevel)] {
        let sql = db as! SQLDatabase
        let statuses = watched.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(separator: ", ")
        let only: SQLQueryString = department.map { "AND a.department_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT a.id, a.receipt_number, a.item_name, a.status, a.received_on, a.acceptance_due_on, a.accepted_on,
                   a.decision_due_on, a.department_id, d.name AS department_name
            FROM applications a JOIN departments d ON d.id = a.department_id
            WHERE a.status IN (\(statuses)) AND \(CaseScope.condition(for: actor)) \(only)
            """).all(decoding: OpenCase.self, keyDecodingStrategy: .convertFromSnakeCase)
        return rows.compactMap { row in
            let status = CaseStatus(rawValue: row.status) ?? .accepted
            let (start, due) = row.clock
            guard let dueDay = due.flatMap(LocalDate.init(iso:)) else { return nil }
            let found = rules.level(start: start.flatMap(LocalDate.init(iso:)) ?? dueDay, due: dueDay, today: today,
                                    paused: status.isPaused, calendar: calendar)
            return level == nil || level == found ? (row, found) : nil
        }
    }

    struct DepartmentCounts: Encodable {
        let id: String
        let name: String
        let open: Int
        let counts: [String: Int]
    }

    /// How many of `cases` stand at each level (every level present, 0 when none).
    static func byLevel(_ cases: [(OpenCase, WarningLevel)]) -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: WarningLevel.allCases.map { ($0.rawValue, 0) })
        for (_, level) in cases { counts[level.rawValue, default: 0] += 1 }
        return counts
    }

    static func counts(_ cases: [(OpenCase, WarningLevel)]) -> [DepartmentCounts] {
        Dictionary(grouping: cases) { $0.0.departmentId }.map { id, rows in
            DepartmentCounts(id: id.uuidString, name: rows[0].0.departmentName, open: rows.count, counts: byLevel(rows))
        }
        .sorted { ($0.counts["red"] ?? 0, $0.counts["yellow"] ?? 0, $1.name) > ($1.counts["red"] ?? 0, $1.counts["yellow"] ?? 0, $0.name) }
    }
}
