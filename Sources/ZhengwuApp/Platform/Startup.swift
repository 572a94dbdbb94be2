import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// What `serve`, `migrate` and `demo` share: open the database, bring the schema up to date.
public enum Startup {
    public static func migrate(_ app: Application) async throws {
        try await prepareDatabase(app)
        try await exclusively(app) { try await app.autoMigrate() }
        try await app.zhengwu.calendars.reload(on: app.db, now: app.zhengwu.clock.now())
    }

    /// Loads the demo county if the database is empty; nil when it was not.
    public static func loadDemoIfEmpty(_ app: Application) async throws -> [DemoCounty.SignIn]? {
        try await exclusively(app) {
            try await DemoCounty.isEmpty(app.db) ? try await DemoCounty.load(into: app) : nil
        }
    }

    /// Several instances starting together on one PostgreSQL database take turns here, so only
    /// the first migrates or loads the demo and the others find it done. The lock is held by a
    /// transaction on its own connection and released when `body` ends, however it ends.
    static func exclusively<T: Sendable>(_ app: Application, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !app.zhengwu.config.database.isSQLite else { return try await body() }
        return try await app.db.transaction { lockHolder in
            try await (lockHolder as! SQLDatabase).raw("SELECT pg_advisory_xact_lock(\(literal: 0x7A68_656E_6777_01))").run()
            return try await body()
        }
    }

    /// Years around today with no holiday arrangement: the calendar falls back to Mon-Fri
    /// there, which must never happen silently.
    public static func unarrangedYears(_ app: Application) async throws -> [Int] {
        let now = app.zhengwu.clock.now()
        let calendar = try await app.zhengwu.calendars.calendar(on: app.db, now: now)
        let year = LocalDate(now, in: calendar.timeZone).year
        return [year, year + 1].filter { !calendar.hasArrangement(forYear: $0) }
    }
}
