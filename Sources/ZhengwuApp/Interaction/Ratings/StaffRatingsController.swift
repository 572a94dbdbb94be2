import Fluent
import Vapor
import ZhengwuCore

/// 好差评 in the workbench: the rectification tasks bad reviews opened (the department's to fix
/// or appeal, the office's follow-up calls, the supervisor's appeal decisions) and the window's
/// rating page, where an applicant rates their concluded application at the counter.
struct StaffRatingsController {
    struct Row: Encodable {
        let id: String
        let number: String
        let service: String
        let department: String
        let level: String
        let comment: String
        let dueOn: String
        let status: String
        let appeal: String?
        let followUp: Bool
    }

    struct ListPage: Encodable {
        let rows: [Row]
        let pager: Pager
    }

    struct TaskPage: Encodable {
        let task: Row
        let followUpNote: String
        let fixNote: String
        let appealReason: String
        let appealDecision: String
        let canFollowUp: Bool
        let canFix: Bool
        let canAppeal: Bool
        let canDecide: Bool
        let form: FormState
        let notice: String?
    }

    struct WindowPage: Encodable {
        let form: FormState
        let receipt: String?
        let item: String?
        let levels: [SelectOption]
        let notice: String?
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try staff(req)
        guard let scope = RatingPolicy.departmentScope(actor) else { throw AppError.forbidden }
        var query = Rectification.query(on: req.db)
        if let department = scope.flatMap(UUID.init(uuidString:)) { query = query.filter(\.$departmentID == department) }
        let pager = Pager(number: req.pageNumber, total: try await query.count(), path: "/ratings")
        let tasks = try await query.sort(\.$status).sort(\.$dueOn).range(pager.range).all()
        return try await req.renderPage("staff/ratings", titleKey: "rectification.title",
                                        ListPage(rows: try await rows(tasks, on: req), pager: pager))
    }

    func show(_ req: Request) async throws -> Response {
        let (task, actor) = try await load(req)
        let done = req.query[String.self, at: "done"].flatMap { ["follow-up", "fix", "appeal", "decide"].contains($0) ? req.t("rectification.done") : nil }
        return try await render(req, task, actor, form: FormState(), notice: done)
    }

    func step(_ req: Request) async throws -> Response {
        let (task, actor) = try await load(req)
        var (form, raw) = FormState.reading(req, fields: ["note", "publish", "decision"])
        let note = form.text("note", in: raw, atMost: 2000, on: req)
        guard form.isValid else { return try await render(req, task, actor, form: form, notice: nil, status: .unprocessableEntity) }
        let step: HandleRectification.Step
        switch req.parameters.get("step") {
        case "follow-up": step = .followUp(note: note)
        case "fix": step = .fix(note: note, publish: raw["publish"] == "yes")
        case "appeal": step = .appeal(reason: note)
        case "decide": step = .decide(upheld: raw["decision"] == "upheld", note: note)
        default: throw Abort(.notFound)
        }
        let id = try task.requireID()
        let outcome = try await req.application.write { db in
            try await HandleRectification.run(step, taskID: id, actor: actor, services: req.zhengwu, auditActor: req.auditActor,
                                              now: req.now, on: db)
        }
        switch outcome {
        case .done: return req.redirect(to: "/ratings/\(id)?done=\(req.parameters.get("step") ?? "")")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .conflict: throw AppError.conflict
        case .problem(let key):
            var form = form
            form.add("note", req.t(key))
            return try await render(req, task, actor, form: form, notice: nil, status: .unprocessableEntity)
        }
    }

    // MARK: the window's rating page

    func showWindow(_ req: Request) async throws -> Response {
        _ = try clerk(req)
        return try await renderWindow(req, form: FormState(), record: nil, notice: nil)
    }

    /// First the clerk enters the receipt number; then the applicant, at the counter, types the
    /// last four digits of their phone (so a receipt number alone rates nothing) and presses one
    /// of five buttons.
    func rateAtWindow(_ req: Request) async throws -> Response {
        _ = try clerk(req)
        var (form, raw) = FormState.reading(req, fields: ["receipt", "level", "phone_tail"])
        guard let number = ReceiptNumber(parsing: raw["receipt"] ?? ""),
              let record = try await ServiceCase.query(on: req.db).filter(\.$receiptNumber == number.value).first() else {
            form.add("receipt", req.t("rating.error.receipt"))
            return try await renderWindow(req, form: form, record: nil, notice: nil, status: .unprocessableEntity)
        }
        guard let level = Int(raw["level"] ?? "").flatMap(SatisfactionLevel.init(rawValue:)) else {
            return try await renderWindow(req, form: form, record: record, notice: nil)
        }
        let phone = (try? req.zhengwu.vault.open(record.applicantPhoneSealed)) ?? ""
        guard phone.count >= 4, raw["phone_tail"] == String(phone.suffix(4)) else {
            form.add("phone_tail", req.t("rating.error.phone_tail"))
            return try await renderWindow(req, form: form, record: record, notice: nil, status: .unprocessableEntity)
        }
        let outcome = try await req.application.write { db in
            try await RateSubject.application(record, level: level, comment: "", channel: .window, services: req.zhengwu,
                                              auditActor: req.auditActor, now: req.now, on: db)
        }
        switch outcome {
        case .rated: return try await renderWindow(req, form: FormState(), record: nil, notice: req.t("rating.thanks"))
        case .alreadyRated, .notRatable:
            form.add("receipt", req.t(outcome == .alreadyRated ? "rating.error.already" : "rating.error.not_ratable"))
            return try await renderWindow(req, form: form, record: nil, notice: nil, status: .conflict)
        }
    }

    private func renderWindow(_ req: Request, form: FormState, record: ServiceCase?, notice: String?,
                              status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.renderPage("staff/rating-window", titleKey: "rating.window_title", WindowPage(
            form: form, receipt: record?.receiptNumber, item: record?.itemName,
            levels: SatisfactionLevel.choices(selected: nil, on: req),
            notice: notice), status: status)
    }

    // MARK: helpers

    private func render(_ req: Request, _ task: Rectification, _ actor: Actor, form: FormState, notice: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let row = try await rows([task], on: req)[0]
        let department = task.departmentID.uuidString
        let fixes = RatingPolicy.permits(actor, .fix(departmentID: department)) && task.status == .open
        return try await req.renderPage("staff/rating-task", title: row.number, TaskPage(
            task: row, followUpNote: task.followUpNote, fixNote: task.fixNote, appealReason: task.appealReason,
            appealDecision: task.appealDecision,
            canFollowUp: RatingPolicy.permits(actor, .followUp) && task.followUpNeeded && task.followedUpAt == nil,
            canFix: fixes && task.appeal != .pending, canAppeal: fixes && task.appeal == nil,
            canDecide: RatingPolicy.permits(actor, .decideAppeal) && task.appeal == .pending, form: form, notice: notice), status: status)
    }

    private func rows(_ tasks: [Rectification], on req: Request) async throws -> [Row] {
        let ratings = Dictionary(try await Rating.query(on: req.db).filter(\.$id ~~ tasks.map(\.ratingID)).all().map { ($0.id, $0) },
                                 uniquingKeysWith: { a, _ in a })
        let names = try await Department.names(short: true, on: req.db)
        return tasks.map { task in
            let rating = ratings[task.ratingID]
            return Row(id: task.id?.uuidString ?? "", number: rating?.subjectNumber ?? "", service: rating?.serviceName ?? "",
                       department: names[task.departmentID] ?? "", level: rating.map { req.t($0.satisfaction.messageKey) } ?? "",
                       comment: rating?.comment ?? "", dueOn: task.dueOn, status: req.t(task.status.messageKey),
                       appeal: task.appeal.map { req.t($0.messageKey) }, followUp: task.followUpNeeded && task.followedUpAt == nil)
        }
    }

    private func load(_ req: Request) async throws -> (Rectification, Actor) {
        let actor = try staff(req)
        guard let id = req.parameters.get("id", as: UUID.self), let task = try await Rectification.find(id, on: req.db),
              let scope = RatingPolicy.departmentScope(actor), scope == nil || scope == task.departmentID.uuidString else {
            throw Abort(.notFound)
        }
        return (task, actor)
    }

    private func staff(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, RatingPolicy.departmentScope(actor) != nil else { throw AppError.forbidden }
        return actor
    }

    private func clerk(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, RatingPolicy.permits(actor, .rateAtWindow) else { throw AppError.forbidden }
        return actor
    }
}
