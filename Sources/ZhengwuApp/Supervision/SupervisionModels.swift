import Fluent
import Foundation
import ZhengwuCore

/// A warning raised on one clock (a step, or the case's own: `DeadlineAlert.caseKey`) at one
/// level for one due date. The unique row is what makes the notice exactly-once: an extension
/// moves the due date, so the same level can be raised again for the new date.
/// `@unchecked Sendable`: see ServiceCase.
final class DeadlineAlert: Model, @unchecked Sendable {
    static let schema = "deadline_alerts"
    static let caseKey = "_case"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "step_key") var stepKey: String
    @Enum(key: "level") var level: WarningLevel
    @Field(key: "due_on") var dueOn: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A notice to staff on the workbench (提醒): to one person, or to whoever holds a role in a
/// department. `@unchecked Sendable`: see ServiceCase.
final class StaffNotice: Model, @unchecked Sendable {
    static let schema = "staff_notices"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "account_id") var accountID: String?
    @OptionalField(key: "department_id") var departmentID: UUID?
    @OptionalField(key: "role") var role: String?
    @OptionalField(key: "application_id") var applicationID: UUID?
    /// "yellow", "red" (the watch), "urge" (催办), "supervision" (督办).
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// 督办: a supervisor's formal demand that the lead department answer by a date. An answer
/// not given by then is overdue itself, and flagged. `@unchecked Sendable`: see ServiceCase.
final class Supervision: Model, @unchecked Sendable {
    static let schema = "supervisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "opened_by") var openedBy: String
    @Field(key: "opened_by_name") var openedByName: String
    @Field(key: "reason") var reason: String
    @Field(key: "answer_due_on") var answerDueOn: String
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_by_name") var answeredByName: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}

    /// Unanswered past its date.
    func isOverdue(today: LocalDate) -> Bool {
        answeredAt == nil && today.iso > answerDueOn
    }
}

/// An anomaly flag on a case (异常提示), once per kind, with its explanation in Chinese as
/// it stood when raised. `@unchecked Sendable`: see ServiceCase.
final class CaseFlag: Model, @unchecked Sendable {
    static let schema = "case_flags"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    /// The case's region, so a supervisor's list reads its own region's flags.
    @Field(key: "region_code") var regionCode: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// Raises `anomaly` on the case unless that kind is already raised, in the caller's transaction.
    static func raise(_ anomaly: Anomaly?, on record: ServiceCase, services: ZhengwuServices, now: Date, on db: Database) async throws {
        guard let anomaly else { return }
        let caseID = try record.requireID()
        let raised = try await CaseFlag.query(on: db).filter(\.$applicationID == caseID).filter(\.$kind == anomaly.kind).count()
        guard raised == 0 else { return }
        let flag = CaseFlag()
        flag.applicationID = caseID
        flag.kind = anomaly.kind
        flag.text = services.localizer.text(anomaly.message, language: "zh-Hans")
        flag.regionCode = record.regionCode
        flag.createdAt = now
        try await flag.create(on: db)
    }
}
