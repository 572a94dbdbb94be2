import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The acceptance decision (受理审查) at the window or by the department's online pre-review:
/// accept, ask for every correction at once (一次性告知), or refuse with the reason and, when
/// the matter belongs elsewhere, the department to go to. Each produces a dated, numbered
/// written notice. An on-the-spot item (即办件) is decided and concluded as it is accepted.
enum DecideAcceptance {
    enum Decision: Sendable {
        case accept
        /// Everything the applicant must supply or fix, one entry each.
        case requestCorrection(items: [String])
        case refuse(reason: String, referralDepartmentID: UUID?)
    }

    enum Outcome: Equatable {
        case decided(CaseStatus)
        /// Too late: the 5 working days had passed, so the law has accepted it (now recorded).
        case deemedAccepted
        case invalid([FieldIssue])
        case forbidden
        case notAllowed
    }

    static func run(_ decision: Decision, caseID: UUID, actor: Actor, by caseActor: CaseActor, services: ZhengwuServices,
                    calendar: WorkingCalendar, app: Vapor.Application) async throws -> Outcome {
        switch decision {
        case .requestCorrection(let items) where items.isEmpty:
            return .invalid([FieldIssue(field: "corrections", message: LocalizedMessage("acceptance.corrections_required"))])
        case .refuse(let reason, _) where reason.isEmpty:
            return .invalid([FieldIssue(field: "reason", message: LocalizedMessage("acceptance.reason_required"))])
        default:
            break
        }
        let now = services.clock.now()
        let today = LocalDate(now, in: calendar.timeZone)
        return try await app.write { db -> Outcome in
            guard let record = try await CaseLock.find(caseID, on: db) else { return .notAllowed }
            let subject = try await CaseScope.subject(of: record, on: db)
            guard CasePolicy.permits(actor, .decideAcceptance, on: subject) else { return .forbidden }
            guard record.status.awaitsAcceptance else { return .notAllowed }
            // Past the limit nobody may refuse or ask for corrections any more: the
            // application counts as accepted from the day of receipt, whatever the timer did.
            if try await DeemAcceptances.deemIfOverdue(record, today: today, now: now, calendar: calendar,
                                                       services: services, on: db) {
                return .deemedAccepted
            }
            let journal = CaseJournal(services: services)
            let department = try await Department.find(record.departmentID, on: db)
            let notice = CaseNotice.draft(for: record, department: department, issuedBy: caseActor.name, today: today, now: now)
            switch decision {
            case .accept:
                record.status = try record.status.after(.accepted)
                record.acceptedOn = today.iso
                record.decisionDueOn = DecisionDeadline.dueDate(
                    acceptedOn: today, limitDays: record.promisedLimitDays, calendar: calendar).iso
                notice.kind = .acceptance
                try await journal.record(.accepted, on: record, by: caseActor, now: now, notify: record.handling != HandlingType.onTheSpot.rawValue, on: db)
                if record.handling == HandlingType.onTheSpot.rawValue {
                    record.status = try record.status.after(.concludedOnTheSpot)
                    // Concluded today, within any limit: what performance figures count.
                    record.decidedOn = today.iso
                    record.deadlineMet = CaseDeadlines.Met.promised.rawValue
                    record.workingDaysUsed = 0
                    try await journal.record(.concludedOnTheSpot, on: record, by: caseActor, now: now, on: db)
                } else if let item = try await ApplicableItem.version(itemID: record.itemID, revisionID: record.revisionID, on: db) {
                    try await record.beginReview(guide: item.guide, acceptedOn: today, calendar: calendar, vault: services.vault, on: db)
                }
            case .requestCorrection(let items):
                record.status = try record.status.after(.correctionRequested)
                notice.kind = .correction
                notice.body = items.map { String($0.prefix(300)) }.joined(separator: "\n")
                try await journal.record(.correctionRequested, on: record, by: caseActor, note: notice.body, now: now, on: db)
            case .refuse(let reason, let referral):
                record.status = try record.status.after(.refused)
                notice.kind = .refusal
                notice.body = String(reason.prefix(1000))
                if let referral, let other = try await Department.find(referral, on: db) {
                    notice.referral = other.name + (other.phone.map { "（\($0)）" } ?? "")
                }
                try await journal.record(.refused, on: record, by: caseActor, note: notice.body, now: now, on: db)
            }
            record.handledBy = caseActor.id
            record.updatedAt = now
            try await record.save(on: db)
            notice.receivedOn = record.receivedOn ?? ""
            notice.decisionDueOn = notice.kind == .acceptance ? record.decisionDueOn : nil
            notice.number = try await CaseNotice.nextNumber(kind: notice.kind, department: department, year: today.year,
                                                            localizer: services.localizer, on: db)
            try await notice.create(on: db)
            return .decided(record.status)
        }
    }
}

extension CaseNotice {
    static func draft(for record: ServiceCase, department: Department?, issuedBy: String, today: LocalDate, now: Date) -> CaseNotice {
        let notice = CaseNotice()
        notice.applicationID = record.id!
        notice.kind = .acceptance
        notice.issuedOn = today.iso
        notice.departmentName = department?.name ?? ""
        notice.body = ""
        notice.referral = ""
        notice.receivedOn = record.receivedOn ?? ""
        notice.issuedBy = issuedBy
        notice.createdAt = now
        return notice
    }

    /// 文书编号: the department's short name, the kind's word, the year and a running number,
    /// e.g. 市场监管局受字〔2026〕第0003号.
    static func nextNumber(kind: Kind, department: Department?, year: Int, localizer: Localizer, on db: Database) async throws -> String {
        let prefix = (department?.shortName ?? "") + localizer.text("notice.number_word.\(kind.rawValue)", language: "zh-Hans")
        let yearPart = "〔\(year)〕"
        // Two instances numbering at once would otherwise both take the same next number.
        try await CaseLock.serialise("notice-number:" + prefix + yearPart, on: db)
        let issued = try await CaseNotice.query(on: db).filter(\.$kind == kind)
            .filter(\.$number, .custom("LIKE"), prefix + yearPart + "%").count()
        return prefix + yearPart + "第" + String(format: "%04d", issued + 1) + "号"
    }
}
