import Fluent
import Vapor
import ZhengwuCore

/// 政府信息公开 on the portal: the guide, the catalogue and search, each publication at its
/// stable address (/open/<organ>/<year-serial>) with its editions, attachments, Atom feeds and
/// the sitemap.
struct OpenGovernmentController {
    struct Choice: Encodable {
        let label: String
        let href: String
        let selected: Bool
    }

    struct Row: Encodable {
        let href: String
        let title: Highlight
        let organ: String
        let indexNumber: String
        let docNumber: String
        let date: String
        let validity: String?
        let validityKey: String?
        let withdrawn: Bool
        let snippets: [Highlight]
    }

    struct ListPage: Encodable {
        let query: String
        let organs: [Choice]
        let subjects: [Choice]
        let genres: [Choice]
        let years: [Choice]
        let rows: [Row]
        let summary: String
        let filtered: Bool
        let feed: String
        let pager: Pager
    }

    struct HomePage: Encodable {
        let rows: [Row]
        let organs: [Choice]
        let subjects: [Choice]
    }

    func home(_ req: Request) async throws -> Response {
        let latest = try await Publication.query(on: req.db).filter(\.$status == .live).sort(\.$publishedAt, .descending).limit(10).all()
        let counts = try await PublicationListing.counts(on: req.db)
        let organs = try await organChoices(req, counts: counts["organ_code"] ?? [:], listing: PublicationListing(query: req.query))
        let subjects = PublicationSubject.allCases.compactMap { subject -> Choice? in
            guard let n = counts["subject"]?[subject.rawValue] else { return nil }
            return Choice(label: "\(req.t(subject.messageKey))（\(n)）", href: "/open/catalogue?subject=\(subject.rawValue)", selected: false)
        }
        return try await req.renderPage("portal/open", titleKey: "open.title", HomePage(
            rows: try await rows(req, latest, query: SearchTokens.query("")), organs: organs, subjects: subjects))
    }

    func guide(_ req: Request) async throws -> Response {
        struct GuidePage: Encodable {
            let government: String
            let organs: [Choice]
            let phone: String
            let address: String
        }
        let organs = try await Department.query(on: req.db).sort(\.$sortOrder).all().map {
            Choice(label: "\($0.name)" + ($0.phone.map { "（\($0)）" } ?? ""), href: "/open/catalogue?organ=\($0.code)", selected: false)
        }
        let settings = req.zhengwu.siteSettings
        return try await req.renderPage("portal/open-guide", titleKey: "open.guide", GuidePage(
            government: try await SiteSettings.governmentName(on: req.db, request: req), organs: organs,
            phone: try await settings.value(SiteSetting.servicePhone, on: req.db, now: req.now) ?? "",
            address: try await settings.value(SiteSetting.serviceAddress, on: req.db, now: req.now) ?? ""))
    }

    func list(_ req: Request) async throws -> Response {
        let listing = PublicationListing(query: req.query)
        let page = req.pageNumber
        let found = try await listing.find(page: min(page, PublicationSearch.countCap / PublicationListing.pageSize + 1), on: req.db)
        let counts = try await PublicationListing.counts(on: req.db)
        let parameters = listing.parameters
        func link(_ name: String, _ value: String?) -> String {
            let kept = parameters.filter { $0.0 != name } + (value.map { [(name, $0)] } ?? [])
            return "/open/catalogue" + (kept.isEmpty ? "" : "?" + ServiceCatalogueController.encode(kept))
        }
        func choices<T: RawRepresentable>(_ all: [T], column: String, current: String?, label: (T) -> String) -> [Choice] where T.RawValue == String {
            all.compactMap { value in
                guard let n = counts[column]?[value.rawValue] else { return nil }
                let selected = value.rawValue == current
                return Choice(label: "\(label(value))（\(n)）", href: link(column == "subject" ? "subject" : "genre", selected ? nil : value.rawValue),
                              selected: selected)
            }
        }
        let years = (counts["index_year"] ?? [:]).keys.compactMap(Int.init).sorted(by: >).map { year in
            Choice(label: "\(year)（\(counts["index_year"]?[String(year)] ?? 0)）",
                   href: link("year", listing.filters.year == year ? nil : String(year)), selected: listing.filters.year == year)
        }
        let feedParameters = parameters.filter { $0.0 == "organ" || $0.0 == "subject" }
        let summary: String = if found.query.isEmpty {
            req.t("open.count", ["count": String(found.total)])
        } else if found.capped {
            req.t("open.found_many", ["count": String(found.total), "query": listing.text])
        } else {
            req.t("open.found", ["count": String(found.total), "query": listing.text])
        }
        let body = ListPage(
            query: listing.text, organs: try await organChoices(req, counts: counts["organ_code"] ?? [:], listing: listing),
            subjects: choices(PublicationSubject.allCases, column: "subject", current: listing.filters.subject) { req.t($0.messageKey) },
            genres: choices(PublicationGenre.allCases, column: "genre", current: listing.filters.genre) { req.t($0.messageKey) },
            years: years, rows: try await rows(req, found.publications, query: found.query), summary: summary,
            filtered: !parameters.isEmpty,
            feed: "/open/feed.atom" + (feedParameters.isEmpty ? "" : "?" + ServiceCatalogueController.encode(feedParameters)),
            pager: Pager(number: page, total: found.total, pageSize: PublicationListing.pageSize, path: "/open/catalogue",
                         query: ServiceCatalogueController.encode(parameters)))
        return try await req.renderPage("portal/open-catalogue", titleKey: listing.text.isEmpty ? "open.catalogue" : "open.search", body)
    }

    private func organChoices(_ req: Request, counts: [String: Int], listing: PublicationListing) async throws -> [Choice] {
        let parameters = listing.parameters
        return try await Department.query(on: req.db).sort(\.$sortOrder).all().compactMap { organ in
            guard let n = counts[organ.code] else { return nil }
            let selected = listing.filters.organCode == organ.code
            let kept = parameters.filter { $0.0 != "organ" } + (selected ? [] : [("organ", organ.code)])
            return Choice(label: "\(organ.shortName)（\(n)）",
                          href: "/open/catalogue" + (kept.isEmpty ? "" : "?" + ServiceCatalogueController.encode(kept)), selected: selected)
        }
    }

    /// Result rows: the title and snippets with the searched words marked.
    private func rows(_ req: Request, _ publications: [Publication], query: SearchTokens.Query) async throws -> [Row] {
        let finder = TermFinder(query.terms)
        // Bodies are read only for snippets, which only a search shows.
        let editionIDs = query.isEmpty ? [] : publications.compactMap(\.currentEditionID)
        let editions = editionIDs.isEmpty ? [] : try await PublicationEdition.query(on: req.db).filter(\.$id ~~ editionIDs).all()
        let bodies = Dictionary(editions.map { ($0.publicationID, $0.body) }, uniquingKeysWith: { a, _ in a })
        let organs = Dictionary(try await Department.query(on: req.db).all().map { ($0.code, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        return publications.map { publication in
            let snippets = query.isEmpty ? [] : Highlight.snippet(SafeMarkdown.plainText(bodies[publication.id!] ?? ""), finder: finder)
            return Row(href: publication.indexNumber?.path ?? "/open", title: Highlight(publication.title, finder: finder),
                       organ: organs[publication.organCode] ?? publication.organCode, indexNumber: publication.indexNumber?.description ?? "",
                       docNumber: publication.docNumber, date: publication.publishedAt.map { DisplayTime.day($0) } ?? "",
                       validity: publication.validity.map { req.t($0.messageKey) }, validityKey: publication.validity?.rawValue,
                       withdrawn: publication.status == .withdrawn, snippets: snippets)
        }
    }
}
