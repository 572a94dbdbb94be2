import SQLKit

/// Inserting one row with SQLKit instead of a Fluent model. Fluent reflects over a model's
/// properties on every save, which costs more than SQLite's own work on the busiest paths
/// (submissions, audit records, sessions); values are bound with the same encoders Fluent
/// uses, so Fluent reads these rows back unchanged.
extension SQLDatabase {
    func insertRow(into table: String, _ columns: KeyValuePairs<String, any Encodable & Sendable>) async throws {
        try await insert(into: table)
            .columns(columns.map(\.key))
            .values(columns.map { SQLBind($0.value) })
            .run()
    }
}
