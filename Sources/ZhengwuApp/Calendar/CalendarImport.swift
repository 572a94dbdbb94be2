import Fluent
import Vapor
import ZhengwuCore

/// Stores a year's holiday arrangement (new or corrected), audited, and refreshes the calendar.
/// Used by the workbench page and by `zhengwu calendar import`.
public enum CalendarImport {
    public static func save(_ arrangement: HolidayArrangement, by actor: AuditActor, in app: Application) async throws {
        let now = app.zhengwu.clock.now()
        let audit = app.zhengwu.audit
        try await app.write { db in
            let replaced = try await CalendarYear.find(arrangement.year, on: db)
            let year = replaced ?? CalendarYear(year: arrangement.year, arrangement: "", updatedAt: now, updatedBy: actor.id)
            year.arrangement = arrangement.text
            year.updatedAt = now
            year.updatedBy = actor.id
            try await year.save(on: db)
            try await audit.append(on: db, actor: actor, action: "calendar.year_saved", subject: "calendar:\(arrangement.year)",
                                   detail: ["holidays": String(arrangement.holidays.count),
                                            "makeup_workdays": String(arrangement.makeupWorkdays.count),
                                            "replaced": replaced == nil ? "no" : "yes"])
        }
        try await app.zhengwu.calendars.reload(on: app.db, now: now)
    }
}
