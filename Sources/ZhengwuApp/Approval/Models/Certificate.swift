import Fluent
import Foundation
import ZhengwuCore

/// An electronic certificate (电子证照) the platform issued on a grant: the shared library that
/// later applications in any department draw on instead of asking for an upload (免提交).
/// The holder is matched by a keyed hash of their ID number or credit code, never the number.
/// `@unchecked Sendable`: see ServiceCase.
final class Certificate: Model, @unchecked Sendable {
    static let schema = "certificates"

    enum Status: String, Codable {
        case valid
        /// Replaced by a renewal (延续).
        case superseded
        case revoked
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "verification_code") var verificationCode: String
    /// What it is, e.g. 建设工程规划许可证; materials name the type they accept.
    @Field(key: "certificate_type") var certificateType: String
    @Field(key: "item_code") var itemCode: String
    @Field(key: "item_name") var itemName: String
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "department_name") var departmentName: String
    @Field(key: "region_code") var regionCode: String
    @Field(key: "holder_name") var holderName: String
    @Enum(key: "holder_kind") var holderKind: ApplicantKind
    @Field(key: "holder_index") var holderIndex: String
    @OptionalField(key: "holder_account_id") var holderAccountID: UUID?
    /// The licence's data fields (the application form's public values), as JSON pairs.
    @Field(key: "data") var data: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_until") var validUntil: String?
    @Enum(key: "status") var status: Status
    /// The certificate this one renewed.
    @OptionalField(key: "replaces_id") var replacesID: UUID?
    /// The 30-day expiry notice went out.
    @Field(key: "expiry_noticed") var expiryNoticed: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var term: CertificateTerm {
        CertificateTerm(validFrom: LocalDate(iso: validFrom)!, validUntil: validUntil.flatMap(LocalDate.init(iso:)))
    }

    var sealFacts: CertificateSeal.Facts {
        CertificateSeal.Facts(number: number, itemCode: itemCode, holderName: holderName,
                              issuedOn: LocalDate(iso: issuedOn)!, validUntil: validUntil.flatMap(LocalDate.init(iso:)))
    }

    /// The data fields in their order.
    var dataFields: [DataField] {
        (try? JSONDecoder().decode([DataField].self, from: Data(data.utf8))) ?? []
    }

    struct DataField: Codable, Equatable {
        let label: String
        let value: String
    }

    /// How pages name its state: superseded or revoked, else not yet valid, valid or expired.
    func state(today: LocalDate) -> String {
        status != .valid ? status.rawValue : term.status(today: today).rawValue
    }

    /// "2026-03-02 — 2028-03-01", with `noLimit` for a certificate without an end.
    func validity(noLimit: String) -> String {
        "\(validFrom) — \(validUntil ?? noLimit)"
    }

    /// Usable as a material today: not replaced, not revoked, within its dates.
    func isUsable(today: LocalDate) -> Bool {
        status == .valid && term.status(today: today) == .valid
    }
}

/// A workflow step open now, one row per person or role who may work it: what the to-do
/// lists (我的待办) read. Rewritten from the case's review after every operation.
/// `@unchecked Sendable`: see ServiceCase.
final class OpenStep: Model, @unchecked Sendable {
    static let schema = "open_steps"
    /// The row that stands for the decision once every step is done.
    static let decisionKey = "_decision"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "step_key") var stepKey: String
    @Field(key: "step_name") var stepName: String
    /// A named person (account id), or nil when whoever holds `role` in the department may.
    @OptionalField(key: "account_id") var accountID: String?
    @OptionalField(key: "role") var role: String?
    @OptionalField(key: "department_id") var departmentID: UUID?
    @OptionalField(key: "signed_for_by") var signedForBy: String?
    @Field(key: "due_on") var dueOn: String
    /// When the step's clock started; the warning rules measure the share used from it.
    @OptionalField(key: "started_on") var startedOn: String?

    init() {}
}
