import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor
import ZhengwuCore

/// The guide page is the most visited page of the portal, and a published version never
/// changes, so its content is rendered once per version, language and form (screen or print)
/// and kept; each request then only renders the layout around it. The item row is still read
/// on every request, so a suspension shows at once; department names may lag by `lifetime`.
///
/// The kept HTML is Leaf's own escaped output, so placing it in the layout unescaped is safe.
final class GuidePages: Sendable {
    static let lifetime: TimeInterval = 60
    /// Enough for every version of a province's catalogue in four languages.
    static let capacity = 20_000

    private struct Entry {
        let html: String
        let title: String
        let renderedAt: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    struct Page: Encodable {
        let body: String
    }

    struct Body: Encodable {
        let guide: GuideView
        let printable: Bool
    }

    /// The page for item `code`, or nil when no such item is published.
    func render(code: String, printable: Bool, on req: Request) async throws -> Response? {
        guard let item = try await ServiceItem.query(on: req.db).filter(\.$code == code).first(),
              let revisionID = item.publishedRevisionID else { return nil }
        let key = [revisionID.uuidString, req.language.code, printable ? "print" : "screen", item.availability.rawValue,
                   item.availabilityNotice].joined(separator: "|")
        let now = Date()
        let cached = entries.withLockedValue { $0[key] }.flatMap { now.timeIntervalSince($0.renderedAt) < Self.lifetime ? $0 : nil }
        let entry: Entry
        if let cached {
            entry = cached
        } else {
            guard let published = try await CatalogueQuery.published(code: code, on: req.db) else { return nil }
            let view = try await req.view.render("portal/guide-body", Body(guide: GuideView(published, on: req), printable: printable))
            entry = Entry(html: String(buffer: view.data), title: published.guide.name, renderedAt: now)
            entries.withLockedValue { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = entry
            }
        }
        return try await req.renderPage("portal/guide", title: entry.title, Page(body: entry.html))
    }
}
