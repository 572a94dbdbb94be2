import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Government information on the portal: search, catalogue, feeds")
struct OpenGovernmentTests {
    static let documents: [(organ: String, title: String, body: String, subject: PublicationSubject)] = [
        ("MZJ", "关于提高城乡居民最低生活保障标准的通知", "各乡镇人民政府：\n\n经县人民政府同意，城乡低保标准提高到每人每月800元。", .civilAffairs),
        ("MZJ", "新龙县临时救助工作规程", "临时救助对象为因意外事件导致基本生活暂时出现严重困难的家庭。", .civilAffairs),
        ("SWJ", "关于小规模纳税人减免增值税的公告", "小规模纳税人适用3%征收率的应税销售收入，减按1%征收率征收增值税。", .finance),
        ("SCJ", "个体工商户年度报告工作提示", "个体工商户应当于每年1月1日至6月30日报送上一年度年度报告。", .marketRegulation),
        ("ZFB", "新龙县人民政府2026年政府信息公开工作要点", "坚持以公开为常态、不公开为例外，推进政务公开标准化规范化。", .generalAffairs),
    ]

    private func titles(_ page: Browser.Page) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"<h3><a href="/open/[^"]+">(.*?)</a></h3>"#)
        return regex.matches(in: page.body, range: NSRange(page.body.startIndex..., in: page.body)).compactMap {
            Range($0.range(at: 1), in: page.body).map {
                String(page.body[$0]).replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
            }
        }
    }

    private func search(_ t: TestApp, _ query: String, _ extra: String = "") async throws -> Browser.Page {
        try await t.portal.get("/open/search?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)\(extra)")
    }

    private func load(_ t: TestApp) async throws {
        for document in Self.documents {
            try await PublicationFixtures.publish(t, organ: document.organ, title: document.title, body: document.body, subject: document.subject)
        }
    }

    @Test("queries of one, two, three and eight characters find exactly the texts that hold them")
    func queryLengths() async throws {
        try await withTestApp { t in
            try await load(t)
            // One character: 税 is in the tax notice only (增值税, 纳税人).
            #expect(Set(titles(try await search(t, "税"))) == ["关于小规模纳税人减免增值税的公告"])
            // Two: 低保 appears in the body of the first only; 救助 in two titles/bodies.
            #expect(Set(titles(try await search(t, "低保"))) == ["关于提高城乡居民最低生活保障标准的通知"])
            #expect(Set(titles(try await search(t, "救助"))) == ["新龙县临时救助工作规程"])
            // Three: 工商户 in one; a three-character string whose characters all occur apart matches nothing.
            #expect(Set(titles(try await search(t, "工商户"))) == ["个体工商户年度报告工作提示"])
            #expect(titles(try await search(t, "户工商")).isEmpty)
            // Eight characters, across the title.
            #expect(titles(try await search(t, "政府信息公开工作要点")) == ["新龙县人民政府2026年政府信息公开工作要点"])
            // Two words must both be present.
            #expect(Set(titles(try await search(t, "年度 报告"))) == ["个体工商户年度报告工作提示"])
            #expect(titles(try await search(t, "年度 增值税")).isEmpty)
            // Full-width digits find ASCII ones.
            #expect(titles(try await search(t, "８００元")) == ["关于提高城乡居民最低生活保障标准的通知"])
        }
    }

    @Test("results are ranked, highlighted, filtered and paged")
    func rankingAndFilters() async throws {
        try await withTestApp { t in
            try await load(t)
            // A title match ranks above a body-only match.
            let ranked = titles(try await search(t, "人民政府"))
            #expect(ranked.first == "新龙县人民政府2026年政府信息公开工作要点")
            #expect(ranked.contains("关于提高城乡居民最低生活保障标准的通知"))
            let highlighted = try await search(t, "低保")
            #expect(highlighted.contains("<mark>低保</mark>"))
            let filtered = titles(try await search(t, "人民政府", "&organ=MZJ"))
            #expect(filtered == ["关于提高城乡居民最低生活保障标准的通知"])
            #expect(titles(try await search(t, "人民政府", "&subject=finance")).isEmpty)
            // Query text with markup is shown escaped.
            let hostile = try await search(t, "<script>低保")
            #expect(!hostile.contains("<script>低保") && hostile.contains("&lt;script&gt;低保"))

            for index in 0..<25 {
                try await PublicationFixtures.publish(t, organ: "JTJ", title: "农村公路养护公告第\(index)号", body: "公路养护。", subject: .industryTransport)
            }
            let first = try await search(t, "公路养护")
            #expect(titles(first).count == PublicationListing.pageSize && first.contains("page=2"))
            #expect(titles(try await search(t, "公路养护", "&page=2")).count == 5)
            let browse = try await t.portal.get("/open/catalogue?organ=JTJ&year=2026")
            #expect(browse.contains("共 25 条信息"))
            // Filters combine with the query inside the index: organ, subject, genre and year.
            #expect(titles(try await search(t, "公路养护", "&organ=JTJ&year=2026&subject=industry_transport&genre=notice&page=2")).count == 5)
            #expect(titles(try await search(t, "公路养护", "&year=2025")).isEmpty)
            #expect(titles(try await search(t, "公路养护", "&organ=MZJ")).isEmpty)
            #expect(titles(try await search(t, "公路养护", "&genre=rule")).isEmpty)

            // Rebuilding the index (the migration that added the filters to it) finds the same.
            try await AddPublicationSearchFacets().prepare(on: t.app.db)
            #expect(titles(try await search(t, "公路养护", "&organ=JTJ&page=2")).count == 5)
            #expect(titles(try await search(t, "人民政府", "&organ=MZJ")) == ["关于提高城乡居民最低生活保障标准的通知"])
            #expect(titles(try await search(t, "人民政府")).first == "新龙县人民政府2026年政府信息公开工作要点")
        }
    }

    @Test("beyond the ranked limit, title matches come first and then the rest, newest first, across pages")
    func broadQueries() async throws {
        try await withTestApp { t in
            for index in 1...3 {
                try await PublicationFixtures.publish(t, organ: "JTJ", title: "交通运输通知第\(index)号", body: "涉及农村公路养护的安排。")
            }
            for index in 1...3 {
                try await PublicationFixtures.publish(t, organ: "JTJ", title: "农村公路养护公告第\(index)号", body: "养护。")
            }
            func page(_ number: Int) async throws -> [String] {
                let result = try await PublicationSearch.search(SearchTokens.query("公路养护"), filters: .init(), page: number, pageSize: 4,
                                                                rankedUpTo: 2, on: t.app.db)
                #expect(result.total == 6 && !result.capped)
                let publications = try await Publication.query(on: t.app.db).filter(\.$id ~~ result.ids).all()
                return result.ids.compactMap { id in publications.first { $0.id == id }?.title }
            }
            #expect(try await page(1) == ["农村公路养护公告第3号", "农村公路养护公告第2号", "农村公路养护公告第1号", "交通运输通知第3号"])
            #expect(try await page(2) == ["交通运输通知第2号", "交通运输通知第1号"])
        }
    }

    @Test("Atom feeds per organ and subject, and the sitemap, list what is live")
    func feedsAndSitemap() async throws {
        try await withTestApp { t in
            try await load(t)
            try await PublicationFixtures.publish(t, organ: "MZJ", title: "A & B <通知>", body: "x", subject: .civilAffairs)
            let all = try await t.portal.get("/open/feed.atom")
            #expect(all.headers.first(name: .contentType)?.hasPrefix("application/atom+xml") == true)
            #expect(all.contains("<title>A &amp; B &lt;通知&gt;</title>") && all.contains("个体工商户年度报告工作提示"))
            let civil = try await t.portal.get("/open/feed.atom?organ=MZJ")
            #expect(civil.contains("新龙县临时救助工作规程") && !civil.contains("增值税"))
            let finance = try await t.portal.get("/open/feed.atom?subject=finance")
            #expect(finance.contains("增值税") && !finance.contains("临时救助"))
            #expect(try await t.portal.get("/open/feed.atom?organ=NOPE").status == .notFound)
            let sitemap = try await t.portal.get("/sitemap.xml")
            #expect(sitemap.contains("/open/MZJ/2026-00001</loc>") && sitemap.contains("/services/"))
        }
    }
}
