import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The public catalogue (公开目录) and search: filters read from the address, one page of
/// publications, and the counts the browse lists show.
struct PublicationListing {
    static let pageSize = 20

    var text: String
    var filters: PublicationSearch.Filters

    init(text: String, filters: PublicationSearch.Filters = .init()) {
        self.text = text
        self.filters = filters
    }

    init(query: URLQueryContainer) {
        text = String((query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(60))
        func value(_ name: String) -> String? {
            query[String.self, at: name].flatMap { $0.isEmpty ? nil : String($0.prefix(40)) }
        }
        filters = PublicationSearch.Filters(
            organCode: value("organ"), subject: value("subject").flatMap { PublicationSubject(rawValue: $0)?.rawValue },
            genre: value("genre").flatMap { PublicationGenre(rawValue: $0)?.rawValue },
            year: value("year").flatMap(Int.init).flatMap { (1949...9999).contains($0) ? $0 : nil })
    }

    /// The address parameters in a fixed order, for links and the pager.
    var parameters: [(String, String)] {
        var all: [(String, String)] = []
        if !text.isEmpty { all.append(("q", text)) }
        if let organ = filters.organCode { all.append(("organ", organ)) }
        if let subject = filters.subject { all.append(("subject", subject)) }
        if let genre = filters.genre { all.append(("genre", genre)) }
        if let year = filters.year { all.append(("year", String(year))) }
        return all
    }

    struct Found {
        let publications: [Publication]
        let total: Int
        let capped: Bool
        let query: SearchTokens.Query
    }

    func find(page: Int, on db: Database) async throws -> Found {
        let query = SearchTokens.query(text)
        if !query.isEmpty {
            let result = try await PublicationSearch.search(query, filters: filters, page: page, pageSize: Self.pageSize, on: db)
            let found = try await Publication.query(on: db).filter(\.$id ~~ result.ids).all()
            let order = Dictionary(uniqueKeysWithValues: result.ids.enumerated().map { ($1, $0) })
            return Found(publications: found.sorted { order[$0.id!, default: 0] < order[$1.id!, default: 0] },
                         total: result.total, capped: result.capped, query: query)
        }
        // Browsing lists what is live; a withdrawn page stays reachable by its address and by search.
        var listing = Publication.query(on: db).filter(\.$status == .live)
        if let organ = filters.organCode { listing = listing.filter(\.$organCode == organ) }
        if let subject = filters.subject { listing = listing.filter(\.$subject == subject) }
        if let genre = filters.genre { listing = listing.filter(\.$genre == genre) }
        if let year = filters.year { listing = listing.filter(\.$indexYear == year) }
        let total = try await liveCount(on: db)
        let rows = try await listing.sort(\.$publishedAt, .descending)
            .range(((page - 1) * Self.pageSize)..<(page * Self.pageSize)).all()
        return Found(publications: rows, total: total, capped: false, query: query)
    }

    /// How many live publications the filters leave. `count(*)` with the status condition is
    /// answered from the `(status, published_at)` index without reading the rows, which Fluent's
    /// `count()` (it counts the ids) would.
    private func liveCount(on db: Database) async throws -> Int {
        let conditions: [SQLQueryString] = ["status = 'live'"] + filters.conditions()
        let whereClause = conditions.map { "(" + $0 + ")" }.joined(separator: " AND ")
        return try await (db as! SQLDatabase).raw("SELECT count(*) AS n FROM publications WHERE \(whereClause)").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// How many live publications each organ, subject, genre and year has, for the browse lists.
    static func counts(on db: Database) async throws -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for column in ["organ_code", "subject", "genre", "index_year"] {
            let rows = try await (db as! SQLDatabase).raw("""
                SELECT \(ident: column) AS k, count(*) AS n FROM publications WHERE status = 'live' GROUP BY \(ident: column)
                """).all()
            for row in rows {
                let key = (try? row.decode(column: "k", as: String.self)) ?? (try? row.decode(column: "k", as: Int.self)).map(String.init) ?? ""
                counts[column, default: [:]][key] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }
}
