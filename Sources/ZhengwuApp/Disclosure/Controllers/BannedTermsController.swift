import Fluent
import Vapor
import ZhengwuCore

/// 不良词汇 list, kept by publishers and the system administrator: add terms (one per line),
/// find and remove them. Every change is audited.
struct BannedTermsController {
    struct Row: Encodable {
        let id: String
        let term: String
        let addedBy: String
        let addedAt: String
    }

    struct ListPage: Encodable {
        let rows: [Row]
        let total: Int
        let query: String
        let form: FormState
        let message: String?
        let pager: Pager
    }

    func list(_ req: Request) async throws -> Response {
        _ = try keeper(req)
        let message = req.query[String.self, at: "done"].flatMap { ["added", "removed"].contains($0) ? req.t("banned_terms.done.\($0)") : nil }
        return try await render(req, form: FormState(), message: message)
    }

    func add(_ req: Request) async throws -> Response {
        _ = try keeper(req)
        let typed = req.typedField("terms")
        let (terms, tooLong) = BannedTerms.parse(typed)
        var form = FormState()
        form.values["terms"] = typed
        if !tooLong.isEmpty { form.add("terms", req.t("banned_terms.error.too_long", ["terms": tooLong.joined(separator: "、")])) }
        if terms.isEmpty, tooLong.isEmpty { form.add("terms", req.t("banned_terms.error.empty")) }
        guard form.isValid else { return try await render(req, form: form, message: nil, status: .unprocessableEntity) }
        let name = try req.requireSignedIn().displayName
        try await req.application.write { db in
            let existing = Set(try await BannedTerm.query(on: db).filter(\.$term ~~ terms).all().map(\.term))
            let fresh = terms.filter { !existing.contains($0) }
            for term in fresh { try await BannedTerm(term: term, addedByName: name, addedAt: req.now).create(on: db) }
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "banned_terms.added", subject: "banned_terms",
                                               detail: ["count": String(fresh.count)])
        }
        return req.redirect(to: "/disclosure/banned-terms?done=added")
    }

    func remove(_ req: Request) async throws -> Response {
        _ = try keeper(req)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        try await req.application.write { db in
            guard let term = try await BannedTerm.find(id, on: db) else { throw Abort(.notFound) }
            try await term.delete(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "banned_terms.removed", subject: "banned_terms",
                                               detail: ["term": term.term])
        }
        return req.redirect(to: "/disclosure/banned-terms?done=removed")
    }

    private func render(_ req: Request, form: FormState, message: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let search = String((req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(50))
        var query = BannedTerm.query(on: req.db)
        if !search.isEmpty { query = query.filter(\.$term, containsIgnoringCase: search) }
        let total = try await query.count()
        let pager = Pager(number: req.pageNumber, total: total, path: "/disclosure/banned-terms",
                          query: search.isEmpty ? "" : "q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        let rows = try await query.sort(\.$term).range(pager.range).all().map {
            Row(id: $0.id?.uuidString ?? "", term: $0.term, addedBy: $0.addedByName, addedAt: DisplayTime.minute($0.addedAt))
        }
        return try await req.renderPage("staff/banned-terms", titleKey: "banned_terms.title",
                                        ListPage(rows: rows, total: total, query: search, form: form, message: message, pager: pager),
                                        status: status)
    }

    private func keeper(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, DisclosurePolicy.managesBannedTerms(actor) else { throw AppError.forbidden }
        return actor
    }
}
