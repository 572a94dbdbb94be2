import Fluent
import SQLKit

/// Renewals (延续, 行政许可法 art. 50): which certificate an application asks to renew, so a
/// renewal left undecided when that certificate ends can be granted by operation of law.
struct CreateRenewals: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(ServiceCase.schema).field("renews_certificate_id", .uuid).update()
        let sql = database as! SQLDatabase
        // Few cases are renewals: the index holds only them, and the hourly check reads it.
        try await sql.raw("""
            CREATE INDEX applications_renewals ON applications (renews_certificate_id) WHERE renews_certificate_id IS NOT NULL
            """).run()
    }

    func revert(on database: Database) async throws {
        try await (database as! SQLDatabase).raw("DROP INDEX applications_renewals").run()
        try await database.schema(ServiceCase.schema).deleteField("renews_certificate_id").update()
    }
}
