import Fluent
import Foundation
import SQLKit

/// A database lease on a named job: of several instances sharing a database, the one holding
/// the lease runs the job until it expires or is renewed. One upsert takes it when it is free
/// or already ours, on SQLite and PostgreSQL alike; no row comes back when someone else holds it.
enum JobLease {
    static let schema = "job_leases"

    static func acquire(_ name: String, holder: String, for seconds: TimeInterval, now: Date, on db: Database) async throws -> Bool {
        let row = try await (db as! SQLDatabase).raw("""
            INSERT INTO job_leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: now.addingTimeInterval(seconds)))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE job_leases.expires_at < \(bind: now) OR job_leases.holder = excluded.holder
            RETURNING holder
            """).first()
        return try row?.decode(column: "holder", as: String.self) == holder
    }

    /// Gives up every lease `holder` holds when its instance stops, so another instance takes
    /// each job at its next round instead of waiting for the lease to expire.
    static func releaseAll(holder: String, on db: Database) async throws {
        try await (db as! SQLDatabase).raw("DELETE FROM job_leases WHERE holder = \(bind: holder)").run()
    }
}
