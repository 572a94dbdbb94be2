import Foundation
import NIOConcurrencyHelpers
import SQLKit
import ZhengwuCore

/// Rows inserted by the writes of one group commit, held back and written at the end of the
/// batch with one multi-row statement per table. A submission inserts about ten rows; a
/// batch of a hundred then costs a handful of statements instead of a thousand, each of which
/// is a trip to SQLite's thread and back. Audit records are chained at the same moment, in
/// the order the writes made them.
///
/// Rows are kept per table in the order they were added; parent tables are written before the
/// tables whose rows refer to them (`parentsFirst`), the rest in the order first touched.
final class DeferredRows: @unchecked Sendable {
    // Only touched by the one task running a batch's writes, one after another.
    private var tables: [(table: String, columns: [String], rows: [[any Encodable & Sendable]])] = []
    private var audit: [AuditRecord] = []

    @TaskLocal static var current: DeferredRows?

    /// Tables other rows refer to, in the order they must be written.
    static let parentsFirst = ["applications", "stored_files"]

    /// Tables where identical rows say the same thing once: a day marked by a hundred
    /// submissions of one batch needs counting again once, so it is written once.
    static let identicalRowsOnce: Set<String> = [PerformanceRollup.dirtySchema]

    struct Mark {
        fileprivate let rowCounts: [Int]
        fileprivate let auditCount: Int
    }

    func add(_ table: String, columns: [String], rows: [[any Encodable & Sendable]]) {
        if let index = tables.firstIndex(where: { $0.table == table && $0.columns == columns }) {
            tables[index].rows += rows
        } else {
            tables.append((table, columns, rows))
        }
    }

    func add(audit draft: AuditRecord) { audit.append(draft) }

    /// Where one write's rows begin, so a failed write can take exactly its own rows back.
    func mark() -> Mark { Mark(rowCounts: tables.map(\.rows.count), auditCount: audit.count) }

    func rollBack(to mark: Mark) {
        tables = Array(tables.prefix(mark.rowCounts.count))
        for index in tables.indices { tables[index].rows = Array(tables[index].rows.prefix(mark.rowCounts[index])) }
        audit = Array(audit.prefix(mark.auditCount))
    }

    /// Writes everything held, in the caller's transaction.
    func flush(on sql: SQLDatabase, log: AuditLog) async throws {
        try await log.appendAll(audit, on: sql)
        let ordered = tables.enumerated().sorted { a, b in
            let rank = { (table: String) in Self.parentsFirst.firstIndex(of: table) ?? Self.parentsFirst.count }
            return (rank(a.element.table), a.offset) < (rank(b.element.table), b.offset)
        }.map(\.element)
        for table in ordered {
            var rows = table.rows
            if Self.identicalRowsOnce.contains(table.table) {
                var seen = Set<String>()
                rows = rows.filter { seen.insert("\($0)").inserted }
            }
            // SQLite allows 32,766 bound values per statement; stay well under it.
            let perStatement = max(1, 30_000 / max(1, table.columns.count))
            var start = 0
            while start < rows.count {
                let chunk = Array(rows[start..<min(start + perStatement, rows.count)])
                try await sql.writeRows(into: table.table, columns: table.columns, chunk)
                start += perStatement
            }
        }
    }
}
