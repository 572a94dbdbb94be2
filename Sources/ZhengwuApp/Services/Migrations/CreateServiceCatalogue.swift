import Fluent
import SQLKit

/// The service catalogue: items, their guide versions, and on SQLite a trigram full-text
/// index (FTS5) over the published guides.
struct CreateServiceCatalogue: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ServiceItem.schema)
            .id()
            .field("code", .string, .required)
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("availability", .string, .required)
            .field("availability_notice", .string, .required)
            .field("published_revision_id", .uuid)
            .field("name", .string, .required)
            .field("applicant_kinds", .string, .required)
            .field("life_events", .string, .required)
            .field("search_text", .string, .required)
            .field("promised_limit_days", .int, .required)
            .field("online_depth", .int, .required)
            .field("max_visits", .int, .required)
            .field("handling", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(ServiceItemRevision.schema)
            .id()
            .field("item_id", .uuid, .required, .references(ServiceItem.schema, "id"))
            .field("number", .int, .required)
            .field("state", .string, .required)
            .field("content", .string, .required)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("reviewer_id", .uuid)
            .field("reviewer_name", .string)
            .field("review_note", .string, .required)
            .field("change_note", .string, .required)
            .field("created_at", .datetime, .required)
            .field("reviewed_at", .datetime)
            .field("published_at", .datetime)
            .unique(on: "item_id", "number")
            .create()
        let sql = database as! SQLDatabase
        try await sql.raw("CREATE INDEX service_items_department ON service_items (department_id)").run()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE VIRTUAL TABLE service_search USING fts5(item_id UNINDEXED, name, body, tokenize = 'trigram')
                """).run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! SQLDatabase
        if sql.dialect.name == "sqlite" { try await sql.raw("DROP TABLE service_search").run() }
        try await database.schema(ServiceItemRevision.schema).delete()
        try await database.schema(ServiceItem.schema).delete()
    }
}
