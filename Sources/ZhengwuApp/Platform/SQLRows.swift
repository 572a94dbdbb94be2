import SQLKit

/// Inserting one row with SQLKit instead of a Fluent model. Fluent reflects over a model's
/// properties on every save, which costs more than SQLite's own work on the busiest paths
/// (submissions, audit records, sessions); values are bound with the same encoders Fluent
/// uses, so Fluent reads these rows back unchanged. The statement text is written directly
/// (the names are this file's callers' constants, never user input), skipping SQLKit's
/// identifier quoting, which showed up in profiles.
extension SQLDatabase {
    func insertRow(into table: String, _ columns: KeyValuePairs<String, any Encodable & Sendable>) async throws {
        let names = columns.map(\.key).joined(separator: ", ")
        try await raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) VALUES (\(binds: columns.map(\.value)))").run()
    }

    /// Several rows of one table in one statement.
    func insertRows(into table: String, columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        let values = rows.map { "(\(binds: $0))" as SQLQueryString }.joined(separator: ", ")
        try await raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values)").run()
    }
}
