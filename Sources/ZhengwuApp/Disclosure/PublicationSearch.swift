import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Full-text search over publications, for Chinese queries of any length (see SearchTokens):
/// every text is indexed as single characters and as overlapping pairs, titles apart from the
/// rest so a match in the title ranks higher.
///
/// - SQLite: an FTS5 table with the `unicode61` tokenizer over the token columns, ranked by bm25.
/// - PostgreSQL: `tsvector` columns under GIN indexes with the `simple` configuration; phrases
///   are `phraseto_tsquery`, ranked by `ts_rank` with titles weighted A.
///
/// Queries of single characters only (e.g. 税) match a large share of everything; ranking every
/// match would cost time in proportion to the whole collection, so they list newest first,
/// which the index answers directly. Totals are counted up to `countCap`.
enum PublicationSearch {
    static let countCap = 1_000

    struct Filters: Sendable {
        var organCode: String?
        var subject: String?
        var genre: String?
        var year: Int?
    }

    struct Result: Sendable {
        let ids: [UUID]
        /// Matches found, at most `countCap`; `capped` when there are more.
        let total: Int
        let capped: Bool
    }

    /// Each indexed publication has a `search_key`, the index row's integer key. A new key is
    /// given at every indexing, so newer texts have higher keys and "newest first" is the key's
    /// order. On SQLite the FTS5 table keeps no copy of the text (contentless): snippets come
    /// from the publication itself, and the index stays about the size of its tokens.
    static func createIndex(on sql: SQLDatabase) async throws {
        try await sql.raw("CREATE UNIQUE INDEX publications_search_key ON publications (search_key)").run()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE VIRTUAL TABLE publication_search USING fts5(
                    unigrams, bigrams, title_unigrams, title_bigrams,
                    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')
                """).run()
        } else {
            try await sql.raw("""
                CREATE TABLE publication_search (search_key BIGINT PRIMARY KEY, unigrams TSVECTOR NOT NULL, bigrams TSVECTOR NOT NULL)
                """).run()
            try await sql.raw("CREATE INDEX publication_search_unigrams ON publication_search USING GIN (unigrams)").run()
            try await sql.raw("CREATE INDEX publication_search_bigrams ON publication_search USING GIN (bigrams)").run()
        }
    }

    static func dropIndex(on sql: SQLDatabase) async throws {
        try await sql.raw("DROP TABLE publication_search").run()
    }

    /// Replaces what the publication is found by. `text` is everything but the title: document
    /// number, keywords, the body without markup, and attachment text.
    static func index(publicationID: UUID, title: String, text: String, on db: Database) async throws {
        let sql = db as! SQLDatabase
        let titleTokens = SearchTokens(text: title), textTokens = SearchTokens(text: text)
        try await remove(publicationID: publicationID, on: db)
        let key = try await sql.raw("SELECT COALESCE(MAX(search_key), 0) + 1 AS k FROM publications").first()?
            .decode(column: "k", as: Int.self) ?? 1
        try await sql.raw("UPDATE publications SET search_key = \(bind: key) WHERE id = \(bind: publicationID)").run()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                INSERT INTO publication_search (rowid, unigrams, bigrams, title_unigrams, title_bigrams)
                VALUES (\(bind: key), \(bind: textTokens.unigrams), \(bind: textTokens.bigrams),
                        \(bind: titleTokens.unigrams), \(bind: titleTokens.bigrams))
                """).run()
        } else {
            try await sql.raw("""
                INSERT INTO publication_search (search_key, unigrams, bigrams) VALUES (\(bind: key),
                    setweight(to_tsvector('simple', \(bind: titleTokens.unigrams)), 'A') || to_tsvector('simple', \(bind: textTokens.unigrams)),
                    setweight(to_tsvector('simple', \(bind: titleTokens.bigrams)), 'A') || to_tsvector('simple', \(bind: textTokens.bigrams)))
                """).run()
        }
    }

    static func remove(publicationID: UUID, on db: Database) async throws {
        let sql = db as! SQLDatabase
        let column = sql.dialect.name == "sqlite" ? "rowid" : "search_key"
        try await sql.raw("""
            DELETE FROM publication_search WHERE \(ident: column) = (SELECT search_key FROM publications WHERE id = \(bind: publicationID))
            """).run()
        try await sql.raw("UPDATE publications SET search_key = NULL WHERE id = \(bind: publicationID)").run()
    }

    /// One page of matching publications that the public can see (live or withdrawn), best first.
    static func search(_ query: SearchTokens.Query, filters: Filters, page: Int, pageSize: Int, on db: Database) async throws -> Result {
        let sql = db as! SQLDatabase
        let isSQLite = sql.dialect.name == "sqlite"
        var conditions: [SQLQueryString] = ["p.status IN ('live', 'withdrawn')"]
        if isSQLite {
            conditions.append("publication_search MATCH \(bind: query.fts5(unigrams: "{unigrams title_unigrams}", bigrams: "{bigrams title_bigrams}"))")
        } else {
            for phrase in query.phrases {
                conditions.append("s.bigrams @@ phraseto_tsquery('simple', \(bind: phrase.joined(separator: " ")))")
            }
            for character in query.characters {
                conditions.append("s.unigrams @@ plainto_tsquery('simple', \(bind: character))")
            }
        }
        if let organ = filters.organCode { conditions.append("p.organ_code = \(bind: organ)") }
        if let subject = filters.subject { conditions.append("p.subject = \(bind: subject)") }
        if let genre = filters.genre { conditions.append("p.genre = \(bind: genre)") }
        if let year = filters.year { conditions.append("p.index_year = \(bind: year)") }
        let whereClause = conditions.map { "(" + $0 + ")" }.joined(separator: " AND ")
        let order: SQLQueryString
        switch (isSQLite, query.phrases.first) {
        case (true, .some): order = "bm25(publication_search, 1, 1, 5, 5), s.rowid DESC"
        case (true, .none): order = "s.rowid DESC"
        case (false, .some(let phrase)):
            order = "ts_rank(s.bigrams, phraseto_tsquery('simple', \(bind: phrase.joined(separator: " ")))) DESC, s.search_key DESC"
        case (false, .none): order = "s.search_key DESC"
        }
        let key: SQLQueryString = isSQLite ? "s.rowid" : "s.search_key"
        let from: SQLQueryString = "FROM publication_search s JOIN publications p ON p.search_key = \(key) WHERE \(whereClause)"
        let counted = try await sql.raw("SELECT count(*) AS n FROM (SELECT 1 \(from) LIMIT \(unsafeRaw: String(countCap + 1))) AS m")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT p.id AS id \(from) ORDER BY \(order)
            LIMIT \(unsafeRaw: String(pageSize)) OFFSET \(unsafeRaw: String((page - 1) * pageSize))
            """).all()
        return Result(ids: try rows.map { try $0.decode(column: "id", as: UUID.self) }, total: min(counted, countCap),
                      capped: counted > countCap)
    }
}
