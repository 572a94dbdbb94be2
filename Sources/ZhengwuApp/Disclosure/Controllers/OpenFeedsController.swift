import Fluent
import Vapor
import ZhengwuCore

/// Atom feeds of publications (all, or one organ's, or one subject's) and the portal's sitemap.
/// Both need absolute addresses: the configured public address, else the request's host.
struct OpenFeedsController {
    static let feedSize = 50

    func feed(_ req: Request) async throws -> Response {
        let organ = req.query[String.self, at: "organ"].flatMap { $0.isEmpty ? nil : $0 }
        let subject = req.query[String.self, at: "subject"].flatMap(PublicationSubject.init(rawValue:))
        var query = Publication.query(on: req.db).filter(\.$status == .live)
        var title = try await SiteSettings.governmentName(on: req.db, request: req) + " · " + req.t("open.title")
        var selfPath = "/open/feed.atom"
        var parameters: [(String, String)] = []
        if let organ {
            guard let department = try await Department.query(on: req.db).filter(\.$code == organ).first() else { throw Abort(.notFound) }
            query = query.filter(\.$organCode == organ)
            title += " · " + department.name
            parameters.append(("organ", organ))
        }
        if let subject {
            query = query.filter(\.$subject == subject.rawValue)
            title += " · " + req.t(subject.messageKey)
            parameters.append(("subject", subject.rawValue))
        }
        if !parameters.isEmpty { selfPath += "?" + ServiceCatalogueController.encode(parameters) }
        let publications = try await query.sort(\.$publishedAt, .descending).limit(Self.feedSize).all()
        let organNames = Dictionary(try await Department.query(on: req.db).all().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let editionIDs = publications.compactMap(\.currentEditionID)
        let bodies = Dictionary(try await PublicationEdition.query(on: req.db).filter(\.$id ~~ editionIDs).all()
            .map { ($0.publicationID, $0.body) }, uniquingKeysWith: { a, _ in a })
        let base = origin(req)
        let updated = publications.first?.publishedAt ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hans">
            <title>\(XMLText.escape(title))</title>
            <id>\(XMLText.escape(base + selfPath))</id>
            <link rel="self" type="application/atom+xml" href="\(XMLText.escape(base + selfPath))"/>
            <link rel="alternate" type="text/html" href="\(XMLText.escape(base + "/open/catalogue" + (parameters.isEmpty ? "" : "?" + ServiceCatalogueController.encode(parameters))))"/>
            <updated>\(Self.rfc3339(updated))</updated>

            """
        for publication in publications {
            guard let number = publication.indexNumber, let id = publication.id else { continue }
            let summary = String(SafeMarkdown.plainText(bodies[id] ?? "").prefix(200))
            xml += """
                <entry>
                <title>\(XMLText.escape(publication.title))</title>
                <id>\(XMLText.escape(base + number.path))</id>
                <link rel="alternate" type="text/html" href="\(XMLText.escape(base + number.path))"/>
                <published>\(Self.rfc3339(publication.firstPublishedAt ?? updated))</published>
                <updated>\(Self.rfc3339(publication.publishedAt ?? updated))</updated>
                <author><name>\(XMLText.escape(organNames[publication.organCode] ?? publication.organCode))</name></author>
                <category term="\(XMLText.escape(publication.subject))" label="\(XMLText.escape(req.t("publication_subject.\(publication.subject)")))"/>
                <summary>\(XMLText.escape(summary))</summary>
                </entry>

                """
        }
        xml += "</feed>\n"
        return response(xml, type: "application/atom+xml; charset=utf-8")
    }

    /// Every public page worth finding: the portal's fixed pages, service guides and publications.
    func sitemap(_ req: Request) async throws -> Response {
        let base = origin(req)
        var entries: [(String, Date?)] = ["/", "/services", "/open", "/open/guide", "/open/catalogue", "/statistics"].map { ($0, nil) }
        let codes = try await ServiceItem.query(on: req.db).filter(\.$publishedRevisionID != nil).sort(\.$code).all()
        entries += codes.map { ("/services/\($0.code)", $0.updatedAt) }
        // Removed pages answer 410 and withdrawn ones stay reachable but are no longer promoted.
        let publications = try await Publication.query(on: req.db).filter(\.$status == .live).sort(\.$publishedAt, .descending)
            .limit(49_000).all()
        entries += publications.compactMap { publication in publication.indexNumber.map { ($0.path, publication.publishedAt) } }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (path, modified) in entries {
            xml += "<url><loc>\(XMLText.escape(base + path))</loc>"
                + (modified.map { "<lastmod>\(DisplayTime.day($0))</lastmod>" } ?? "") + "</url>\n"
        }
        xml += "</urlset>\n"
        return response(xml, type: "application/xml; charset=utf-8")
    }

    private func origin(_ req: Request) -> String { req.publicOrigin }

    private func response(_ body: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return response
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
