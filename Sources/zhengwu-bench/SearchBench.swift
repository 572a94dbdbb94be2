import Foundation
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Search over `count` generated publications on this SQLite file: the time of the first result
/// page (the search, the count of matches, the rows) for queries of 1, 2, 3 and 4+ characters,
/// beside browsing the catalogue's first page, which reads the same table without the index; and
/// the index's size against the text it indexes.
func benchSearch(app: Application, count: Int, samples: Int) async throws -> [BenchFigure] {
    let sql = app.db as! SQLDatabase
    func bytes() async throws -> Int {
        let pages = try await sql.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self) ?? 0
        let size = try await sql.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int.self) ?? 0
        return pages * size
    }
    let clock = ContinuousClock()
    var summary: PublicationGenerator.Summary?
    let generated = try await clock.measure { summary = try await PublicationGenerator.generate(count: count, app: app) }
    _ = try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    let beforeIndex = try await bytes()
    let indexing = try await clock.measure { _ = try await PublicationGenerator.indexAll(app: app) }
    _ = try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    let indexBytes = try await bytes() - beforeIndex
    let text = summary?.textBytes ?? 0
    print(String(format: "  %d publications generated in %.0f s, indexed in %.0f s", count, seconds(generated), seconds(indexing)))
    let publications = grouped(Double(count))
    var figures: [BenchFigure] = [
        .noted("Search index over \(publications) publications (FTS5, single characters and pairs)",
               String(format: "%.0f MB", Double(indexBytes) / 1_048_576), baseline: String(format: "the text %.0f MB", Double(text) / 1_048_576),
               ratio: String(format: "%.2f ×", Double(indexBytes) / Double(max(text, 1)))),
    ]

    let classes: [(String, [String])] = [
        ("1 character", ["税", "医", "路", "水", "学", "救", "林", "户"]),
        ("2 characters", ["低保", "救助", "公路", "教育", "医保", "防火", "补贴", "垃圾"]),
        ("3 characters", ["工商户", "增值税", "危房改", "营商环", "高龄老", "特种设", "防汛抗", "中小学"]),
        ("4+ characters", ["最低生活保障", "政府信息公开", "农村公路养护", "城乡居民医疗保险", "森林草原防火", "残疾人两项补贴", "个体工商户登记", "退役军人优待"]),
    ]
    func time(_ listing: PublicationListing) async throws -> (Double, Int) {
        var total = 0
        let elapsed = try await clock.measure {
            total = try await listing.find(page: 1, on: app.db).total
        }
        return (seconds(elapsed) * 1000, total)
    }
    var listed: [Double] = []
    for _ in 0..<samples { listed.append(try await time(PublicationListing(text: "")).0) }
    let catalogue = Timings(listed)
    for (name, queries) in classes {
        var times: [Double] = []
        var found = 0
        for _ in 0..<max(1, samples / queries.count) {
            for query in queries {
                let (ms, total) = try await time(PublicationListing(text: query))
                times.append(ms)
                found += total
            }
        }
        print("  \(name): \(found / max(times.count, 1)) matches per search on average (counted to \(PublicationSearch.countCap))")
        figures.append(.latency("Search, first result page, \(name) (e.g. \(queries[0])), \(publications) publications", Timings(times),
                                below: 50, baseline: catalogue, baselineName: "catalogue's first page"))
    }
    return figures
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
