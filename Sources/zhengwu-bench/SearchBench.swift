import Foundation
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Search over `count` generated publications on this SQLite file: the time of the first result
/// page (the search, the count of matches, the rows) for queries of 1, 2, 3 and 4+ characters,
/// beside browsing the catalogue's first page, which reads the same table without the index; and
/// the index's size against the text it indexes.
func benchSearch(app: Application, count: Int, samples: Int) async throws {
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
    print("Search over \(count) generated publications (SQLite file, FTS5 over single characters and pairs)")
    print(String(format: "  generated in %.0f s, indexed in %.0f s; text %.0f MB, index %.0f MB (%.2f × the text)",
                 seconds(generated), seconds(indexing), Double(text) / 1_048_576, Double(indexBytes) / 1_048_576,
                 Double(indexBytes) / Double(max(text, 1))))

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
    var baseline: [Double] = []
    for _ in 0..<samples { baseline.append(try await time(PublicationListing(text: "")).0) }
    let baselineP95 = percentile(baseline, 0.95)
    print(String(format: "  baseline, the catalogue's first page without a query: median %.1f ms, p95 %.1f ms", percentile(baseline, 0.5), baselineP95))
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
        let p95 = percentile(times, 0.95)
        print(String(format: "  %@: median %.1f ms, p95 %.1f ms (%.1f × baseline) over %d searches; %d matches per search on average (counted to %d)",
                     name, percentile(times, 0.5), p95, p95 / max(baselineP95, 0.001), times.count, found / max(times.count, 1),
                     PublicationSearch.countCap))
    }
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

private func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}
