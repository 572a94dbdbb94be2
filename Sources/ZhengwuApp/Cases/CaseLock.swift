import Fluent
import Foundation
import SQLKit

/// Reading a case to change it. On PostgreSQL several instances write at once, so the row is
/// locked until the transaction ends: two changes (an acceptance and a withdrawal, two runs of
/// the deeming timer) then happen one after the other and the second sees the first's status.
/// SQLite has one writer at a time already.
enum CaseLock {
    static func find(_ id: UUID, on db: Database) async throws -> ServiceCase? {
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM applications WHERE id = \(bind: id) FOR UPDATE").run()
        }
        return try await ServiceCase.find(id, on: db)
    }

    /// `FOR UPDATE SKIP LOCKED` where the database has it: rows another instance is working on
    /// are left to it.
    static func skipLocked(_ db: Database) -> SQLQueryString {
        (db as? SQLDatabase)?.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
    }

    /// Serialises a counter (such as notice numbers) across instances until the transaction ends.
    static func serialise(_ name: String, on db: Database) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: name)))").run()
    }
}
