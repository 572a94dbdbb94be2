import Fluent
import Foundation
import ZhengwuCore

/// A department taking part in a case: the lead (牵头) department or a joint-handling partner.
/// Staff case queries join on this table, so "my department's cases" is one indexed look-up.
/// `@unchecked Sendable`: see ServiceCase.
final class CaseDepartment: Model, @unchecked Sendable {
    static let schema = "case_departments"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "is_lead") var isLead: Bool

    init() {}

    init(applicationID: UUID, departmentID: UUID, isLead: Bool) {
        self.applicationID = applicationID
        self.departmentID = departmentID
        self.isLead = isLead
    }
}

/// One line of a case's timeline: who did what, when and why.
/// `@unchecked Sendable`: see ServiceCase.
final class CaseTimelineEntry: Model, @unchecked Sendable {
    static let schema = "case_timeline"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "at") var at: Date
    @Enum(key: "event") var event: CaseEvent
    /// "applicant", "system" or "account:<uuid>".
    @Field(key: "actor_id") var actorID: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "note") var note: String

    init() {}

    init(applicationID: UUID, at: Date, event: CaseEvent, actorID: String, actorName: String, note: String = "") {
        self.applicationID = applicationID
        self.at = at
        self.event = event
        self.actorID = actorID
        self.actorName = actorName
        self.note = note
    }
}

/// A material handed in for a case: an uploaded file or a reference to a certificate the
/// platform issued (电子证照), which the certificate library of the approval stage resolves.
/// `@unchecked Sendable`: see ServiceCase.
final class CaseMaterial: Model, @unchecked Sendable {
    static let schema = "case_materials"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "material_key") var materialKey: String
    @OptionalField(key: "file_id") var fileID: UUID?
    @OptionalField(key: "certificate_reference") var certificateReference: String?
    @Field(key: "display_name") var displayName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "added_at") var addedAt: Date

    init() {}
}

/// The bytes of an upload. Kept in the database so every instance behind a load balancer
/// sees them and a backup holds them; the id is random and the file is only ever served
/// through a route that checks who is asking.
/// `@unchecked Sendable`: see ServiceCase.
final class StoredFile: Model, @unchecked Sendable {
    static let schema = "stored_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "bytes") var bytes: Data
    @Field(key: "content_type") var contentType: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(bytes: Data, contentType: String, sha256: String, createdAt: Date) {
        self.bytes = bytes
        self.contentType = contentType
        self.sha256 = sha256
        self.createdAt = createdAt
    }
}

/// A written notice (受理通知书 / 补正告知书 / 不予受理通知书), dated and numbered, which the
/// applicant can see and print.
/// `@unchecked Sendable`: see ServiceCase.
final class CaseNotice: Model, @unchecked Sendable {
    static let schema = "case_notices"

    enum Kind: String, Codable, CaseIterable {
        case acceptance, correction, refusal
        /// 补充材料通知书 during review (the clock stops).
        case materialRequest = "material_request"
        /// 特别程序告知书: which procedure and how long it should take (art. 45).
        case specialProcedure = "special_procedure"
        /// 延期通知书 with the reason and the new date (art. 42).
        case `extension`
        /// 准予行政许可决定书 / 不予行政许可决定书.
        case grant, denial
        var messageKey: String { "notice.\(rawValue)" }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Enum(key: "kind") var kind: Kind
    /// 文书编号, e.g. 新龙受字〔2026〕第0012号.
    @Field(key: "number") var number: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "department_name") var departmentName: String
    /// Corrections requested (one per line), or the refusal's reason.
    @Field(key: "body") var body: String
    /// For a refusal outside this department's remit: where to go instead.
    @Field(key: "referral") var referral: String
    @Field(key: "issued_by") var issuedBy: String
    /// The facts the notice states, as they were when it was issued (a later resubmission
    /// changes the case, never an issued notice).
    @Field(key: "received_on") var receivedOn: String
    @OptionalField(key: "decision_due_on") var decisionDueOn: String?
    /// The special procedure's name, or the certificate a grant issued.
    @OptionalField(key: "subject") var subject: String?
    /// Working days: a special procedure's expected length, or an extension.
    @OptionalField(key: "days") var days: Int?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A message to an applicant: shown in their account and sent by SMS through the outbox.
/// Written in the same transaction as the change it reports, so none is ever lost; a sender
/// delivers pending ones and retries failures.
/// `@unchecked Sendable`: see ServiceCase.
final class Notification: Model, @unchecked Sendable {
    static let schema = "notifications"

    enum Delivery: String, Codable {
        case pending, sent, failed
        /// Nothing to send to (no phone number).
        case none
    }

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "account_id") var accountID: UUID?
    @OptionalField(key: "application_id") var applicationID: UUID?
    @Field(key: "receipt_number") var receiptNumber: String
    @Field(key: "message") var message: String
    @Field(key: "phone_sealed") var phoneSealed: String
    @Enum(key: "delivery") var delivery: Delivery
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}
