import Fluent
import Foundation
import SQLKit

/// Rebuilds the SQLite search table with the `facets` column (organ, subject, genre and year as
/// tokens, see PublicationSearch.facets), so filtered searches never leave the index, and
/// indexes every searchable publication again. PostgreSQL's index has no such column.
struct AddPublicationSearchFacets: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("DROP TABLE publication_search").run()
        try await PublicationSearch.createSearchTable(on: sql)
        try await sql.raw("UPDATE publications SET search_key = NULL").run()
        // Oldest first, so keys keep growing with time and "newest first" stays the key's order;
        // in batches, so a large catalogue is never held in memory at once.
        var offset = 0
        while true {
            let batch = try await sql.raw("""
                SELECT id FROM publications WHERE status IN ('live', 'withdrawn') ORDER BY published_at, id
                LIMIT 500 OFFSET \(unsafeRaw: String(offset))
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            if batch.isEmpty { return }
            offset += batch.count
            let publications = try await Publication.query(on: database).filter(\.$id ~~ batch).all()
            let order = Dictionary(uniqueKeysWithValues: batch.enumerated().map { ($1, $0) })
            for publication in publications.sorted(by: { order[$0.id!, default: 0] < order[$1.id!, default: 0] }) {
                guard let editionID = publication.currentEditionID,
                      let edition = try await PublicationEdition.find(editionID, on: database) else { continue }
                try await PublishEdition.reindex(publication, edition: edition, on: database)
            }
        }
    }

    func revert(on database: Database) async throws {}
}
