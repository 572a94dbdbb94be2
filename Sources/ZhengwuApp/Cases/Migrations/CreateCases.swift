import Fluent
import SQLKit

/// Applications, the departments taking part, their timelines, materials and files, written
/// notices and the notification outbox.
struct CreateCases: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ServiceCase.schema)
            .id()
            .field("receipt_number", .string)
            .field("item_id", .uuid, .required, .references(ServiceItem.schema, "id"))
            .field("revision_id", .uuid, .required, .references(ServiceItemRevision.schema, "id"))
            .field("item_code", .string, .required)
            .field("item_name", .string, .required)
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("region_code", .string, .required)
            .field("applicant_account_id", .uuid, .references(Account.schema, "id"))
            .field("applicant_kind", .string, .required)
            .field("applicant_name", .string, .required)
            .field("applicant_id_sealed", .string, .required)
            .field("applicant_id_tail_index", .string, .required)
            .field("applicant_phone_sealed", .string, .required)
            .field("applicant_phone_index", .string, .required)
            .field("form_values", .string, .required)
            .field("status", .string, .required)
            .field("channel", .string, .required)
            .field("visits", .int, .required)
            .field("handling", .string, .required)
            .field("promised_limit_days", .int, .required)
            .field("legal_limit_days", .int, .required)
            .field("received_at", .datetime)
            .field("received_on", .string)
            .field("acceptance_due_on", .string)
            .field("accepted_on", .string)
            .field("deemed_accepted", .bool, .required)
            .field("decision_due_on", .string)
            .field("recorded_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "receipt_number")
            .create()
        try await database.schema(CaseDepartment.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("is_lead", .bool, .required)
            .unique(on: "application_id", "department_id")
            .create()
        try await database.schema(CaseTimelineEntry.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("at", .datetime, .required)
            .field("event", .string, .required)
            .field("actor_id", .string, .required)
            .field("actor_name", .string, .required)
            .field("note", .string, .required)
            .create()
        try await database.schema(StoredFile.schema)
            .id()
            .field("bytes", .data, .required)
            .field("content_type", .string, .required)
            .field("sha256", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(CaseMaterial.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("material_key", .string, .required)
            .field("file_id", .uuid, .references(StoredFile.schema, "id"))
            .field("certificate_reference", .string)
            .field("display_name", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("sha256", .string, .required)
            .field("added_at", .datetime, .required)
            .create()
        try await database.schema(CaseNotice.schema)
            .id()
            .field("application_id", .uuid, .required, .references(ServiceCase.schema, "id"))
            .field("kind", .string, .required)
            .field("number", .string, .required)
            .field("issued_on", .string, .required)
            .field("department_name", .string, .required)
            .field("body", .string, .required)
            .field("referral", .string, .required)
            .field("issued_by", .string, .required)
            .field("received_on", .string, .required)
            .field("decision_due_on", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(Notification.schema)
            .id()
            .field("account_id", .uuid, .references(Account.schema, "id"))
            .field("application_id", .uuid, .references(ServiceCase.schema, "id"))
            .field("receipt_number", .string, .required)
            .field("message", .string, .required)
            .field("phone_sealed", .string, .required)
            .field("delivery", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("read_at", .datetime)
            .create()
        let sql = database as! SQLDatabase
        for statement: SQLQueryString in [
            "CREATE INDEX applications_status ON applications (status, received_on)",
            "CREATE INDEX applications_applicant ON applications (applicant_account_id)",
            "CREATE INDEX case_departments_department ON case_departments (department_id)",
            "CREATE INDEX case_timeline_application ON case_timeline (application_id, at)",
            "CREATE INDEX case_materials_application ON case_materials (application_id)",
            "CREATE INDEX case_notices_application ON case_notices (application_id)",
            "CREATE INDEX notifications_account ON notifications (account_id, created_at)",
            "CREATE INDEX notifications_delivery ON notifications (delivery, next_attempt_at)",
        ] {
            try await sql.raw(statement).run()
        }
    }

    func revert(on database: Database) async throws {
        for schema in [Notification.schema, CaseNotice.schema, CaseMaterial.schema, StoredFile.schema,
                       CaseTimelineEntry.schema, CaseDepartment.schema, ServiceCase.schema] {
            try await database.schema(schema).delete()
        }
    }
}
