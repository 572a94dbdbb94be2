import Fluent

/// Shared rate-limit counters: one row per key and window, so every instance sees the same count.
struct CreateRateCounters: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("rate_counters")
            .field("id", .string, .identifier(auto: false))
            .field("count", .int, .required)
            .field("expires_at", .int64, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("rate_counters").delete()
    }
}
