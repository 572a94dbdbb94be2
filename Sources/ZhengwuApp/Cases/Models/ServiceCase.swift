import Fluent
import Foundation
import ZhengwuCore

/// An application (办件), called a case in code to keep it apart from the web application. Identity numbers and phone numbers are sealed (AES-GCM) with keyed
/// hashes beside them, so progress look-ups can match without decrypting anything.
/// `@unchecked Sendable`: Fluent models are mutable classes; they never cross tasks here.
final class ServiceCase: Model, @unchecked Sendable {
    static let schema = "applications"

    enum Channel: String, Codable {
        case online
        /// 窗口: recorded by a clerk for someone who came in person.
        case window
    }

    @ID(key: .id) var id: UUID?
    /// 申报号; nil while the application is a draft.
    @OptionalField(key: "receipt_number") var receiptNumber: String?
    @Field(key: "item_id") var itemID: UUID
    /// The guide version applied under: its materials and time limits govern the case.
    @Field(key: "revision_id") var revisionID: UUID
    @Field(key: "item_code") var itemCode: String
    @Field(key: "item_name") var itemName: String
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "region_code") var regionCode: String
    @OptionalField(key: "applicant_account_id") var applicantAccountID: UUID?
    @Enum(key: "applicant_kind") var applicantKind: ApplicantKind
    @Field(key: "applicant_name") var applicantName: String
    /// ID number (person) or credit code (organisation), sealed.
    @Field(key: "applicant_id_sealed") var applicantIDSealed: String
    /// Keyed hash of the identity number's last six characters, for progress look-ups.
    @Field(key: "applicant_id_tail_index") var applicantIDTailIndex: String
    @Field(key: "applicant_phone_sealed") var applicantPhoneSealed: String
    @Field(key: "applicant_phone_index") var applicantPhoneIndex: String
    /// The form's values as JSON, checked against the revision's fields.
    @Field(key: "form_values") var formValues: String
    @Enum(key: "status") var status: CaseStatus
    @Enum(key: "channel") var channel: Channel
    /// 到现场次数: visits in person so far.
    @Field(key: "visits") var visits: Int
    @Field(key: "handling") var handling: String
    @Field(key: "promised_limit_days") var promisedLimitDays: Int
    @Field(key: "legal_limit_days") var legalLimitDays: Int
    @OptionalField(key: "received_at") var receivedAt: Date?
    /// The day the (latest complete) materials were received; the 5-day clock counts from it.
    @OptionalField(key: "received_on") var receivedOn: String?
    @OptionalField(key: "acceptance_due_on") var acceptanceDueOn: String?
    @OptionalField(key: "accepted_on") var acceptedOn: String?
    /// Accepted by operation of law (art. 32), not by a person.
    @Field(key: "deemed_accepted") var deemedAccepted: Bool
    @OptionalField(key: "decision_due_on") var decisionDueOn: String?
    /// The review of the accepted case (CaseReview as JSON): workflow, pauses, extensions.
    @OptionalField(key: "review") var reviewJSON: String?
    /// The legal limit's last day, kept beside the promised one (`decision_due_on`) for lists.
    @OptionalField(key: "legal_due_on") var legalDueOn: String?
    /// "granted" or "denied" once decided.
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    /// Which limit the decision kept: CaseDeadlines.Met.
    @OptionalField(key: "deadline_met") var deadlineMet: String?
    @OptionalField(key: "working_days_used") var workingDaysUsed: Int?
    /// 延续: the applicant's certificate this application renews, found at acceptance.
    @OptionalField(key: "renews_certificate_id") var renewsCertificateID: UUID?
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    /// The window (窗口) a walk-in case was recorded at.
    @OptionalField(key: "window_id") var windowID: UUID?
    /// Who decided the acceptance (经办人), as the timeline names actors ("account:<id>").
    @OptionalField(key: "handled_by") var handledBy: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// The form's values, with identity and phone numbers opened again.
    func values(of fields: [FormField], vault: PersonalDataVault) -> [String: String] {
        var values = (try? JSONDecoder().decode([String: String].self, from: Data(formValues.utf8))) ?? [:]
        for field in fields where field.kind.isPersonalData {
            if let stored = values[field.key], stored.hasPrefix(Self.sealedPrefix) {
                values[field.key] = (try? vault.open(String(stored.dropFirst(Self.sealedPrefix.count)))) ?? ""
            }
        }
        return values
    }

    /// Stores a form's values; ID numbers, credit codes and phone numbers in it are sealed like
    /// the applicant's own (identity.md: encrypted at rest).
    static func encode(_ values: [String: String], fields: [FormField], vault: PersonalDataVault) throws -> String {
        var stored = values
        for field in fields where field.kind.isPersonalData {
            if let value = values[field.key] { stored[field.key] = sealedPrefix + vault.seal(value) }
        }
        return String(decoding: try JSONEncoder.sorted.encode(stored), as: UTF8.self)
    }

    private static let sealedPrefix = "sealed:"

    var localReceivedOn: LocalDate? { receivedOn.flatMap(LocalDate.init(iso:)) }
}
