import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// Everything done to an accepted case before its decision (审查), each on the timeline with
/// actor, time and reason: the workflow operations, asking the applicant for more material,
/// special procedures, and extensions. Who may do what is WorkflowRun's (steps) and
/// CasePolicy's (the rest); a refusal changes nothing.
enum WorkCase {
    enum Action: Sendable {
        case signFor(step: String)
        case approve(step: String, note: String)
        /// 退回 to `stage` (0-based) from `step`.
        case returnTo(stage: Int, step: String, reason: String)
        case transfer(step: String, toUsername: String, reason: String)
        case addSigner(step: String, username: String, reason: String)
        case recall(reason: String)
        case requestMaterial(items: [String])
        case materialSupplied(note: String)
        case startSpecialProcedure(name: String, expectedDays: Int, reason: String)
        case endSpecialProcedure(note: String)
        case extend(days: Int, reason: String)
    }

    enum Outcome: Equatable {
        case done(CaseEvent)
        case invalid([FieldIssue])
        /// Not possible in the case's present state, with the reason.
        case refused(LocalizedMessage)
        case forbidden
        case notFound
    }

    /// Staff act under CasePolicy; the applicant only tells the department the material it
    /// asked for is uploaded.
    enum Who: Sendable {
        case staff(Actor)
        case applicant(accountID: UUID)
    }

    static func run(_ action: Action, caseID: UUID, who: Who, by caseActor: CaseActor, services: ZhengwuServices,
                    calendar: WorkingCalendar, app: Vapor.Application) async throws -> Outcome {
        if let issues = problems(with: action) { return .invalid(issues) }
        let now = services.clock.now()
        let today = LocalDate(now, in: calendar.timeZone)
        return try await app.write { db -> Outcome in
            guard let record = try await CaseLock.find(caseID, on: db), record.status != .draft else { return .notFound }
            let departments = try await DepartmentCodes.load(on: db)
            let participant: WorkflowRun.Participant
            switch who {
            case .staff(let actor):
                let subject = try await CaseScope.subject(of: record, on: db)
                guard CasePolicy.permits(actor, .view, on: subject) else { return .notFound }
                if let needed = requiredPermission(action), !CasePolicy.permits(actor, needed, on: subject) { return .forbidden }
                participant = departments.participant(actor)
            case .applicant(let accountID):
                guard record.applicantAccountID == accountID else { return .notFound }
                guard case .materialSupplied = action else { return .forbidden }
                participant = WorkflowRun.Participant(accountID: accountID.uuidString, roles: [], departmentCode: nil)
            }
            guard var review = record.review, record.status.isUnderReview else { return .refused(LocalizedMessage("case.not_allowed")) }
            let event: CaseEvent
            var note = ""
            var notice: CaseNotice?
            do {
                switch action {
                case .signFor(let step):
                    try review.apply(.signFor(step: step), by: participant, today: today)
                    (event, note) = (.stepSignedFor, stepName(step, review))
                case .approve(let step, let text):
                    try review.apply(.approve(step: step), by: participant, today: today)
                    (event, note) = (.stepApproved, joined(stepName(step, review), text))
                case .returnTo(let stage, let step, let reason):
                    try review.apply(.returnTo(stage: stage, from: step), by: participant, today: today)
                    let stageName = review.run.map { $0.definition.stages[stage].name } ?? ""
                    (event, note) = (.returned, joined("→ " + stageName, reason))
                case .transfer(let step, let username, let reason):
                    guard let target = try await StaffUsernames.accountIDs(for: [username], on: db)[username] else {
                        return .invalid([FieldIssue(field: "username", message: LocalizedMessage("review.unknown_person", ["name": username]))])
                    }
                    try review.apply(.transfer(step: step, to: target), by: participant, today: today)
                    (event, note) = (.transferred, joined("\(stepName(step, review)) → \(username)", reason))
                case .addSigner(let step, let username, let reason):
                    guard let target = try await StaffUsernames.accountIDs(for: [username], on: db)[username] else {
                        return .invalid([FieldIssue(field: "username", message: LocalizedMessage("review.unknown_person", ["name": username]))])
                    }
                    try review.apply(.addSigner(step: step, accountID: target), by: participant, today: today)
                    (event, note) = (.signerAdded, joined("\(stepName(step, review)) + \(username)", reason))
                case .recall(let reason):
                    try review.apply(.recall, by: participant, today: today)
                    (event, note) = (.recalled, reason)
                case .requestMaterial(let items):
                    try review.awaitMaterial(from: today)
                    event = .materialRequested
                    note = items.joined(separator: "\n")
                    notice = CaseNotice.draft(for: record, department: nil, issuedBy: caseActor.name, today: today, now: now)
                    notice?.kind = .materialRequest
                    notice?.body = note
                case .materialSupplied(let text):
                    try review.resume(on: today)
                    (event, note) = (.materialSupplied, text)
                case .startSpecialProcedure(let name, let days, let reason):
                    try review.startSpecialProcedure(name, expectedDays: days, on: today)
                    event = .specialProcedureStarted
                    note = joined("\(name)（\(days)）", reason)
                    notice = CaseNotice.draft(for: record, department: nil, issuedBy: caseActor.name, today: today, now: now)
                    notice?.kind = .specialProcedure
                    notice?.subject = name
                    notice?.days = days
                    notice?.body = reason
                case .endSpecialProcedure(let text):
                    guard review.specialProcedure != nil else { return .refused(LocalizedMessage("review.error.not_paused")) }
                    try review.resume(on: today)
                    (event, note) = (.specialProcedureEnded, text)
                case .extend(let days, let reason):
                    try review.extend(by: days)
                    event = .extended
                    note = joined("+\(days)", reason)
                    notice = CaseNotice.draft(for: record, department: nil, issuedBy: caseActor.name, today: today, now: now)
                    notice?.kind = .extension
                    notice?.days = days
                    notice?.body = reason
                }
            } catch let error as UserFacingError {
                return .refused(error.message)
            }
            // Pausing for material or a procedure is only for a case the department is reviewing;
            // resuming only from the matching pause.
            if event == .materialSupplied, record.status != .awaitingMaterial { return .refused(LocalizedMessage("review.error.not_paused")) }
            // Steps wait while the clock stands still: the case must be back under review first.
            guard let next = try? record.status.after(event) else { return .refused(LocalizedMessage("case.not_allowed")) }
            let dueBefore = record.decisionDueOn.flatMap(LocalDate.init(iso:))
            record.status = next
            try await record.store(review, departments: departments, calendar: calendar, today: today, on: db)
            record.updatedAt = now
            try await record.save(on: db)
            if let notice {
                let department = try await Department.find(record.departmentID, on: db)
                notice.departmentName = department?.name ?? ""
                notice.decisionDueOn = record.decisionDueOn
                notice.number = try await CaseNotice.nextNumber(kind: notice.kind, department: department, year: today.year,
                                                                localizer: services.localizer, on: db)
                try await notice.create(on: db)
            }
            try await CaseJournal(services: services).record(event, on: record, by: caseActor, note: note, now: now,
                                                             notify: tellsApplicant(event), on: db)
            switch event {
            case .returned:
                let returns = try await CaseTimelineEntry.query(on: db).filter(\.$applicationID == record.requireID())
                    .filter(\.$event == .returned).count()
                try await CaseFlag.raise(Anomaly.afterReturn(returns: returns), on: record, services: services, now: now, on: db)
            case .extended:
                try await CaseFlag.raise(dueBefore.flatMap { Anomaly.afterExtension(today: today, dueBefore: $0) }, on: record,
                                         services: services, now: now, on: db)
            default:
                break
            }
            return .done(event)
        }
    }

    /// Input problems, before anything is read: reasons where the law or the practice wants one.
    private static func problems(with action: Action) -> [FieldIssue]? {
        func required(_ field: String) -> [FieldIssue] { [FieldIssue(field: field, message: LocalizedMessage("form.required"))] }
        switch action {
        case .returnTo(_, _, let reason) where reason.isEmpty: return required("reason")
        case .transfer(_, let name, _) where name.isEmpty, .addSigner(_, let name, _) where name.isEmpty: return required("username")
        case .requestMaterial(let items) where items.isEmpty: return required("items")
        case .startSpecialProcedure(let name, _, _) where name.isEmpty: return required("procedure")
        case .startSpecialProcedure(_, _, let reason) where reason.isEmpty: return required("reason")
        case .extend(_, let reason) where reason.isEmpty: return required("reason")
        default: return nil
        }
    }

    private static func requiredPermission(_ action: Action) -> CasePolicy.Action? {
        switch action {
        case .requestMaterial, .materialSupplied, .startSpecialProcedure, .endSpecialProcedure: .manageReview
        case .extend: .extend
        // Steps: the workflow run decides who is assigned.
        case .signFor, .approve, .returnTo, .transfer, .addSigner, .recall: nil
        }
    }

    /// The applicant hears of what changes their wait; internal hand-overs stay internal.
    private static func tellsApplicant(_ event: CaseEvent) -> Bool {
        [.materialRequested, .specialProcedureStarted, .specialProcedureEnded, .extended].contains(event)
    }

    private static func stepName(_ key: String, _ review: CaseReview) -> String {
        review.run?.definition.step(key)?.step.name ?? key
    }

    private static func joined(_ head: String, _ text: String) -> String {
        text.isEmpty ? head : "\(head)：\(String(text.prefix(1000)))"
    }
}
