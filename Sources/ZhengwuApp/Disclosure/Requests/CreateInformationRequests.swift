import Fluent
import SQLKit

/// Requests for government information: the requests, their history, the letters issued and
/// the documents handed over, and the running numbers of requests and letters.
struct CreateInformationRequests: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(InformationRequest.schema)
            .id()
            .field("number", .string, .required)
            .field("organ_id", .uuid, .required, .references(Department.schema, "id"))
            .field("organ_code", .string, .required)
            .field("region_code", .string, .required)
            .field("applicant_account_id", .uuid)
            .field("applicant_type", .string, .required)
            .field("applicant_name", .string, .required)
            .field("applicant_id_sealed", .string, .required)
            .field("applicant_phone_sealed", .string, .required)
            .field("applicant_address_sealed", .string, .required)
            .field("description", .string, .required)
            .field("format", .string, .required)
            .field("channel", .string, .required)
            .field("received_on", .string, .required)
            .field("clock", .string, .required)
            .field("status", .string, .required)
            .field("due_on", .string)
            .field("outcome", .string)
            .field("closed_on", .string)
            .field("pending_extension_days", .int)
            .field("pending_extension_reason", .string, .required)
            .field("pending_extension_by", .uuid)
            .field("fee_yuan", .int)
            .field("correction_text", .string, .required)
            .field("recorded_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await database.schema(InformationRequestEvent.schema)
            .id()
            .field("request_id", .uuid, .required, .references(InformationRequest.schema, "id"))
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("actor_name", .string, .required)
            .field("note", .string, .required)
            .field("shown", .bool, .required)
            .create()
        try await database.schema(InformationRequestLetter.schema)
            .id()
            .field("request_id", .uuid, .required, .references(InformationRequest.schema, "id"))
            .field("kind", .string, .required)
            .field("number", .string, .required)
            .field("issued_on", .string, .required)
            .field("organ_name", .string, .required)
            .field("body", .string, .required)
            .field("date", .string)
            .field("amount", .int)
            .field("outcome", .string)
            .field("issued_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await database.schema(InformationRequestDocument.schema)
            .id()
            .field("request_id", .uuid, .required, .references(InformationRequest.schema, "id"))
            .field("file_id", .uuid, .required, .references(StoredFile.schema, "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! SQLDatabase
        try await sql.raw("""
            CREATE TABLE request_serials (series TEXT NOT NULL, organ_code TEXT NOT NULL, year INTEGER NOT NULL,
            last INTEGER NOT NULL, PRIMARY KEY (series, organ_code, year))
            """).run()
        try await sql.raw("CREATE INDEX information_requests_organ ON information_requests (organ_id, status, due_on)").run()
        try await sql.raw("CREATE INDEX information_requests_account ON information_requests (applicant_account_id, created_at)").run()
        try await sql.raw("CREATE INDEX information_request_events_request ON information_request_events (request_id, at)").run()
        try await sql.raw("CREATE INDEX information_request_letters_request ON information_request_letters (request_id)").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! SQLDatabase).raw("DROP TABLE request_serials").run()
        for schema in [InformationRequestDocument.schema, InformationRequestLetter.schema, InformationRequestEvent.schema,
                       InformationRequest.schema] {
            try await database.schema(schema).delete()
        }
    }
}
