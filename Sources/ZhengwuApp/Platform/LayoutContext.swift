import Fluent
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
    let contactPhone: String?
    let contactAddress: String?
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
        let contact = try await SiteSettings.contact(on: request.db, request: request)
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
            contactPhone: contact.phone,
            contactAddress: contact.address,
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

extension Date {
    /// The instant as people here read it: Beijing time with its offset.
    var beijingISO8601: String {
        formatted(Date.ISO8601FormatStyle(timeZone: WorkingCalendar.default.timeZone))
    }
}
