import Fluent
import Foundation
import ZhengwuCore

/// 办结 with a decision, whoever makes it (the head, or the law for a renewal left undecided):
/// which deadline applied and whether it was met, the numbered decision letter, and on a grant
/// whose result is a certificate, the certificate. In the caller's transaction, case locked.
enum ConcludeCase {
    /// Returns the number of the certificate issued, if one was.
    static func run(_ record: ServiceCase, review: CaseReview, event: CaseEvent, text: String, item: ApplicableItem,
                    by caseActor: CaseActor, departments: DepartmentCodes, services: ZhengwuServices,
                    calendar: WorkingCalendar, today: LocalDate, now: Date, on db: Database) async throws -> String? {
        let granted = event != .denied
        let outcome = review.deadlines.outcome(decidedOn: today, calendar: calendar)
        record.status = try record.status.after(event)
        record.decision = (granted ? CaseEvent.granted : CaseEvent.denied).rawValue
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
        let journal = CaseJournal(services: services)
        try await journal.record(event, on: record, by: caseActor, note: text.isEmpty ? met : "\(met)\n\(text)", now: now, on: db)
        if let certificateNumber {
            try await journal.record(.certificateIssued, on: record, by: caseActor, note: certificateNumber, now: now, on: db)
        }
        // A grant by law was not a decision anyone made quickly.
        if event != .deemedGranted, let stages = review.run?.definition.stages.count {
            try await CaseFlag.raise(Anomaly.afterDecision(usedDays: outcome.workingDaysUsed, stages: stages), on: record,
                                     services: services, now: now, on: db)
        }
        return certificateNumber
    }
}
