import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Finding items by words. SQLite's FTS5 trigram index answers queries of three or more
/// characters from the index; one- and two-character Chinese queries (e.g. 低保, 医) produce
/// no trigram, so they, and every query on PostgreSQL, match the listing's search text with
/// LIKE. A county's catalogue is a few hundred rows, so that scan stays well under a millisecond.
enum CatalogueSearchIndex {
    /// Replaces the item's indexed text with the published guide's.
    static func index(itemID: UUID, guide: ServiceGuide, departmentName: String, on database: Database) async throws {
        let sql = database as! SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("DELETE FROM service_search WHERE item_id = \(bind: itemID.uuidString)").run()
        let body = text(of: guide, departmentName: departmentName)
        try await sql.raw("""
            INSERT INTO service_search (item_id, name, body) VALUES (\(bind: itemID.uuidString), \(bind: guide.name), \(bind: body))
            """).run()
    }

    /// Everything an item is found by, besides its name: the same for the index and for the
    /// short-query scan, so both databases and all query lengths find the same items.
    static func text(of guide: ServiceGuide, departmentName: String) -> String {
        ([guide.subItem, departmentName, guide.conditions, guide.legalBasis, guide.result.name]
            + guide.keywords + guide.materials.map(\.name) + guide.faq.map(\.question)).joined(separator: "\n")
    }

    /// The words of a query: split on spaces (ASCII and full-width), at most five, each at most 30 characters.
    static func terms(of query: String) -> [String] {
        Array(query.split(whereSeparator: { $0.isWhitespace || $0 == "\u{3000}" }).map { String($0.prefix(30)) }.prefix(5))
    }

    /// A FTS5 query matching every term as a phrase: quotes are doubled, so user text can never
    /// become FTS syntax.
    static func matchExpression(_ terms: [String]) -> String {
        terms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
    }
}
