import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The performance figures kept per day, region and group, for each way of grouping
/// (department, item, window, handler: `performance_days`), so a year's scoreboard adds a few
/// thousand rows instead of reading every case. A figure belongs to a day: received, accepted, refused and reuses to the day of receipt; concluded and what goes
/// with it to the day of the decision; extensions and returns to the day they happened.
///
/// Whatever changes a case marks the days it touches as dirty (`performance_dirty`, in the
/// change's own transaction: CaseJournal, receipt stamping, materials); before figures are read
/// the dirty days are counted again from the cases. So the rollup always equals a full recount
/// (a test holds it to that), without any counter to keep in step.
///
/// Marks are appended, never updated, so busy days do not make every change wait on one row.
/// A day is counted in one transaction that reads its marks, counts the cases and removes the
/// marks it read, all in one snapshot (REPEATABLE READ on PostgreSQL; SQLite has one writer):
/// a change committed meanwhile is outside the snapshot, keeps its mark, and is counted next time.
enum PerformanceRollup {
    static let daysSchema = "performance_days"
    static let dirtySchema = "performance_dirty"

    /// Marks `days` to be counted again, in the caller's transaction (inside a group commit,
    /// with the batch's other rows at its end: submissions pay one multi-row statement, not one each).
    static func markDirty(_ days: [String?], on db: Database) async throws {
        let rows: [[any Encodable & Sendable]] = Set(days.compactMap { $0 }).sorted().map { [$0] }
        try await (db as! SQLDatabase).insertRows(into: dirtySchema, columns: ["day"], rows)
    }

    /// Marks every day of `range` (after a repair or an import that bypassed the commands).
    static func markAll(_ range: PerformanceQuery.Range, on db: Database) async throws {
        var days: [String?] = []
        var day = range.from
        while day <= range.to { days.append(day.iso); day = day.adding(days: 1) }
        try await markDirty(days, on: db)
    }

    /// Counts the dirty days again. A day marked again while it is being counted stays dirty.
    @discardableResult
    static func refresh(calendar: WorkingCalendar, app: Vapor.Application) async throws -> Int {
        let dirty = try await (app.db as! SQLDatabase).raw("SELECT DISTINCT day FROM performance_dirty ORDER BY day LIMIT 5000").all()
        let onPostgres = !app.zhengwu.config.database.isSQLite
        for row in dirty {
            let iso = try row.decode(column: "day", as: String.self)
            guard let day = LocalDate(iso: iso) else { continue }
            try await app.write { db in
                let sql = db as! SQLDatabase
                if onPostgres { try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run() }
                guard let upto = try await sql.raw("SELECT MAX(seq) AS upto FROM performance_dirty WHERE day = \(bind: iso)").first()?
                    .decode(column: "upto", as: Int64?.self) else { return }
                try await recount(day, calendar: calendar, on: db)
                try await sql.raw("DELETE FROM performance_dirty WHERE day = \(bind: iso) AND seq <= \(bind: upto)").run()
            }
        }
        return dirty.count
    }

    /// One day's rows, from the cases, for every dimension.
    static func recount(_ day: LocalDate, calendar: WorkingCalendar, on db: Database) async throws {
        let sql = db as! SQLDatabase
        let everything = Actor(accountID: "system", kind: .staff, roles: [.supervisor], departmentID: nil, regionCode: "")
        try await sql.raw("DELETE FROM performance_days WHERE day = \(bind: day.iso)").run()
        for dimension in PerformanceQuery.Dimension.allCases {
            let figures = try await PerformanceQuery.recountByRegion(dimension, for: everything, range: .init(from: day, to: day),
                                                                     calendar: calendar, on: db)
            for (key, f) in figures {
                try await insert(day, dimension, key.group, region: key.region, f, on: sql)
            }
        }
    }

    private static func insert(_ day: LocalDate, _ dimension: PerformanceQuery.Dimension, _ key: String, region: String,
                               _ f: PerformanceFigures, on sql: SQLDatabase) async throws {
            try await sql.raw("""
                INSERT INTO performance_days (day, dimension, group_key, region_code, received, accepted, refused, concluded, concluded_early,
                    on_time, overdue, extensions, returns, visits, at_most_one_visit, reuses, days_used)
                VALUES (\(bind: day.iso), \(bind: dimension.rawValue), \(bind: key), \(bind: region), \(bind: f.received), \(bind: f.accepted),
                    \(bind: f.refused), \(bind: f.concluded), \(bind: f.concludedEarly), \(bind: f.onTime), \(bind: f.overdue),
                    \(bind: f.extensions), \(bind: f.returns), \(bind: f.visits), \(bind: f.atMostOneVisit), \(bind: f.reuses),
                    \(bind: encode(f.daysUsed)))
                """).run()
    }

    /// The figures of `range` per group, from the rollup, within the actor's region (the
    /// supervision pages are for supervisors, whose scope is a region).
    static func read(_ dimension: PerformanceQuery.Dimension = .department, for actor: Actor, range: PerformanceQuery.Range,
                     on db: Database) async throws -> [String: PerformanceFigures] {
        guard case .region(let region) = CasePolicy.scope(for: actor) else { return [:] }
        var figures: [String: PerformanceFigures] = [:]
        for row in try await (db as! SQLDatabase).raw("""
            SELECT group_key, received, accepted, refused, concluded, concluded_early, on_time, overdue, extensions, returns,
                   visits, at_most_one_visit, reuses, days_used
            FROM performance_days WHERE dimension = \(bind: dimension.rawValue) AND day >= \(bind: range.from.iso)
              AND day <= \(bind: range.to.iso) AND region_code LIKE \(bind: AccountPolicy.regionPrefix(region) + "%")
            """).all() {
            var f = PerformanceFigures()
            f.received = try row.decode(column: "received", as: Int.self)
            f.accepted = try row.decode(column: "accepted", as: Int.self)
            f.refused = try row.decode(column: "refused", as: Int.self)
            f.concluded = try row.decode(column: "concluded", as: Int.self)
            f.concludedEarly = try row.decode(column: "concluded_early", as: Int.self)
            f.onTime = try row.decode(column: "on_time", as: Int.self)
            f.overdue = try row.decode(column: "overdue", as: Int.self)
            f.extensions = try row.decode(column: "extensions", as: Int.self)
            f.returns = try row.decode(column: "returns", as: Int.self)
            f.visits = try row.decode(column: "visits", as: Int.self)
            f.atMostOneVisit = try row.decode(column: "at_most_one_visit", as: Int.self)
            f.reuses = try row.decode(column: "reuses", as: Int.self)
            f.daysUsed = decode(try row.decode(column: "days_used", as: String.self))
            figures[try row.decode(column: "group_key", as: String.self), default: .init()].add(f)
        }
        return figures
    }

    /// "0:3,5:2": working days used and how many cases, compact enough to sum a year quickly.
    static func encode(_ histogram: [Int: Int]) -> String {
        histogram.keys.sorted().map { "\($0):\(histogram[$0]!)" }.joined(separator: ",")
    }

    static func decode(_ text: String) -> [Int: Int] {
        var histogram: [Int: Int] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: ":")
            if parts.count == 2, let key = Int(parts[0]), let value = Int(parts[1]) { histogram[key, default: 0] += value }
        }
        return histogram
    }
}
