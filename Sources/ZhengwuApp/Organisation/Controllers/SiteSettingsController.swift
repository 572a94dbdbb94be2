import Fluent
import Vapor
import ZhengwuCore

/// 站点设置: the government's name in every page header, and the service centre's phone and
/// address in the footer. Changes are audited and reach every instance within a minute.
struct SiteSettingsController {
    struct PageBody: Encodable {
        let form: FormState
        let notice: String?
    }

    static let keys = [("government_name", SiteSetting.governmentName), ("service_phone", SiteSetting.servicePhone),
                       ("service_address", SiteSetting.serviceAddress)]

    @Sendable func show(_ req: Request) async throws -> Response {
        try await requireAdministrator(req)
        var form = FormState()
        let stored = try await SiteSetting.query(on: req.db).all()
        for (field, key) in Self.keys { form.values[field] = stored.first { $0.id == key }?.value ?? "" }
        let notice = req.query[String.self, at: "saved"] == "1" ? req.t("settings.saved") : nil
        return try await req.renderPage("staff/settings", titleKey: "settings.title", PageBody(form: form, notice: notice))
    }

    @Sendable func save(_ req: Request) async throws -> Response {
        try await requireAdministrator(req)
        var (form, raw) = FormState.reading(req, fields: Self.keys.map(\.0))
        let name = raw["government_name"] ?? ""
        if name.isEmpty || name.count > 60 { form.add("government_name", req.t("settings.government_name.invalid")) }
        if (raw["service_phone"] ?? "").count > 30 { form.add("service_phone", req.t("department.phone.invalid")) }
        if (raw["service_address"] ?? "").count > 200 { form.add("service_address", req.t("department.address.invalid")) }
        guard form.isValid else {
            return try await req.renderPage("staff/settings", titleKey: "settings.title", PageBody(form: form, notice: nil),
                                            status: .unprocessableEntity)
        }
        let audit = req.zhengwu.audit
        let actor = req.auditActor
        let values = raw
        try await req.application.write { db in
            for (field, key) in Self.keys {
                let value = values[field] ?? ""
                if value.isEmpty {
                    try await SiteSetting.find(key, on: db)?.delete(on: db)
                } else {
                    try await SiteSetting.put(key, value, on: db)
                }
            }
            try await audit.append(on: db, actor: actor, action: "settings.saved", subject: "site",
                                   detail: Dictionary(uniqueKeysWithValues: Self.keys.map { ($0.0, values[$0.0] ?? "") }))
        }
        req.zhengwu.siteSettings.invalidate()
        return req.redirect(to: "/admin/settings?saved=1")
    }

    /// The settings speak for the whole install, so only a system administrator whose region
    /// takes in every department of the install may change them (not a county's administrator
    /// on a city's install).
    private func requireAdministrator(_ req: Request) async throws {
        let actor = try req.requireSignedIn().actor
        guard AccountPolicy.permits(actor, .manageDepartments), let code = actor.regionCode else { throw AppError.forbidden }
        let outside = try await Department.query(on: req.db)
            .filter(\.$regionCode !=~ AccountPolicy.regionPrefix(code)).count()
        guard outside == 0 else { throw AppError.forbidden }
    }
}
