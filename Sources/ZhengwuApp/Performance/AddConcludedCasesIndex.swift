import Fluent
import SQLKit

/// Counting a day again (PerformanceRollup.recount) reads the cases concluded that day by
/// `status = concluded AND decided_on = day`. Without statistics SQLite chose the
/// (status, region_code) index for that and read every concluded case, about a second per
/// dimension per day with a million cases, all inside a write transaction; this index answers
/// it from the day's own rows.
struct AddConcludedCasesIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await (database as! SQLDatabase).raw("CREATE INDEX applications_concluded_on ON applications (status, decided_on)").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! SQLDatabase).raw("DROP INDEX applications_concluded_on").run()
    }
}
