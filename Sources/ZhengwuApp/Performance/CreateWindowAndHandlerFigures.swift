import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Performance per window (窗口) and per handler (经办人): which window recorded a walk-in case,
/// and who decided its acceptance. The rollup now keeps a group's rows per region as well,
/// since cases with no window or handler yet belong to no department whose region would
/// scope them; being derived, it is rebuilt and every day counted again.
struct CreateWindowAndHandlerFigures: AsyncMigration {
    func prepare(on database: Database) async throws {
        // SQLite adds one column per statement.
        try await database.schema(ServiceCase.schema).field("window_id", .uuid).update()
        try await database.schema(ServiceCase.schema).field("handled_by", .string).update()
        let sql = database as! SQLDatabase
        // Cases decided before this version: the handler is whoever recorded the decision.
        try await sql.raw("""
            UPDATE applications SET handled_by = (
                SELECT t.actor_id FROM case_timeline t WHERE t.application_id = applications.id
                  AND t.event IN (\(bind: CaseEvent.accepted.rawValue), \(bind: CaseEvent.refused.rawValue))
                ORDER BY t.at DESC LIMIT 1)
            """).run()
        try await database.schema(PerformanceRollup.daysSchema).delete()
        try await PerformanceRollup.createDaysTable(on: database)
        // Every day from the first receipt: extensions and returns count on the day they
        // happened, which may be neither a day of receipt nor of decision.
        if let first = try await sql.raw("SELECT MIN(received_on) AS first FROM applications").first()?
            .decode(column: "first", as: String?.self), let from = LocalDate(iso: first) {
            let today = LocalDate(Date(), in: WorkingCalendar.default.timeZone)
            if from <= today { try await PerformanceRollup.markAll(.init(from: from, to: today), on: database) }
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(ServiceCase.schema).deleteField("handled_by").update()
        try await database.schema(ServiceCase.schema).deleteField("window_id").update()
    }
}

extension PerformanceRollup {
    /// The rollup table: one row per day, dimension, group and region.
    static func createDaysTable(on database: Database) async throws {
        try await database.schema(daysSchema)
            .field("day", .string, .required)
            .field("dimension", .string, .required)
            .field("group_key", .string, .required)
            .field("region_code", .string, .required)
            .field("received", .int, .required)
            .field("accepted", .int, .required)
            .field("refused", .int, .required)
            .field("concluded", .int, .required)
            .field("concluded_early", .int, .required)
            .field("on_time", .int, .required)
            .field("overdue", .int, .required)
            .field("extensions", .int, .required)
            .field("returns", .int, .required)
            .field("visits", .int, .required)
            .field("at_most_one_visit", .int, .required)
            .field("reuses", .int, .required)
            .field("days_used", .string, .required)
            .unique(on: "day", "dimension", "group_key", "region_code")
            .create()
    }
}
