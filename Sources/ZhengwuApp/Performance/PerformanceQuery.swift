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
        /// The window (窗口) a walk-in case was recorded at; online cases have none.
        case window
        /// Who decided the acceptance (经办人); cases not yet decided, or accepted by law, have none.
        case handler

        /// The key of cases with no window or no handler.
        static let none = "none"

        /// The column of `applications a` that names the group.
        var column: SQLQueryString {
            switch self {
            case .department: "a.department_id"
            case .item: "a.item_code"
            case .window: "a.window_id"
            case .handler: "a.handled_by"
            }
        }

        /// The group's key as text: a department's or window's id, an item's code, a handler's
        /// actor id ("account:<id>"), or `none`.
        func key(_ row: SQLRow) throws -> String {
            switch self {
            case .department: try row.decode(column: "grp", as: UUID.self).uuidString
            case .item: try row.decode(column: "grp", as: String.self)
            case .window: try row.decode(column: "grp", as: UUID?.self)?.uuidString ?? Self.none
            case .handler: try row.decode(column: "grp", as: String?.self) ?? Self.none
            }
        }

        /// The condition picking one group's cases, for the lists behind the figures.
        func only(_ key: String) -> SQLQueryString? {
            switch self {
            case .department: UUID(uuidString: key).map { id -> SQLQueryString in "a.department_id = \(bind: id)" }
            case .item: "a.item_code = \(bind: key)"
            case .window: key == Self.none ? "a.window_id IS NULL" : UUID(uuidString: key).map { id -> SQLQueryString in "a.window_id = \(bind: id)" }
            case .handler: key == Self.none ? "a.handled_by IS NULL" : "a.handled_by = \(bind: key)"
            }
        }
    }

    /// A group within one region: the rollup keeps them apart, since a supervisor sees a region.
    struct RegionalKey: Hashable, Sendable {
        let group: String
        let region: String
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

    /// The figures per group counted from the cases themselves: what tests compare the rollup with.
    static func recount(_ dimension: Dimension = .department, for actor: Actor, range: Range, calendar: WorkingCalendar,
                        on db: Database) async throws -> [String: PerformanceFigures] {
        var figures: [String: PerformanceFigures] = [:]
        for (key, f) in try await recountByRegion(dimension, for: actor, range: range, calendar: calendar, on: db) {
            figures[key.group, default: .init()].add(f)
        }
        return figures
    }

    /// The figures per group and region, from the cases: what the rollup stores per day.
    static func recountByRegion(_ dimension: Dimension, for actor: Actor, range: Range, calendar: WorkingCalendar,
                                on db: Database) async throws -> [RegionalKey: PerformanceFigures] {
        let sql = db as! SQLDatabase
        let scope = CaseScope.condition(for: actor)
        let group: SQLQueryString = dimension.column + ", a.region_code"
        let (fromISO, toISO) = (range.from.iso, range.to.iso)
        var figures: [RegionalKey: PerformanceFigures] = [:]
        func key(_ row: SQLRow) throws -> RegionalKey {
            RegionalKey(group: try dimension.key(row), region: try row.decode(column: "region_code", as: String.self))
        }

        for row in try await sql.raw("""
            SELECT \(dimension.column) AS grp, a.region_code, COUNT(*) AS received,
                   SUM(CASE WHEN a.accepted_on IS NOT NULL THEN 1 ELSE 0 END) AS accepted,
                   SUM(CASE WHEN a.status = \(bind: CaseStatus.refused.rawValue) THEN 1 ELSE 0 END) AS refused
            FROM applications a
            WHERE a.received_on >= \(bind: fromISO) AND a.received_on <= \(bind: toISO) AND \(scope)
            GROUP BY \(group)
            """).all() {
            let id = try key(row)
            figures[id, default: .init()].received += try row.decode(column: "received", as: Int.self)
            figures[id, default: .init()].accepted += try row.decode(column: "accepted", as: Int?.self) ?? 0
            figures[id, default: .init()].refused += try row.decode(column: "refused", as: Int?.self) ?? 0
        }

        // Concluded cases, grouped finely enough to rebuild each one's contribution.
        for row in try await sql.raw("""
            SELECT \(dimension.column) AS grp, a.region_code, a.working_days_used AS used, a.promised_limit_days AS promised,
                   CASE WHEN a.deadline_met = \(bind: CaseDeadlines.Met.promised.rawValue) THEN 1 ELSE 0 END AS within,
                   a.visits AS visits, COUNT(*) AS n
            FROM applications a
            WHERE a.status = \(bind: CaseStatus.concluded.rawValue) AND a.decided_on >= \(bind: fromISO)
              AND a.decided_on <= \(bind: toISO) AND a.working_days_used IS NOT NULL AND \(scope)
            GROUP BY \(group), a.working_days_used, a.promised_limit_days, within, a.visits
            """).all() {
            let id = try key(row)
            figures[id, default: .init()].addConcluded(
                daysUsed: try row.decode(column: "used", as: Int.self), promisedDays: try row.decode(column: "promised", as: Int.self),
                withinPromise: try row.decode(column: "within", as: Int.self) == 1, visits: try row.decode(column: "visits", as: Int.self),
                count: try row.decode(column: "n", as: Int.self))
        }

        let (start, end) = range.instants(in: calendar)
        for row in try await sql.raw("""
            SELECT \(dimension.column) AS grp, a.region_code, t.event AS event, COUNT(*) AS n
            FROM case_timeline t JOIN applications a ON a.id = t.application_id
            WHERE t.event IN (\(bind: CaseEvent.extended.rawValue), \(bind: CaseEvent.returned.rawValue))
              AND t.at >= \(bind: start) AND t.at < \(bind: end) AND \(scope)
            GROUP BY \(group), t.event
            """).all() {
            let id = try key(row)
            let count = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "event", as: String.self) == CaseEvent.extended.rawValue {
                figures[id, default: .init()].extensions += count
            } else {
                figures[id, default: .init()].returns += count
            }
        }

        for row in try await sql.raw("""
            SELECT \(dimension.column) AS grp, a.region_code, COUNT(*) AS n
            FROM case_materials m JOIN certificates c ON c.number = m.certificate_reference
            JOIN applications a ON a.id = m.application_id
            WHERE a.received_on >= \(bind: fromISO) AND a.received_on <= \(bind: toISO) AND \(scope)
            GROUP BY \(group)
            """).all() {
            figures[try key(row), default: .init()].reuses += try row.decode(column: "n", as: Int.self)
        }

        return figures
    }

    /// The groups named for the page, in name order; the group of cases with no window or
    /// handler comes last, named by the caller in the reader's language.
    static func named(_ figures: [String: PerformanceFigures], _ dimension: Dimension, on db: Database) async throws -> [Group] {
        let names: [String: String] = switch dimension {
        case .department:
            Dictionary(try await ZhengwuApp.Department.query(on: db).all().compactMap { d in d.id.map { ($0.uuidString, d.name) } },
                       uniquingKeysWith: { first, _ in first })
        case .item:
            Dictionary(try await ServiceItem.query(on: db).all().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        case .window:
            Dictionary(try await ServiceWindow.query(on: db).all().compactMap { w in w.id.map { ($0.uuidString, "\(w.number) \(w.name)") } },
                       uniquingKeysWith: { first, _ in first })
        case .handler:
            try await handlerNames(Set(figures.keys), on: db)
        }
        return figures.map { Group(key: $0.key, name: $0.key == Dimension.none ? "" : names[$0.key] ?? $0.key, figures: $0.value) }
            .sorted { ($0.key == Dimension.none ? 1 : 0, $0.name, $0.key) < ($1.key == Dimension.none ? 1 : 0, $1.name, $1.key) }
    }

    /// Staff names for actor ids such as "account:<id>" (the timeline's form).
    private static func handlerNames(_ keys: Set<String>, on db: Database) async throws -> [String: String] {
        let ids = keys.compactMap { $0.hasPrefix("account:") ? UUID(uuidString: String($0.dropFirst("account:".count))) : nil }
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await Account.query(on: db).filter(\.$id ~~ ids).all().compactMap { account in
            account.id.map { ("account:\($0)", account.displayName) }
        }, uniquingKeysWith: { first, _ in first })
    }
}
