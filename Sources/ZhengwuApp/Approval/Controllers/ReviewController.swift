import Vapor
import ZhengwuCore

/// The review and decision forms on the staff case page. Each posts one operation; a problem
/// shows the case page again with the message, and nothing is changed.
struct ReviewController {
    static let fields = ["action", "step", "stage", "username", "reason", "note", "items", "procedure", "days", "decision", "reasons"]

    func work(_ req: Request) async throws -> Response {
        let (caseID, actor) = try Self.caseAndActor(req)
        var (form, raw) = FormState.reading(req, fields: Self.fields)
        func value(_ name: String) -> String { raw[name] ?? "" }
        let step = value("step")
        let action: WorkCase.Action
        switch value("action") {
        case "sign_for": action = .signFor(step: step)
        case "approve": action = .approve(step: step, note: value("note"))
        case "return": action = .returnTo(stage: Int(value("stage")) ?? -1, step: step, reason: value("reason"))
        case "transfer": action = .transfer(step: step, toUsername: value("username"), reason: value("reason"))
        case "add_signer": action = .addSigner(step: step, username: value("username"), reason: value("reason"))
        case "recall": action = .recall(reason: value("reason"))
        case "request_material": action = .requestMaterial(items: GuideText.lines(value("items")))
        case "material_supplied": action = .materialSupplied(note: value("note"))
        case "start_procedure":
            guard let days = Int(value("days")), days > 0 else {
                return try await fail(req, caseID, &form, [FieldIssue(field: "days", message: LocalizedMessage("form.not_a_number"))])
            }
            action = .startSpecialProcedure(name: value("procedure"), expectedDays: days, reason: value("reason"))
        case "end_procedure": action = .endSpecialProcedure(note: value("note"))
        case "extend":
            guard let days = Int(value("days")) else {
                return try await fail(req, caseID, &form, [FieldIssue(field: "days", message: LocalizedMessage("form.not_a_number"))])
            }
            action = .extend(days: days, reason: value("reason"))
        default:
            throw Abort(.badRequest)
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        switch try await WorkCase.run(action, caseID: caseID, who: .staff(actor), by: try CaseActor.staff(on: req),
                                      services: req.zhengwu, calendar: calendar, app: req.application) {
        case .done(let event):
            return req.redirect(to: "/cases/\(caseID)?done=\(event.rawValue)")
        case .invalid(let issues):
            return try await fail(req, caseID, &form, issues)
        case .refused(let message):
            return try await fail(req, caseID, &form, [FieldIssue(field: "review", message: message)])
        case .forbidden:
            throw AppError.forbidden
        case .notFound:
            throw Abort(.notFound)
        }
    }

    func decide(_ req: Request) async throws -> Response {
        let (caseID, actor) = try Self.caseAndActor(req)
        var (form, raw) = FormState.reading(req, fields: Self.fields)
        let decision: DecideCase.Decision
        switch raw["decision"] {
        case "grant": decision = .grant(note: raw["note"] ?? "")
        case "deny": decision = .deny(reasons: raw["reasons"] ?? "")
        default: throw Abort(.badRequest)
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        switch try await DecideCase.run(decision, caseID: caseID, actor: actor, by: try CaseActor.staff(on: req),
                                        services: req.zhengwu, calendar: calendar, app: req.application) {
        case .decided:
            return req.redirect(to: "/cases/\(caseID)?done=\(raw["decision"] == "grant" ? "granted" : "denied")")
        case .invalid(let issues):
            return try await fail(req, caseID, &form, issues)
        case .refused(let message):
            return try await fail(req, caseID, &form, [FieldIssue(field: "decision", message: message)])
        case .forbidden:
            throw AppError.forbidden
        case .notFound:
            throw Abort(.notFound)
        }
    }

    private func fail(_ req: Request, _ caseID: UUID, _ form: inout FormState, _ issues: [FieldIssue]) async throws -> Response {
        for issue in issues { form.add(issue.field, issue.message, on: req) }
        return try await StaffCasesController().showAgain(req, caseID: caseID, form: form)
    }

    static func caseAndActor(_ req: Request) throws -> (UUID, Actor) {
        guard let actor = try req.requireSignedIn().completeActor, CasePolicy.scope(for: actor) != .nothing else {
            throw AppError.forbidden
        }
        guard let caseID = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return (caseID, actor)
    }
}
