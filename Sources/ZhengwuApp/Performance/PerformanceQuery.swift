import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The performance figures of every department the actor may see over a date range, read with
/// a few grouped queries (PerformanceFigures holds the definitions).
enum PerformanceQuery {
    struct Range: Sendable {
        let from: LocalDate
        let to: LocalDate

        /// The instants bounding the range's days, for timestamps such as timeline entries.
        func instants(in calendar: WorkingCalendar) -> (Date, Date) {
            (from.startOfDay(in: calendar.timeZone), to.adding(days: 1).startOfDay(in: calendar.timeZone))
        }
    }

    struct Department: Sendable {
        let id: UUID
        let name: String
        var figures: PerformanceFigures
    }

    /// The figures per department, from the daily rollup (brought up to date first).
    static func byDepartment(for actor: Actor, range: Range, calendar: WorkingCalendar,
                             app: Vapor.Application) async throws -> [Department] {
        try await PerformanceRollup.refresh(calendar: calendar, app: app)
        return try await named(PerformanceRollup.read(for: actor, range: range, on: app.db), on: app.db)
    }

    /// The figures per department counted from the cases themselves: what the rollup stores per
    /// day, and what tests compare it with.
    static func recount(for actor: Actor, range: Range, calendar: WorkingCalendar, on db: Database) async throws -> [UUID: PerformanceFigures] {
        let sql = db as! SQLDatabase
        let scope = CaseScope.condition(for: actor)
        let (fromISO, toISO) = (range.from.iso, range.to.iso)
        var figures: [UUID: PerformanceFigures] = [:]

        for row in try await sql.raw("""
            SELECT a.department_id AS department, COUNT(*) AS received,
                   SUM(CASE WHEN a.accepted_on IS NOT NULL THEN 1 ELSE 0 END) AS accepted,
                   SUM(CASE WHEN a.status = \(bind: CaseStatus.refused.rawValue) THEN 1 ELSE 0 END) AS refused
            FROM applications a
            WHERE a.received_on >= \(bind: fromISO) AND a.received_on <= \(bind: toISO) AND \(scope)
            GROUP BY a.department_id
            """).all() {
            let id = try row.decode(column: "department", as: UUID.self)
            figures[id, default: .init()].received += try row.decode(column: "received", as: Int.self)
            figures[id, default: .init()].accepted += try row.decode(column: "accepted", as: Int?.self) ?? 0
            figures[id, default: .init()].refused += try row.decode(column: "refused", as: Int?.self) ?? 0
        }

        // Concluded cases, grouped finely enough to rebuild each one's contribution.
        for row in try await sql.raw("""
            SELECT a.department_id AS department, a.working_days_used AS used, a.promised_limit_days AS promised,
                   CASE WHEN a.deadline_met = \(bind: CaseDeadlines.Met.promised.rawValue) THEN 1 ELSE 0 END AS within,
                   a.visits AS visits, COUNT(*) AS n
            FROM applications a
            WHERE a.status = \(bind: CaseStatus.concluded.rawValue) AND a.decided_on >= \(bind: fromISO)
              AND a.decided_on <= \(bind: toISO) AND a.working_days_used IS NOT NULL AND \(scope)
            GROUP BY a.department_id, a.working_days_used, a.promised_limit_days, within, a.visits
            """).all() {
            let id = try row.decode(column: "department", as: UUID.self)
            figures[id, default: .init()].addConcluded(
                daysUsed: try row.decode(column: "used", as: Int.self), promisedDays: try row.decode(column: "promised", as: Int.self),
                withinPromise: try row.decode(column: "within", as: Int.self) == 1, visits: try row.decode(column: "visits", as: Int.self),
                count: try row.decode(column: "n", as: Int.self))
        }

        let (start, end) = range.instants(in: calendar)
        for row in try await sql.raw("""
            SELECT a.department_id AS department, t.event AS event, COUNT(*) AS n
            FROM case_timeline t JOIN applications a ON a.id = t.application_id
            WHERE t.event IN (\(bind: CaseEvent.extended.rawValue), \(bind: CaseEvent.returned.rawValue))
              AND t.at >= \(bind: start) AND t.at < \(bind: end) AND \(scope)
            GROUP BY a.department_id, t.event
            """).all() {
            let id = try row.decode(column: "department", as: UUID.self)
            let count = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "event", as: String.self) == CaseEvent.extended.rawValue {
                figures[id, default: .init()].extensions += count
            } else {
                figures[id, default: .init()].returns += count
            }
        }

        for row in try await sql.raw("""
            SELECT a.department_id AS department, COUNT(*) AS n
            FROM case_materials m JOIN certificates c ON c.number = m.certificate_reference
            JOIN applications a ON a.id = m.application_id
            WHERE a.received_on >= \(bind: fromISO) AND a.received_on <= \(bind: toISO) AND \(scope)
            GROUP BY a.department_id
            """).all() {
            figures[try row.decode(column: "department", as: UUID.self), default: .init()].reuses += try row.decode(column: "n", as: Int.self)
        }

        return figures
    }

    static func named(_ figures: [UUID: PerformanceFigures], on db: Database) async throws -> [Department] {
        let names = try await ZhengwuApp.Department.query(on: db).all()
        return names.compactMap { department in
            guard let id = department.id, let found = figures[id] else { return nil }
            return Department(id: id, name: department.name, figures: found)
        }.sorted { $0.name < $1.name }
    }
}
