import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor
import ZhengwuCore

/// The guide page is the most visited page of the portal, and a published version never
/// changes, so its content is rendered once per version, language and form (screen or print)
/// and kept; each request then only renders the layout around it. Visitors who are not signed
/// in (most of them) see a layout with nothing personal in it, so their whole page is kept too.
/// The item row is read on every request, so a suspension shows at once; department names may
/// lag by `lifetime`.
///
/// The kept HTML is Leaf's own escaped output, so placing it in the layout unescaped is safe.
final class GuidePages: Sendable {
    static let lifetime: TimeInterval = 60
    /// Enough for every version of a province's catalogue in four languages, both modes.
    static let capacity = 20_000

    private struct Entry {
        let html: String
        let title: String
        let renderedAt: Date
    }

    private struct ItemRow: Decodable {
        let availability: ItemAvailability
        let availabilityNotice: String
        let publishedRevisionId: UUID?
    }

    private let bodies = NIOLockedValueBox<[String: Entry]>([:])
    private let anonymousPages = NIOLockedValueBox<[String: Entry]>([:])

    struct Page: Encodable {
        let body: String
    }

    struct Body: Encodable {
        let guide: GuideView
        let printable: Bool
    }

    /// The page for item `code`, or nil when no such item is published.
    func render(code: String, printable: Bool, on req: Request) async throws -> Response? {
        guard let item = try await (req.db as! SQLDatabase).raw("""
                SELECT availability, availability_notice, published_revision_id FROM service_items WHERE code = \(bind: code)
                """).first(decoding: ItemRow.self, keyDecodingStrategy: .convertFromSnakeCase),
              let revisionID = item.publishedRevisionId else { return nil }
        let key = [revisionID.uuidString, req.language.code, printable ? "print" : "screen", item.availability.rawValue,
                   item.availabilityNotice].joined(separator: "|")
        let now = Date()
        // A drill clock puts a notice with the time on every page, so such pages are not kept.
        let anonymous = req.signedIn == nil && !req.zhengwu.clock.isShifted
        // The layout's language and elder links carry the address back, query included.
        let pageKey = key + (req.elderMode ? "|elder" : "") + "|" + (req.url.query ?? "")
        if anonymous, let page = Self.fresh(anonymousPages, pageKey, now) {
            return Self.response(page.html)
        }
        let entry: Entry
        if let cached = Self.fresh(bodies, key, now) {
            entry = cached
        } else {
            guard let published = try await CatalogueQuery.published(code: code, on: req.db) else { return nil }
            let view = try await req.view.render("portal/guide-body", Body(guide: GuideView(published, on: req), printable: printable))
            entry = Entry(html: String(buffer: view.data), title: published.guide.name, renderedAt: now)
            Self.keep(entry, as: key, in: bodies)
        }
        let response = try await req.renderPage("portal/guide", title: entry.title, Page(body: entry.html))
        if anonymous, let html = response.body.string {
            Self.keep(Entry(html: html, title: entry.title, renderedAt: entry.renderedAt), as: pageKey, in: anonymousPages)
        }
        return response
    }

    private static func fresh(_ store: NIOLockedValueBox<[String: Entry]>, _ key: String, _ now: Date) -> Entry? {
        store.withLockedValue { $0[key] }.flatMap { now.timeIntervalSince($0.renderedAt) < lifetime ? $0 : nil }
    }

    private static func keep(_ entry: Entry, as key: String, in store: NIOLockedValueBox<[String: Entry]>) {
        store.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    private static func response(_ html: String) -> Response {
        let response = Response(status: .ok, body: .init(string: html))
        response.headers.contentType = .html
        return response
    }
}
