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

        /// The filters as conditions on `publications`, its columns qualified with `table` if given.
        func conditions(of table: String? = nil) -> [SQLQueryString] {
            let prefix = table.map { $0 + "." } ?? ""
            var conditions: [SQLQueryString] = []
            if let organCode { conditions.append("\(unsafeRaw: prefix)organ_code = \(bind: organCode)") }
            if let subject { conditions.append("\(unsafeRaw: prefix)subject = \(bind: subject)") }
            if let genre { conditions.append("\(unsafeRaw: prefix)genre = \(bind: genre)") }
            if let year { conditions.append("\(unsafeRaw: prefix)index_year = \(bind: year)") }
            return conditions
        }
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
        try await createSearchTable(on: sql)
    }

    /// On SQLite the filters are tokens of a `facets` column (see `facets`), so a search never
    /// leaves the index: FTS5 finds, filters, ranks (`rank` is bm25 with titles weighted 5) and
    /// cuts the page, and only the page's keys are looked up in `publications`.
    static func createSearchTable(on sql: SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE VIRTUAL TABLE publication_search USING fts5(
                    unigrams, bigrams, title_unigrams, title_bigrams, facets,
                    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')
                """).run()
            try await sql.raw("""
                INSERT INTO publication_search (publication_search, rank) VALUES ('rank', 'bm25(1.0, 1.0, 5.0, 5.0, 0.0)')
                """).run()
        } else {
            try await sql.raw("""
                CREATE TABLE publication_search (search_key BIGINT PRIMARY KEY, unigrams TSVECTOR NOT NULL, bigrams TSVECTOR NOT NULL)
                """).run()
            try await sql.raw("CREATE INDEX publication_search_unigrams ON publication_search USING GIN (unigrams)").run()
            try await sql.raw("CREATE INDEX publication_search_bigrams ON publication_search USING GIN (bigrams)").run()
        }
    }

    /// The filters as index tokens, letters and digits only so the tokenizer keeps each whole:
    /// `omzj scivilaffairs gnotice y2026`.
    static func facets(organCode: String?, subject: String?, genre: String?, year: Int?) -> [String] {
        func token(_ prefix: String, _ value: String?) -> String? {
            value.map { prefix + $0.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        }
        return [token("o", organCode), token("s", subject), token("g", genre), token("y", year.map(String.init))].compactMap { $0 }
    }

    static func dropIndex(on sql: SQLDatabase) async throws {
        try await sql.raw("DROP TABLE publication_search").run()
    }

    /// Replaces what the publication is found by. `text` is everything but the title: document
    /// number, keywords, the body without markup, and attachment text.
    static func index(_ publication: Publication, title: String, text: String, on db: Database) async throws {
        let sql = db as! SQLDatabase
        let publicationID = try publication.requireID()
        let titleTokens = SearchTokens(text: title), textTokens = SearchTokens(text: text)
        try await remove(publicationID: publicationID, on: db)
        let key = try await sql.raw("SELECT COALESCE(MAX(search_key), 0) + 1 AS k FROM publications").first()?
            .decode(column: "k", as: Int.self) ?? 1
        try await sql.raw("UPDATE publications SET search_key = \(bind: key) WHERE id = \(bind: publicationID)").run()
        if sql.dialect.name == "sqlite" {
            let facets = Self.facets(organCode: publication.organCode, subject: publication.subject, genre: publication.genre,
                                     year: publication.indexYear).joined(separator: " ")
            try await sql.raw("""
                INSERT INTO publication_search (rowid, unigrams, bigrams, title_unigrams, title_bigrams, facets)
                VALUES (\(bind: key), \(bind: textTokens.unigrams), \(bind: textTokens.bigrams),
                        \(bind: titleTokens.unigrams), \(bind: titleTokens.bigrams), \(bind: facets))
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
    /// Only those are in the index: publishing adds a publication, removing it takes it out.
    /// `rankedUpTo`: how many matches bm25 ranks at most (see `searchSQLite`).
    static func search(_ query: SearchTokens.Query, filters: Filters, page: Int, pageSize: Int, rankedUpTo: Int = countCap,
                       on db: Database) async throws -> Result {
        let sql = db as! SQLDatabase
        let keys: [Int64]
        let counted: Int
        let offset = (page - 1) * pageSize
        if sql.dialect.name == "sqlite" {
            (keys, counted) = try await searchSQLite(query, filters: filters, offset: offset, pageSize: pageSize,
                                                     rankedUpTo: rankedUpTo, on: sql)
        } else {
            var conditions: [SQLQueryString] = ["p.status IN ('live', 'withdrawn')"]
            for phrase in query.phrases {
                conditions.append("s.bigrams @@ phraseto_tsquery('simple', \(bind: phrase.joined(separator: " ")))")
            }
            for character in query.characters {
                conditions.append("s.unigrams @@ plainto_tsquery('simple', \(bind: character))")
            }
            conditions += filters.conditions(of: "p")
            let whereClause = conditions.map { "(" + $0 + ")" }.joined(separator: " AND ")
            let from: SQLQueryString = "FROM publication_search s JOIN publications p ON p.search_key = s.search_key WHERE \(whereClause)"
            counted = try await sql.raw("SELECT count(*) AS n FROM (SELECT 1 \(from) LIMIT \(unsafeRaw: String(countCap + 1))) AS m")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            // As on SQLite: ranked up to `rankedUpTo` matches; beyond, those whose title (the
            // lexemes weighted A) holds the first phrase come first, then newest first.
            let order: SQLQueryString = query.phrases.first.map { phrase in
                let words = phrase.joined(separator: " ")
                return counted <= rankedUpTo
                    ? "ts_rank(s.bigrams, phraseto_tsquery('simple', \(bind: words))) DESC, s.search_key DESC"
                    : "(ts_filter(s.bigrams, '{a}') @@ phraseto_tsquery('simple', \(bind: words))) DESC, s.search_key DESC"
            } ?? "s.search_key DESC"
            keys = try await sql.raw("""
                SELECT s.search_key AS k \(from) ORDER BY \(order) LIMIT \(unsafeRaw: String(pageSize)) OFFSET \(unsafeRaw: String(offset))
                """).all().map { try $0.decode(column: "k", as: Int64.self) }
        }
        let ids = try await self.ids(ofKeys: keys, on: sql)
        return Result(ids: ids, total: min(counted, countCap), capped: counted > countCap)
    }

    /// SQLite: the search never leaves the index (filters are `facets` tokens), and FTS5 hands
    /// back the page's keys.
    /// - Single characters only: newest first, which the rowid order answers without ranking.
    /// - Up to `rankedUpTo` matches: bm25 ranks them all (`rank`, titles weighted 5).
    /// - More: ranking every match would cost time in proportion to the collection, and among
    ///   so many the order readers of such catalogues expect is matches in the title first, then
    ///   the rest, newest first within each. Both lists come straight from the index in rowid
    ///   order, and FTS5 stops at the page's end.
    private static func searchSQLite(_ query: SearchTokens.Query, filters: Filters, offset: Int, pageSize: Int, rankedUpTo: Int,
                                     on sql: SQLDatabase) async throws -> (keys: [Int64], counted: Int) {
        let facets = Self.facets(organCode: filters.organCode, subject: filters.subject, genre: filters.genre, year: filters.year)
            .map { "facets : \"\($0)\"" }
        func expression(unigrams: String, bigrams: String) -> String {
            ([query.fts5(unigrams: unigrams, bigrams: bigrams)] + facets).joined(separator: " AND ")
        }
        func count(_ match: String) async throws -> Int {
            try await sql.raw("""
                SELECT count(*) AS n FROM (SELECT 1 FROM publication_search WHERE publication_search MATCH \(bind: match)
                LIMIT \(unsafeRaw: String(countCap + 1))) AS m
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        func keys(_ match: String, _ order: SQLQueryString, offset: Int, limit: Int) async throws -> [Int64] {
            guard limit > 0 else { return [] }
            return try await sql.raw("""
                SELECT rowid AS k FROM publication_search WHERE publication_search MATCH \(bind: match) ORDER BY \(order)
                LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
                """).all().map { try $0.decode(column: "k", as: Int64.self) }
        }
        let anywhere = expression(unigrams: "{unigrams title_unigrams}", bigrams: "{bigrams title_bigrams}")
        let counted = try await count(anywhere)
        if query.phrases.isEmpty {
            return (try await keys(anywhere, "rowid DESC", offset: offset, limit: pageSize), counted)
        }
        if counted <= rankedUpTo {
            return (try await keys(anywhere, "rank, rowid DESC", offset: offset, limit: pageSize), counted)
        }
        let inTitle = expression(unigrams: "title_unigrams", bigrams: "title_bigrams")
        let titled = try await count(inTitle)
        let fromTitles = try await keys(inTitle, "rowid DESC", offset: offset, limit: pageSize)
        let fromText = try await keys("(\(anywhere)) NOT (\(inTitle))", "rowid DESC", offset: max(0, offset - titled),
                                      limit: pageSize - fromTitles.count)
        return (fromTitles + fromText, counted)
    }

    /// The publications of index keys, in the keys' order. Looked up by key alone: with a
    /// condition on `status` beside it, SQLite may pick the status index and read every live
    /// row, so the status is checked here instead.
    private static func ids(ofKeys keys: [Int64], on sql: SQLDatabase) async throws -> [UUID] {
        guard !keys.isEmpty else { return [] }
        let rows = try await sql.raw("SELECT id, search_key, status FROM publications WHERE search_key IN (\(binds: keys))").all()
        var byKey: [Int64: UUID] = [:]
        for row in rows where PublicationStatus(rawValue: try row.decode(column: "status", as: String.self))?.isSearchable == true {
            byKey[try row.decode(column: "search_key", as: Int64.self)] = try row.decode(column: "id", as: UUID.self)
        }
        return keys.compactMap { byKey[$0] }
    }
}
