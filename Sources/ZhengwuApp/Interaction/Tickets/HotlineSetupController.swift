import Fluent
import Vapor
import ZhengwuCore

/// The hotline office's setup in the workbench: the category tree and the dispatch catalogue,
/// the deadlines (sign-for minutes, reply days per type, the extension cap, days to fix a bad
/// review) and the Open311 api_keys. Every change is checked whole (TicketCategoryTree,
/// TicketDeadlines) before it is saved, and audited.
struct HotlineSetupController {
    struct CategoryRow: Encodable {
        let code: String
        let path: String
        let referral: String?
        let replyDays: Int?
        let takesLocation: Bool
        let lead: String?
        let helpers: String
    }

    struct RuleRow: Encodable {
        let id: String
        let category: String
        let area: String
        let lead: String
        let helpers: String
    }

    struct KeyRow: Encodable {
        let id: String
        let name: String
        let prefix: String
        let issuedBy: String
        let createdAt: String
        let revoked: Bool
    }

    struct SetupPage: Encodable {
        let categories: [CategoryRow]
        let rules: [RuleRow]
        let parents: [SelectOption]
        let referrals: [SelectOption]
        let departments: [SelectOption]
        let categoryOptions: [SelectOption]
        let settings: [SettingRow]
        let signMinutes: Int
        let extensionCap: Int
        let rectificationDays: Int
        let keys: [KeyRow]
        let newKey: String?
        let form: FormState
        let notice: String?
    }

    struct SettingRow: Encodable {
        let type: String
        let label: String
        let days: Int
    }

    func page(_ req: Request) async throws -> Response {
        _ = try office(req)
        let done = req.query[String.self, at: "done"].flatMap {
            ["category", "category_changed", "rule", "rule_removed", "settings", "key_revoked"].contains($0) ? req.t("hotline_setup.done.\($0)") : nil
        }
        var form = FormState()
        // `?edit=CODE` fills the category form with that category, to change it.
        if let code = req.query[String.self, at: "edit"],
           let record = try await TicketCategoryRecord.query(on: req.db).filter(\.$code == code).first() {
            form.values = ["editing": record.code, "code": record.code, "name": record.name, "parent": record.parentCode ?? "",
                           "referral": record.referral?.rawValue ?? "", "reply_days": record.replyDays.map(String.init) ?? "",
                           "takes_location": record.takesLocation ? "yes" : ""]
        }
        return try await render(req, form: form, notice: done)
    }

    /// Adds a category, or changes one (`editing` names it; its code stays). The whole tree is
    /// checked with the change before anything is saved.
    func saveCategory(_ req: Request) async throws -> Response {
        _ = try office(req)
        var (form, raw) = FormState.reading(req, fields: ["editing", "code", "name", "parent", "referral", "reply_days", "takes_location"])
        var records = try await TicketCategoryRecord.query(on: req.db).all()
        var existing: TicketCategoryRecord?
        if let editing = raw["editing"], !editing.isEmpty {
            guard let index = records.firstIndex(where: { $0.code == editing }) else { throw Abort(.notFound) }
            existing = records.remove(at: index)
            raw["code"] = editing
        }
        var days: Int?
        if let text = raw["reply_days"], !text.isEmpty {
            days = Int(text)
            if days == nil { form.add("category", req.t(TicketCategoryTree.Problem.replyDaysOutOfRange(raw["code"] ?? "").message)) }
        }
        let category = TicketCategory(code: raw["code"] ?? "", name: form.text("name", in: raw, atMost: 100, on: req),
                                      parentCode: (raw["parent"] ?? "").isEmpty ? nil : raw["parent"],
                                      referral: TicketReferral(rawValue: raw["referral"] ?? ""), replyDays: days,
                                      takesLocation: raw["takes_location"] == "yes")
        if form.isValid {
            do { _ = try TicketCategoryTree(validating: records.map(\.category) + [category]) } catch {
                form.add("category", error.message, on: req)
            }
        }
        guard form.isValid else { return try await render(req, form: form, notice: nil, status: .unprocessableEntity) }
        let sortOrder = existing?.sortOrder ?? records.count
        let record = existing ?? TicketCategoryRecord()
        let action = existing == nil ? "ticket_category.added" : "ticket_category.changed"
        try await req.application.write { db in
            record.code = category.code
            record.name = category.name
            record.parentCode = category.parentCode
            record.referral = category.referral
            record.replyDays = category.replyDays
            record.takesLocation = category.takesLocation
            record.sortOrder = sortOrder
            try await record.save(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: action,
                                               subject: "ticket_category:\(category.code)", detail: ["name": category.name])
        }
        req.zhengwu.ticketCatalogue.invalidate()
        return req.redirect(to: "/tickets/setup?done=\(existing == nil ? "category" : "category_changed")")
    }

    func addRule(_ req: Request) async throws -> Response {
        _ = try office(req)
        var (form, raw) = FormState.reading(req, fields: ["category", "area", "lead"])
        let helpers = ((try? req.content.get([String].self, at: "helpers")) ?? []).compactMap(UUID.init(uuidString:))
        let catalogue = try await TicketCatalogue.current(req)
        let code = raw["category"] ?? ""
        if catalogue.tree.category(code) == nil { form.add("rule", req.t("ticket.error.category")) }
        guard let lead = UUID(uuidString: raw["lead"] ?? ""), try await Department.find(lead, on: req.db) != nil else {
            form.add("rule", req.t("ticket.error.lead"))
            return try await render(req, form: form, notice: nil, status: .unprocessableEntity)
        }
        let area = form.text("area", in: raw, atMost: 50, on: req)
        if try await DispatchRule.query(on: req.db).filter(\.$categoryCode == code).filter(\.$area == area).first() != nil {
            form.add("rule", req.t("hotline_setup.rule_exists"))
        }
        guard form.isValid else { return try await render(req, form: form, notice: nil, status: .unprocessableEntity) }
        try await req.application.write { db in
            let rule = DispatchRule()
            rule.categoryCode = code
            rule.area = area
            rule.leadDepartmentID = lead
            rule.helperDepartmentIDs = helpers.filter { $0 != lead }.map(\.uuidString).joined(separator: ",")
            try await rule.create(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "dispatch_rule.added",
                                               subject: "ticket_category:\(code)", detail: ["area": area, "lead": lead.uuidString])
        }
        req.zhengwu.ticketCatalogue.invalidate()
        return req.redirect(to: "/tickets/setup?done=rule")
    }

    func removeRule(_ req: Request) async throws -> Response {
        _ = try office(req)
        guard let id = req.parameters.get("id", as: UUID.self), let rule = try await DispatchRule.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        try await req.application.write { db in
            try await rule.delete(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "dispatch_rule.removed",
                                               subject: "ticket_category:\(rule.categoryCode)", detail: ["area": rule.area])
        }
        req.zhengwu.ticketCatalogue.invalidate()
        return req.redirect(to: "/tickets/setup?done=rule_removed")
    }

    func saveSettings(_ req: Request) async throws -> Response {
        _ = try office(req)
        var (form, raw) = FormState.reading(req, fields: ["sign_minutes", "extension_cap", "rectification_days"]
                                                + TicketType.allCases.map { "days_\($0.rawValue)" })
        var replyDays: [TicketType: Int] = [:]
        for type in TicketType.allCases { replyDays[type] = Int(raw["days_\(type.rawValue)"] ?? "") ?? 0 }
        let deadlines = TicketDeadlines(signMinutes: Int(raw["sign_minutes"] ?? "") ?? 0, replyDays: replyDays,
                                        extensionCap: Int(raw["extension_cap"] ?? "") ?? 0)
        var checked: TicketDeadlines?
        do { checked = try deadlines.validated() } catch { form.add("settings", error.message, on: req) }
        let rectification = Int(raw["rectification_days"] ?? "") ?? 0
        if !(1...60).contains(rectification) { form.add("settings", req.t("hotline_setup.error.rectification_days")) }
        guard let checked, form.isValid else { return try await render(req, form: form, notice: nil, status: .unprocessableEntity) }
        try await req.application.write { db in
            try await TicketSettings(deadlines: checked, rectificationDays: rectification).save(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "ticket_settings.changed", subject: "ticket_settings",
                                               detail: ["sign_minutes": String(checked.signMinutes), "rectification_days": String(rectification)])
        }
        return req.redirect(to: "/tickets/setup?done=settings")
    }

    func issueKey(_ req: Request) async throws -> Response {
        _ = try office(req)
        var (form, raw) = FormState.reading(req, fields: ["key_name"])
        let name = raw["key_name"] ?? ""
        if name.isEmpty || name.count > 100 { form.add("key_name", req.t("hotline_setup.error.key_name")) }
        guard form.isValid else { return try await render(req, form: form, notice: nil, status: .unprocessableEntity) }
        let signedIn = try req.requireSignedIn()
        let key = try await req.application.write { db in
            try await Open311Keys.issue(name: name, by: signedIn.displayName, services: req.zhengwu, auditActor: req.auditActor,
                                        now: req.now, on: db)
        }
        // Shown once, on this answer only: it is not stored.
        return try await render(req, form: FormState(), notice: req.t("hotline_setup.done.key"), newKey: key)
    }

    func revokeKey(_ req: Request) async throws -> Response {
        _ = try office(req)
        guard let id = req.parameters.get("id", as: UUID.self), let key = try await Open311Key.find(id, on: req.db) else { throw Abort(.notFound) }
        try await req.application.write { db in
            key.revokedAt = req.now
            try await key.update(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "open311.key_revoked", subject: "open311_key:\(key.prefix)")
        }
        return req.redirect(to: "/tickets/setup?done=key_revoked")
    }

    private func render(_ req: Request, form: FormState, notice: String?, newKey: String? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let catalogue = try await TicketCatalogue.current(req)
        let departments = try await Department.query(on: req.db).sort(\.$sortOrder).all()
        let names = Dictionary(departments.map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        let rules = try await DispatchRule.query(on: req.db).sort(\.$categoryCode).sort(\.$area).all()
        let settings = try await TicketSettings.load(on: req.db)
        func path(_ code: String) -> String { catalogue.tree.path(of: code).map(\.name).joined(separator: " › ") }
        let categories = catalogue.tree.categories.map { category in
            let rule = rules.first { $0.categoryCode == category.code && $0.area.isEmpty }
            return CategoryRow(code: category.code, path: path(category.code), referral: category.referral.map { req.t($0.messageKey) },
                               replyDays: category.replyDays, takesLocation: category.takesLocation,
                               lead: rule.flatMap { names[$0.leadDepartmentID] }, helpers: rule?.helpers.compactMap { names[$0] }.joined(separator: "、") ?? "")
        }
        let keys = try await Open311Key.query(on: req.db).sort(\.$createdAt, .descending).all().map {
            KeyRow(id: $0.id?.uuidString ?? "", name: $0.name, prefix: $0.prefix, issuedBy: $0.issuedBy,
                   createdAt: DisplayTime.minute($0.createdAt), revoked: $0.revokedAt != nil)
        }
        return try await req.renderPage("staff/ticket-setup", titleKey: "hotline_setup.title", SetupPage(
            categories: categories,
            rules: rules.map { RuleRow(id: $0.id?.uuidString ?? "", category: path($0.categoryCode), area: $0.area,
                                       lead: names[$0.leadDepartmentID] ?? "", helpers: $0.helpers.compactMap { names[$0] }.joined(separator: "、")) },
            parents: catalogue.tree.categories.filter { catalogue.tree.path(of: $0.code).count < TicketCategoryTree.maxDepth }.map {
                SelectOption(value: $0.code, label: path($0.code), selected: form.values["parent"] == $0.code)
            },
            referrals: TicketReferral.allCases.map { SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: form.values["referral"] == $0.rawValue) },
            departments: departments.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.shortName, selected: false) },
            categoryOptions: catalogue.choices(selected: form.values["category"]),
            settings: TicketType.allCases.map { SettingRow(type: $0.rawValue, label: req.t($0.messageKey), days: settings.deadlines.replyDays(for: $0)) },
            signMinutes: settings.deadlines.signMinutes, extensionCap: settings.deadlines.extensionCap,
            rectificationDays: settings.rectificationDays, keys: keys, newKey: newKey, form: form, notice: notice), status: status)
    }

    private func office(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, TicketPolicy.permits(actor, .dispatch) else { throw AppError.forbidden }
        return actor
    }
}
