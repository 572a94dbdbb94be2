import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Settings read on every page, with the install's defaults when an administrator set none.
enum SiteSettings {
    /// The service centre's phone and address for the footer, when an administrator set them.
    static func contact(on database: Database, request: Request) async throws -> (phone: String?, address: String?) {
        let cache = request.zhengwu.siteSettings
        return (try await cache.value(SiteSetting.servicePhone, on: database, now: request.now),
                try await cache.value(SiteSetting.serviceAddress, on: database, now: request.now))
    }

    static func governmentName(on database: Database, request: Request) async throws -> String {
        try await request.zhengwu.siteSettings.value(SiteSetting.governmentName, on: database, now: request.now)
            ?? request.t("site.default_government")
    }
}

/// Site settings cached for a minute: every page shows the government's name, and a query per
/// page for a value that changes once in years is waste. A change reaches every instance within
/// the minute.
final class SiteSettingsCache: Sendable {
    private let cache = NIOLockedValueBox<(values: [String: String], loadedAt: Date?)>(([:], nil))

    func value(_ key: String, on database: Database, now: Date) async throws -> String? {
        let (values, loadedAt) = cache.withLockedValue { $0 }
        if let loadedAt, now >= loadedAt, now.timeIntervalSince(loadedAt) < 60 { return values[key] }
        let rows = try await SiteSetting.query(on: database).all()
        let fresh = Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.id.map { ($0, row.value) } })
        cache.withLockedValue { $0 = (fresh, now) }
        return fresh[key]
    }

    /// Forgets the cached values, so this instance shows a change at once.
    func invalidate() { cache.withLockedValue { $0.loadedAt = nil } }
}
