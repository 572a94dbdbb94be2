import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The decision (准予 / 不予行政许可) by the head of the lead department, which concludes the
/// case (办结): a numbered, dated decision letter; which deadline applied and whether it was
/// met (a late decision is still made, and recorded as late); and on a grant whose result is a
/// certificate, the electronic certificate, issued at once (art. 44 allows 10 working days).
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

            let outcome = review.deadlines.outcome(decidedOn: today, calendar: calendar)
            let granted: Bool
            let text: String
            switch decision {
            case .grant(let note): (granted, text) = (true, String(note.prefix(2000)))
            case .deny(let reasons): (granted, text) = (false, String(reasons.prefix(2000)))
            }
            let event: CaseEvent = granted ? .granted : .denied
            record.status = try record.status.after(event)
            record.decision = event.rawValue
            record.decidedOn = today.iso
            record.deadlineMet = outcome.met.rawValue
            record.workingDaysUsed = outcome.workingDaysUsed
            try await record.store(review, departments: departments, calendar: calendar, today: today, on: db)
            record.updatedAt = now
            try await record.save(on: db)

            let department = try await Department.find(record.departmentID, on: db)
            let letter = CaseNotice.draft(for: record, department: department, issuedBy: caseActor.name, today: today, now: now)
            letter.kind = granted ? .grant : .denial
            letter.body = text
            letter.decisionDueOn = record.decisionDueOn
            var certificateNumber: String?
            if granted, item.guide.result.isCertificate {
                let certificate = try await IssueCertificate.run(for: record, guide: item.guide, department: department,
                                                                 today: today, now: now, vault: services.vault, on: db)
                certificateNumber = certificate.number
                letter.subject = certificate.number
            }
            letter.number = try await CaseNotice.nextNumber(kind: letter.kind, department: department, year: today.year,
                                                            localizer: services.localizer, on: db)
            try await letter.create(on: db)
            let met = services.localizer.text("deadline_met.\(outcome.met.rawValue)", ["days": String(outcome.workingDaysUsed)],
                                              language: "zh-Hans")
            try await journal.record(event, on: record, by: caseActor, note: text.isEmpty ? met : "\(met)\n\(text)", now: now, on: db)
            if let certificateNumber {
                try await journal.record(.certificateIssued, on: record, by: caseActor, note: certificateNumber, now: now, on: db)
            }
            return .decided(certificateNumber: certificateNumber)
        }
    }
}
