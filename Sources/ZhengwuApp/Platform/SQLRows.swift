import SQLKit

/// Inserting one row with SQLKit instead of a Fluent model. Fluent reflects over a model's
/// properties on every save, which costs more than SQLite's own work on the busiest paths
/// (submissions, audit records, sessions); values are bound with the same encoders Fluent
/// uses, so Fluent reads these rows back unchanged. The statement text is written directly
/// (the names are this file's callers' constants, never user input), skipping SQLKit's
/// identifier quoting, which showed up in profiles.
extension SQLDatabase {
    /// Inserts now, or at the end of the batch inside a group commit (see DeferredRows).
    func insertRow(into table: String, _ columns: KeyValuePairs<String, any Encodable & Sendable>) async throws {
        try await insertRows(into: table, columns: columns.map(\.key), [columns.map(\.value)])
    }

    /// Several rows of one table: in one statement now, or at the end of the batch inside a
    /// group commit.
    func insertRows(into table: String, columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        // Files are written at once: gathered, a batch's uploads would make one enormous statement.
        if let deferred = DeferredRows.current, table != StoredFile.schema {
            deferred.add(table, columns: columns, rows: rows)
            return
        }
        try await writeRows(into: table, columns: columns, rows)
    }

    func writeRows(into table: String, columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        let values = rows.map { "(\(binds: $0))" as SQLQueryString }.joined(separator: ", ")
        try await raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values)").run()
    }
}
