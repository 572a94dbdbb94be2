import Fluent
import SQLKit

/// The live deadline watch (电子监察): when each step's clock started (for the share-used rule),
/// the warnings already raised (one row per clock, level and due date, so each is noticed
/// once), the notices staff receive, and leases that let one instance at a time run a job.
struct CreateSupervision: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! SQLDatabase
        try await database.schema(OpenStep.schema).field("started_on", .string).update()
        // Rows written before this version: their stage most likely opened at acceptance.
        try await sql.raw("""
            UPDATE open_steps SET started_on = (SELECT accepted_on FROM applications a WHERE a.id = open_steps.application_id)
            """).run()
        try await database.schema(DeadlineAlert.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("step_key", .string, .required)
            .field("level", .string, .required)
            .field("due_on", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "application_id", "step_key", "level", "due_on")
            .create()
        try await database.schema(StaffNotice.schema)
            .id()
            .field("account_id", .string)
            .field("department_id", .uuid)
            .field("role", .string)
            .field("application_id", .uuid, .references(ServiceCase.schema, "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(Supervision.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("opened_by", .string, .required)
            .field("opened_by_name", .string, .required)
            .field("reason", .string, .required)
            .field("answer_due_on", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("answer", .string)
            .field("answered_by_name", .string)
            .field("answered_at", .datetime)
            .create()
        try await database.schema(CaseFlag.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("region_code", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "application_id", "kind")
            .create()
        try await database.schema(PerformanceReport.schema)
            .id()
            .field("kind", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("lines", .string, .required)
            .field("generated_at", .datetime, .required)
            .field("generated_by", .string, .required)
            .unique(on: "kind", "period_start")
            .create()
        try await PerformanceRollup.createDaysTable(on: database)
        // Marks are only ever added (never updated), so concurrent changes never wait on one row.
        try await database.schema(PerformanceRollup.dirtySchema)
            .field("seq", .int64, .identifier(auto: true))
            .field("day", .string, .required)
            .create()
        try await database.schema(JobLease.schema)
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("expires_at", .datetime, .required)
            .create()
        for statement: SQLQueryString in [
            "CREATE INDEX staff_notices_person ON staff_notices (account_id, created_at)",
            "CREATE INDEX staff_notices_role ON staff_notices (department_id, role, created_at)",
            "CREATE INDEX open_steps_due ON open_steps (due_on)",
            "CREATE INDEX supervisions_application ON supervisions (application_id)",
            "CREATE INDEX case_flags_recent ON case_flags (created_at)",
            // Counting one day again reads the cases received, decided and worked on that day.
            "CREATE INDEX applications_received_on ON applications (received_on)",
            "CREATE INDEX applications_decided_on ON applications (decided_on)",
            "CREATE INDEX case_timeline_event ON case_timeline (event, at)",
            "CREATE INDEX performance_dirty_day ON performance_dirty (day, seq)",
            "CREATE INDEX supervisions_open ON supervisions (answered_at, answer_due_on)",
        ] {
            try await sql.raw(statement).run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(JobLease.schema).delete()
        try await database.schema(Supervision.schema).delete()
        try await database.schema(CaseFlag.schema).delete()
        try await database.schema(PerformanceReport.schema).delete()
        try await database.schema(PerformanceRollup.daysSchema).delete()
        try await database.schema(PerformanceRollup.dirtySchema).delete()
        try await database.schema(StaffNotice.schema).delete()
        try await database.schema(DeadlineAlert.schema).delete()
        try await database.schema(OpenStep.schema).deleteField("started_on").update()
    }
}
