import Fluent
import Vapor
import ZhengwuCore

/// What `serve`, `migrate` and `demo` share: open the database, bring the schema up to date.
public enum Startup {
    public static func migrate(_ app: Application) async throws {
        try await prepareDatabase(app)
        try await app.autoMigrate()
        try await app.zhengwu.calendars.reload(on: app.db, now: app.zhengwu.clock.now())
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
