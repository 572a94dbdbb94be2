import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The decision (准予 / 不予行政许可) by the head of the lead department, which concludes the
/// case (ConcludeCase): a late decision is still made, and recorded as late; a grant's
/// certificate is issued at once (art. 44 allows 10 working days).
enum DecideCase {
    enum Decision: Sendable {
        case grant(note: String)
        /// The reasons; the letter adds the applicant's rights to review or sue.
        case deny(reasons: String)
    }

    enum Outcome: Equatable {
        case decided(certificateNumber: String?)
        case invalid([FieldIssue])
        case refused(LocalizedMessage)
        case forbidden
        case notFound
    }

    static func run(_ decision: Decision, caseID: UUID, actor: Actor, by caseActor: CaseActor, services: ZhengwuServices,
                    calendar: WorkingCalendar, app: Vapor.Application) async throws -> Outcome {
        if case .deny(let reasons) = decision, reasons.isEmpty {
            return .invalid([FieldIssue(field: "reasons", message: LocalizedMessage("decision.reasons_required"))])
        }
        let now = services.clock.now()
        let today = LocalDate(now, in: calendar.timeZone)
        return try await app.write { db -> Outcome in
            guard let record = try await CaseLock.find(caseID, on: db), record.status != .draft else { return .notFound }
            let subject = try await CaseScope.subject(of: record, on: db)
            guard CasePolicy.permits(actor, .view, on: subject) else { return .notFound }
            guard CasePolicy.permits(actor, .decide, on: subject) else { return .forbidden }
            guard record.status == .accepted, var review = record.review,
                  let item = try await ApplicableItem.version(itemID: record.itemID, revisionID: record.revisionID, on: db)
            else { return .refused(LocalizedMessage("case.not_allowed")) }
            let departments = try await DepartmentCodes.load(on: db)
            let journal = CaseJournal(services: services)
            // The head deciding the last step decides with it: one act, as on paper.
            if !review.isReadyForDecision, let run = review.run {
                let participant = departments.participant(actor)
                if let step = run.activeSteps.first(where: { run.mayWork($0, participant) }) {
                    var attempt = review
                    if (try? attempt.apply(.approve(step: step), by: participant, today: today)) != nil, attempt.isReadyForDecision {
                        review = attempt
                        try await journal.record(.stepApproved, on: record, by: caseActor,
                                                 note: run.definition.step(step)?.step.name ?? step, now: now, notify: false, on: db)
                    }
                }
            }
            guard review.isReadyForDecision else { return .refused(LocalizedMessage("decision.steps_open")) }

            let (event, text): (CaseEvent, String) = switch decision {
            case .grant(let note): (.granted, String(note.prefix(2000)))
            case .deny(let reasons): (.denied, String(reasons.prefix(2000)))
            }
            let certificateNumber = try await ConcludeCase.run(
                record, review: review, event: event, text: text, item: item, by: caseActor, departments: departments,
                services: services, calendar: calendar, today: today, now: now, on: db)
            return .decided(certificateNumber: certificateNumber)
        }
    }
}
