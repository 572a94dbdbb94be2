import Fluent
import Vapor
import ZhengwuCore

/// The 12345 knowledge base in the workbench. Departments and the hotline office write answers;
/// someone other than the author publishes them (the office, or the department's head); the list
/// flags answers past their valid-until date to the department that owns them.
struct KnowledgeController {
    struct Row: Encodable {
        let id: String
        let question: String
        let department: String
        let status: String
        let validUntil: String
        let stale: Bool
        let usedCount: Int
    }


    struct ListPage: Encodable {
        let rows: [Row]
        let tabs: [ListTab]
        let query: String
        let staleCount: Int
        let pager: Pager
    }

    struct EditPage: Encodable {
        let id: String?
        let form: FormState
        let categories: [SelectOption]
        let departments: [SelectOption]
        let status: String?
        let canEdit: Bool
        let canSubmit: Bool
        let canReview: Bool
        let canWithdraw: Bool
        let reviewNote: String
        let notice: String?
    }

    enum Show: String, CaseIterable {
        case all, stale, submitted, published, draft
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try writer(req)
        let show = req.query[String.self, at: "show"].flatMap(Show.init(rawValue:)) ?? .all
        let text = String((req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(50))
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone).iso
        func scoped() -> QueryBuilder<KnowledgeArticle> {
            var query = KnowledgeArticle.query(on: req.db)
            if !actor.has(.hotlineOperator), let department = actor.departmentID.flatMap(UUID.init(uuidString:)) {
                query = query.filter(\.$departmentID == department)
            }
            return query
        }
        var query = scoped()
        switch show {
        case .all: break
        case .stale: query = query.filter(\.$validUntil < today).filter(\.$status == .published)
        case .submitted: query = query.filter(\.$status == .submitted)
        case .published: query = query.filter(\.$status == .published)
        case .draft: query = query.filter(\.$status == .draft)
        }
        if !text.isEmpty {
            query = query.group(.or) { $0.filter(\.$question, .contains(inverse: false, .anywhere), text)
                .filter(\.$answer, .contains(inverse: false, .anywhere), text) }
        }
        let staleCount = try await scoped().filter(\.$validUntil < today).filter(\.$status == .published).count()
        let pager = Pager(number: req.pageNumber, total: try await query.count(), path: "/tickets/knowledge", query: "show=\(show.rawValue)")
        let names = try await Department.names(short: true, on: req.db)
        let rows = try await query.sort(\.$updatedAt, .descending).range(pager.range).all().map { article in
            Row(id: article.id?.uuidString ?? "", question: article.question, department: names[article.departmentID] ?? "",
                status: req.t(article.status.messageKey), validUntil: article.validUntil,
                stale: article.status == .published && article.validUntil < today, usedCount: article.usedCount)
        }
        return try await req.renderPage("staff/knowledge", titleKey: "knowledge.title", ListPage(
            rows: rows, tabs: ListTab.tabs(Show.allCases, current: show, labelPrefix: "knowledge.show", on: req),
            query: text, staleCount: staleCount, pager: pager))
    }

    func showNew(_ req: Request) async throws -> Response {
        let actor = try writer(req)
        var form = FormState()
        form.values = ["department": actor.departmentID ?? "",
                       "valid_until": LocalDate(req.now, in: WorkingCalendar.default.timeZone).adding(days: 365).iso]
        return try await render(req, nil, actor, form: form, notice: nil)
    }

    func show(_ req: Request) async throws -> Response {
        let (article, actor) = try await load(req)
        var form = FormState()
        form.values = ["question": article.question, "answer": article.answer, "category": article.categoryCode,
                       "department": article.departmentID.uuidString, "valid_until": article.validUntil]
        let done = req.query[String.self, at: "done"].flatMap {
            ["saved", "submitted", "published", "returned", "withdrawn"].contains($0) ? req.t("knowledge.done.\($0)") : nil
        }
        return try await render(req, article, actor, form: form, notice: done)
    }

    /// Creates (no id) or edits a draft; a published answer edited goes back to draft for review.
    func save(_ req: Request) async throws -> Response {
        let actor = try writer(req)
        var existing: KnowledgeArticle?
        if req.parameters.get("id") != nil { existing = try await load(req).0 }
        var (form, raw) = FormState.reading(req, fields: ["question", "answer", "category", "department", "valid_until"])
        let question = raw["question"] ?? "", answer = raw["answer"] ?? ""
        if question.count < 4 || question.count > 200 { form.add("question", req.t("knowledge.error.question")) }
        if answer.count < 10 || answer.count > 4000 { form.add("answer", req.t("knowledge.error.answer")) }
        let catalogue = try await TicketCatalogue.current(req)
        if catalogue.tree.category(raw["category"] ?? "") == nil { form.add("category", req.t("ticket.error.category")) }
        let department = UUID(uuidString: raw["department"] ?? "")
        if department == nil || !mayWrite(actor, department: department!) { form.add("department", req.t("knowledge.error.department")) }
        let validUntil = LocalDate(iso: raw["valid_until"] ?? "")
        if validUntil == nil { form.add("valid_until", req.t("knowledge.error.valid_until")) }
        if let existing, !mayWrite(actor, department: existing.departmentID) { throw AppError.forbidden }
        guard form.isValid, let department, let validUntil else {
            return try await render(req, existing, actor, form: form, notice: nil, status: .unprocessableEntity)
        }
        let signedIn = try req.requireSignedIn()
        let article = existing ?? KnowledgeArticle()
        let isNew = existing == nil
        let category = raw["category"] ?? ""
        let id = try await req.application.write { db -> UUID in
            article.question = question
            article.answer = answer
            article.categoryCode = category
            article.departmentID = department
            article.validUntil = validUntil.iso
            article.status = .draft
            article.updatedAt = req.now
            // Whoever wrote this version is its author: nobody publishes their own words.
            article.authorID = signedIn.accountID
            article.authorName = signedIn.displayName
            if isNew {
                article.reviewerName = ""
                article.reviewNote = ""
                article.usedCount = 0
                article.createdAt = req.now
            }
            try await article.save(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "knowledge.saved", subject: "knowledge:\(try article.requireID())")
            return try article.requireID()
        }
        return req.redirect(to: "/tickets/knowledge/\(id)?done=saved")
    }

    /// submit, publish, return (to draft, with a note) or withdraw.
    func review(_ req: Request) async throws -> Response {
        let (article, actor) = try await load(req)
        let step = req.parameters.get("step") ?? ""
        let note = try req.typedField("note", atMost: 1000)
        let signedIn = try req.requireSignedIn()
        switch step {
        case "submit":
            guard mayWrite(actor, department: article.departmentID), article.status == .draft else { throw AppError.conflict }
            article.status = .submitted
        case "publish", "return":
            guard mayReview(actor, article, accountID: signedIn.accountID) else { throw AppError.forbidden }
            guard article.status == .submitted else { throw AppError.conflict }
            article.status = step == "publish" ? .published : .draft
            article.reviewerName = signedIn.displayName
            article.reviewNote = note
        case "withdraw":
            guard mayWrite(actor, department: article.departmentID), article.status == .published else { throw AppError.conflict }
            article.status = .withdrawn
        default: throw Abort(.notFound)
        }
        article.updatedAt = req.now
        try await req.application.write { db in
            try await article.update(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "knowledge.\(step)", subject: "knowledge:\(try article.requireID())")
        }
        let done = ["submit": "submitted", "publish": "published", "return": "returned", "withdraw": "withdrawn"][step] ?? "saved"
        return req.redirect(to: "/tickets/knowledge/\(try article.requireID())?done=\(done)")
    }

    // MARK: who

    /// The office writes for any department; a department's staff for their own.
    private func mayWrite(_ actor: Actor, department: UUID) -> Bool {
        actor.has(.hotlineOperator) || (actor.departmentID == department.uuidString && actor.hasAny([.departmentHandler, .departmentHead]))
    }

    /// Published by someone other than its author: the office, or the head of its department.
    private func mayReview(_ actor: Actor, _ article: KnowledgeArticle, accountID: UUID) -> Bool {
        article.authorID != accountID
            && (actor.has(.hotlineOperator) || (actor.departmentID == article.departmentID.uuidString && actor.has(.departmentHead)))
    }

    private func render(_ req: Request, _ article: KnowledgeArticle?, _ actor: Actor, form: FormState, notice: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let catalogue = try await TicketCatalogue.current(req)
        let departments = try await Department.query(on: req.db).sort(\.$sortOrder).all()
            .filter { $0.id.map { mayWrite(actor, department: $0) } ?? false }
        let signedIn = try req.requireSignedIn()
        let writes = article.map { mayWrite(actor, department: $0.departmentID) } ?? true
        return try await req.renderPage("staff/knowledge-edit", titleKey: article == nil ? "knowledge.new" : "knowledge.edit", EditPage(
            id: article?.id?.uuidString, form: form, categories: catalogue.choices(selected: form.values["category"]),
            departments: departments.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.shortName, selected: $0.id?.uuidString == form.values["department"]) },
            status: article.map { req.t($0.status.messageKey) }, canEdit: writes,
            canSubmit: writes && article?.status == .draft,
            canReview: article.map { $0.status == .submitted && mayReview(actor, $0, accountID: signedIn.accountID) } ?? false,
            canWithdraw: writes && article?.status == .published, reviewNote: article?.reviewNote ?? "", notice: notice), status: status)
    }

    private func load(_ req: Request) async throws -> (KnowledgeArticle, Actor) {
        let actor = try writer(req)
        guard let id = req.parameters.get("id", as: UUID.self), let article = try await KnowledgeArticle.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        guard actor.has(.hotlineOperator) || actor.departmentID == article.departmentID.uuidString else { throw Abort(.notFound) }
        return (article, actor)
    }

    private func writer(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor,
              actor.has(.hotlineOperator) || (actor.hasAny([.departmentHandler, .departmentHead]) && actor.departmentID != nil)
        else { throw AppError.forbidden }
        return actor
    }
}
