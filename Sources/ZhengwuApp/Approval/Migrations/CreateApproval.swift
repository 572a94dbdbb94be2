import Fluent
import SQLKit

/// Review of accepted cases: the review state and decision on each case, the open workflow
/// steps the to-do lists read, the facts of the new written notices, and the certificate
/// library (电子证照库).
struct CreateApproval: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! SQLDatabase
        // Added columns are nullable: cases accepted before this version have no review yet
        // and get one the first time someone opens them (CaseReviewStore.review).
        for statement: SQLQueryString in [
            "ALTER TABLE applications ADD COLUMN review TEXT",
            "ALTER TABLE applications ADD COLUMN legal_due_on TEXT",
            "ALTER TABLE applications ADD COLUMN decision TEXT",
            "ALTER TABLE applications ADD COLUMN decided_on TEXT",
            "ALTER TABLE applications ADD COLUMN deadline_met TEXT",
            "ALTER TABLE applications ADD COLUMN working_days_used INTEGER",
            "ALTER TABLE case_notices ADD COLUMN subject TEXT",
            "ALTER TABLE case_notices ADD COLUMN days INTEGER",
        ] {
            try await sql.raw(statement).run()
        }
        try await database.schema(OpenStep.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("step_key", .string, .required)
            .field("step_name", .string, .required)
            .field("account_id", .string)
            .field("role", .string)
            .field("department_id", .uuid)
            .field("signed_for_by", .string)
            .field("due_on", .string, .required)
            .create()
        try await database.schema(Certificate.schema)
            .id()
            .field("number", .string, .required)
            .field("verification_code", .string, .required)
            .field("certificate_type", .string, .required)
            .field("item_code", .string, .required)
            .field("item_name", .string, .required)
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("department_name", .string, .required)
            .field("region_code", .string, .required)
            .field("holder_name", .string, .required)
            .field("holder_kind", .string, .required)
            .field("holder_index", .string, .required)
            .field("holder_account_id", .uuid)
            .field("data", .string, .required)
            .field("issued_on", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_until", .string)
            .field("status", .string, .required)
            .field("replaces_id", .uuid)
            .field("expiry_noticed", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "number")
            .create()
        for statement: SQLQueryString in [
            "CREATE INDEX open_steps_person ON open_steps (account_id, due_on)",
            // Covers the to-do list's role condition, so counting and paging read the index only.
            "CREATE INDEX open_steps_role ON open_steps (department_id, role, due_on, account_id, signed_for_by)",
            "CREATE INDEX open_steps_application ON open_steps (application_id)",
            // The open-case lists walk cases in due order and stop at the page's end; counting
            // them by status and region reads an index only.
            "CREATE INDEX applications_decision_due ON applications (decision_due_on)",
            "CREATE INDEX applications_status_region ON applications (status, region_code)",
            "CREATE INDEX applications_concluded ON applications (decision, decided_on)",
            "CREATE INDEX certificates_holder ON certificates (holder_index, certificate_type)",
            "CREATE INDEX certificates_expiry ON certificates (expiry_noticed, valid_until)",
            "CREATE INDEX case_materials_certificate ON case_materials (certificate_reference)",
        ] {
            try await sql.raw(statement).run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema(Certificate.schema).delete()
        try await database.schema(OpenStep.schema).delete()
    }
}
