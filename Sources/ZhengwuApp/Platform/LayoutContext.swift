import Fluent
import NIOConcurrencyHelpers
import Vapor
import ZhengwuCore

/// What the shared layout needs on every page: language, direction, elder mode, the signed-in
/// person, navigation and the CSRF token for the forms in the header.
struct LayoutContext: Encodable {
    struct Link: Encodable {
        let label: String
        let href: String
        let current: Bool
    }

    struct LanguageLink: Encodable {
        let code: String
        let name: String
        let dir: String
        let href: String
        let current: Bool
    }

    struct UserChip: Encodable {
        let name: String
        let detail: String
    }

    let title: String
    let lang: String
    let dir: String
    let elder: Bool
    let face: String
    let governmentName: String
    let csrf: String
    let user: UserChip?
    let nav: [Link]
    let languages: [LanguageLink]
    let elderToggle: String
    let currentPath: String
    /// Set while ZHENGWU_FAKE_NOW shifts the clock, so nobody mistakes a drill for real time.
    let clockNotice: String?

    static func make(for request: Request, title: String) async throws -> LayoutContext {
        let path = request.url.path
        let back = SafeRedirect.encode(request.url.string)
        let signedIn = request.signedIn
        let governmentName = try await SiteSettings.governmentName(on: request.db, request: request)
        var user: UserChip?
        if let signedIn, signedIn.isComplete {
            let detail = signedIn.departmentName ?? request.t("account.kind.\(signedIn.kind.rawValue)")
            user = UserChip(name: signedIn.displayName, detail: detail)
        }
        return LayoutContext(
            title: title,
            lang: request.language.code,
            dir: request.language.direction,
            elder: request.elderMode,
            face: request.listener.rawValue,
            governmentName: governmentName,
            csrf: request.csrfToken,
            user: user,
            nav: Navigation.links(for: request, path: path),
            languages: Language.all.map {
                LanguageLink(code: $0.code, name: $0.nativeName, dir: $0.direction, href: "/preferences/language?to=\($0.code)&back=\(back)",
                             current: $0 == request.language)
            },
            elderToggle: "/preferences/elder?on=\(request.elderMode ? "0" : "1")&back=\(back)",
            currentPath: path,
            clockNotice: request.zhengwu.clock.isShifted
                ? request.t("layout.clock_shifted", ["now": request.now.beijingISO8601]) : nil
        )
    }
}

/// The navigation of each face; staff entries appear only for the roles that can use them.
enum Navigation {
    static func links(for request: Request, path: String) -> [LayoutContext.Link] {
        func link(_ key: String, _ href: String) -> LayoutContext.Link {
            let current = href == "/" ? path == "/" : path.hasPrefix(href)
            return LayoutContext.Link(label: request.t(key), href: href, current: current)
        }
        switch request.listener {
        case .portal:
            return [link("nav.home", "/"), link("nav.deadline", "/tools/deadline"), link("nav.accessibility", "/accessibility")]
        case .workbench:
            guard let actor = request.signedIn?.completeActor else { return [] }
            var links = [link("nav.todo", "/")]
            if AccountPolicy.permits(actor, .viewStaffDirectory) { links.append(link("nav.staff", "/admin/staff")) }
            if AccountPolicy.permits(actor, .editCalendar) { links.append(link("nav.calendar", "/admin/calendar")) }
            if AccountPolicy.permits(actor, .viewAuditTrail) { links.append(link("nav.audit", "/audit")) }
            return links
        }
    }
}

/// Settings read on every page, with the install's defaults when an administrator set none.
enum SiteSettings {
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
}

/// Only same-site relative paths are accepted as a place to go back to, so a crafted link
/// cannot bounce a user to another site (open redirect).
enum SafeRedirect {
    static func encode(_ target: String) -> String {
        target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~/"))) ?? "/"
    }

    /// Browsers drop tabs and line breaks from URLs and read "\\" as "/", so any of them
    /// could turn "/\t/evil.example" into "//evil.example": such targets are refused outright.
    static func target(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" })
        else { return "/" }
        return raw
    }
}

extension Date {
    /// The instant as people here read it: Beijing time with its offset.
    var beijingISO8601: String {
        formatted(Date.ISO8601FormatStyle(timeZone: WorkingCalendar.default.timeZone))
    }
}
