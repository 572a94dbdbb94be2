import Fluent
import Vapor
import ZhengwuCore

/// The supervision part of the staff case page: 督办 records with their answers (overdue ones
/// flagged), the forms a supervisor may use, and the answer form for the lead department's head.
struct SupervisionView: Encodable {
    struct Record: Encodable {
        let id: String
        let openedBy: String
        let openedAt: String
        let reason: String
        let answerDueOn: String
        let isOverdue: Bool
        let answer: String?
        let answeredBy: String?
        let answeredAt: String?
        let canAnswer: Bool
    }

    let records: [Record]
    /// Anomaly flags on the case, each explaining itself (for supervisors).
    let flags: [String]
    let canSupervise: Bool
    /// Suggested answer date: five working days on.
    let suggestedAnswerBy: String
    let latestAnswerBy: String
    let today: String

    /// Nil when there is nothing to show this person.
    static func make(_ record: ServiceCase, actor: Actor, subject: CasePolicy.Subject, calendar: WorkingCalendar,
                     on req: Request) async throws -> SupervisionView? {
        let today = LocalDate(req.now, in: calendar.timeZone)
        let stored = try await Supervision.query(on: req.db).filter(\.$applicationID == record.requireID()).sort(\.$openedAt).all()
        let watches = CasePolicy.permits(actor, .supervise, on: subject)
        let canSupervise = watches && record.status.allows(.urged)
        let mayAnswer = CasePolicy.permits(actor, .answerSupervision, on: subject)
        let flags = watches ? try await CaseFlag.query(on: req.db).filter(\.$applicationID == record.requireID())
            .sort(\.$createdAt).all().map(\.text) : []
        guard canSupervise || !stored.isEmpty || !flags.isEmpty else { return nil }
        return SupervisionView(
            records: stored.map { supervision in
                Record(id: supervision.id?.uuidString ?? "", openedBy: supervision.openedByName,
                       openedAt: DisplayTime.minute(supervision.openedAt), reason: supervision.reason,
                       answerDueOn: supervision.answerDueOn, isOverdue: supervision.isOverdue(today: today),
                       answer: supervision.answer, answeredBy: supervision.answeredByName,
                       answeredAt: supervision.answeredAt.map { DisplayTime.minute($0) },
                       canAnswer: mayAnswer && supervision.answeredAt == nil)
            },
            flags: flags,
            canSupervise: canSupervise,
            suggestedAnswerBy: calendar.addingWorkingDays(5, to: today).iso,
            latestAnswerBy: today.adding(days: SuperviseCase.longestAnswerDays).iso,
            today: today.iso)
    }
}

/// The supervision forms of the staff case page; a problem shows the page again, unchanged.
struct SupervisionController {
    static let fields = ["action", "reason", "answer_by", "supervision", "answer"]

    func act(_ req: Request) async throws -> Response {
        let (caseID, actor) = try ReviewController.caseAndActor(req)
        var (form, raw) = FormState.reading(req, fields: Self.fields)
        func value(_ name: String) -> String { raw[name] ?? "" }
        let action: SuperviseCase.Action
        let event: CaseEvent
        switch value("action") {
        case "urge": (action, event) = (.urge(reason: value("reason")), .urged)
        case "open": (action, event) = (.open(reason: value("reason"), answerBy: value("answer_by")), .supervisionOpened)
        case "answer":
            guard let id = UUID(uuidString: value("supervision")) else { throw Abort(.badRequest) }
            (action, event) = (.answer(supervisionID: id, text: value("answer")), .supervisionAnswered)
        default: throw Abort(.badRequest)
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let issues: [FieldIssue]
        switch try await SuperviseCase.run(action, caseID: caseID, actor: actor, by: try CaseActor.staff(on: req),
                                           services: req.zhengwu, calendar: calendar, app: req.application) {
        case .done: return req.redirect(to: "/cases/\(caseID)?done=\(event.rawValue)")
        case .invalid(let found): issues = found
        case .refused(let message): issues = [FieldIssue(field: "supervision", message: message)]
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        }
        for issue in issues { form.add(issue.field, issue.message, on: req) }
        return try await StaffCasesController().showAgain(req, caseID: caseID, form: form)
    }
}
