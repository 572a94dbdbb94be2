import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The performance figures of every department or item the actor may see over a date range,
/// read with a few grouped queries (PerformanceFigures holds the definitions).
enum PerformanceQuery {
    struct Range: Sendable {
        let from: LocalDate
        let to: LocalDate

        /// The instants bounding the range's days, for timestamps such as timeline entries.
        func instants(in calendar: WorkingCalendar) -> (Date, Date) {
            (from.startOfDay(in: calendar.timeZone), to.adding(days: 1).startOfDay(in: calendar.timeZone))
        }
    }

    /// What the figures are grouped by.
    enum Dimension: String, Sendable, CaseIterable {
        /// The lead department.
        case department
        /// The service item (事项).
        case item

        /// The column of `applications a` that names the group.
        var column: SQLQueryString {
            switch self {
            case .department: "a.department_id"
            case .item: "a.item_code"
            }
        }

        /// The group's key as text: a department's id, an item's code.
        func key(_ row: SQLRow) throws -> String {
            switch self {
            case .department: try row.decode(column: "grp", as: UUID.self).uuidString
            case .item: try row.decode(column: "grp", as: String.self)
            }
        }
    }

    /// One group's figures, named for the page.
    struct Group: Sendable {
        let key: String
        let name: String
        var figures: PerformanceFigures
    }

    /// The figures per group, from the daily rollup (brought up to date first).
    static func grouped(by dimension: Dimension = .department, for actor: Actor, range: Range, calendar: WorkingCalendar,
                        app: Vapor.Application) async throws -> [Group] {
        do {
            try await PerformanceRollup.refresh(calendar: calendar, app: app)
        } catch {
            // Another instance counting the same day at this moment wins; its rows are as good.
            app.logger.notice("performance rollup refresh deferred: \(error)")
        }
        return try await named(PerformanceRollup.read(dimension, for: actor, range: range, on: app.db), dimension, on: app.db)
    }

    /// The figures per group counted from the cases themselves: what the rollup stores per day,
    /// and what tests compare it with.
    static func recount(_ dimension: Dimension = .department, for actor: Actor, range: Range, calendar: WorkingCalendar,
                        on db: Database) async throws -> [String: PerformanceFigures] {
        let sql = db as! SQLDatabase
        let scope = CaseScope.condition(for: actor)
        let group = dimension.column
        let (fromISO, toISO) = (range.from.iso, range.to.iso)
        var figures: [String: PerformanceFigures] = [:]

        for row in try await sql.raw("""
            SELECT \(group) AS grp, COUNT(*) AS received,
                   SUM(CASE WHEN a.accepted_on IS NOT NULL THEN 1 ELSE 0 END) AS accepted,
                   SUM(CASE WHEN a.status = \(bind: CaseStatus.refused.rawValue) THEN 1 ELSE 0 END) AS refused
            FROM applications a
            WHERE a.received_on >= \(bind: fromISO) AND a.received_on <= \(bind: toISO) AND \(scope)
            GROUP BY \(group)
            """).all() {
            let id = try dimension.key(row)
            figures[id, default: .init()].received += try row.decode(column: "received", as: Int.self)
            figures[id, default: .init()].accepted += try row.decode(column: "accepted", as: Int?.self) ?? 0
            figures[id, default: .init()].refused += try row.decode(column: "refused", as: Int?.self) ?? 0
        }

        // Concluded cases, grouped finely enough to rebuild each one's contribution.
        for row in try await sql.raw("""
            SELECT \(group) AS grp, a.working_days_used AS used, a.promised_limit_days AS promised,
                   CASE WHEN a.deadline_met = \(bind: CaseDeadlines.Met.promised.rawValue) THEN 1 ELSE 0 END AS within,
                   a.visits AS visits, COUNT(*) AS n
            FROM applications a
            WHERE a.status = \(bind: CaseStatus.concluded.rawValue) AND a.decided_on >= \(bind: fromISO)
              AND a.decided_on <= \(bind: toISO) AND a.working_days_used IS NOT NULL AND \(scope)
            GROUP BY \(group), a.working_days_used, a.promised_limit_days, within, a.visits
            """).all() {
            let id = try dimension.key(row)
            figures[id, default: .init()].addConcluded(
                daysUsed: try row.decode(column: "used", as: Int.self), promisedDays: try row.decode(column: "promised", as: Int.self),
                withinPromise: try row.decode(column: "within", as: Int.self) == 1, visits: try row.decode(column: "visits", as: Int.self),
                count: try row.decode(column: "n", as: Int.self))
        }

        let (start, end) = range.instants(in: calendar)
        for row in try await sql.raw("""
            SELECT \(group) AS grp, t.event AS event, COUNT(*) AS n
            FROM case_timeline t JOIN applications a ON a.id = t.application_id
            WHERE t.event IN (\(bind: CaseEvent.extended.rawValue), \(bind: CaseEvent.returned.rawValue))
              AND t.at >= \(bind: start) AND t.at < \(bind: end) AND \(scope)
            GROUP BY \(group), t.event
            """).all() {
            let id = try dimension.key(row)
            let count = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "event", as: String.self) == CaseEvent.extended.rawValue {
                figures[id, default: .init()].extensions += count
            } else {
                figures[id, default: .init()].returns += count
            }
        }

        for row in try await sql.raw("""
            SELECT \(group) AS grp, COUNT(*) AS n
            FROM case_materials m JOIN certificates c ON c.number = m.certificate_reference
            JOIN applications a ON a.id = m.application_id
            WHERE a.received_on >= \(bind: fromISO) AND a.received_on <= \(bind: toISO) AND \(scope)
            GROUP BY \(group)
            """).all() {
            figures[try dimension.key(row), default: .init()].reuses += try row.decode(column: "n", as: Int.self)
        }

        return figures
    }

    static func named(_ figures: [String: PerformanceFigures], _ dimension: Dimension, on db: Database) async throws -> [Group] {
        let names: [String: String] = switch dimension {
        case .department:
            Dictionary(try await ZhengwuApp.Department.query(on: db).all().compactMap { d in d.id.map { ($0.uuidString, d.name) } },
                       uniquingKeysWith: { first, _ in first })
        case .item:
            Dictionary(try await ServiceItem.query(on: db).all().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        }
        return figures.map { Group(key: $0.key, name: names[$0.key] ?? $0.key, figures: $0.value) }
            .sorted { ($0.name, $0.key) < ($1.name, $1.key) }
    }
}
