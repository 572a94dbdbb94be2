import Fluent
import Foundation
import ZhengwuCore

/// A request for government information (依申请公开), addressed to one organ. The statutory
/// clock is kept whole as JSON (DisclosureClock), so every rule of art. 30–33 is decided in
/// ZhengwuCore; the columns beside it are what lists, the board and the annual report read.
/// `@unchecked Sendable`: Fluent models are mutable classes; they never cross tasks here.
final class InformationRequest: Model, @unchecked Sendable {
    static let schema = "information_requests"

    /// How the request came in; it fixes the day of receipt (art. 31).
    enum Channel: String, Codable, CaseIterable {
        /// Online, received the day it is submitted (the platform confirms at once).
        case online
        /// Handed in at the office, received that day.
        case inPerson = "in_person"
        /// By letter, received the day the organ signs for it.
        case post
        var messageKey: String { "request.channel.\(rawValue)" }
    }

    /// The form the applicant wants the information in.
    enum Format: String, Codable, CaseIterable {
        case electronic, paper
        var messageKey: String { "request.format.\(rawValue)" }
    }

    enum Status: String, Codable, CaseIterable {
        case open, closed
        var messageKey: String { "request.status.\(rawValue)" }
    }

    @ID(key: .id) var id: UUID?
    /// 申请编号, e.g. MZJ-2026-0007: the organ's code, the year of receipt and a running number.
    @Field(key: "number") var number: String
    @Field(key: "organ_id") var organID: UUID
    @Field(key: "organ_code") var organCode: String
    @Field(key: "region_code") var regionCode: String
    /// The portal account that asked; nil for a request recorded by staff from paper.
    @OptionalField(key: "applicant_account_id") var applicantAccountID: UUID?
    @Enum(key: "applicant_type") var applicantType: ApplicantType
    @Field(key: "applicant_name") var applicantName: String
    /// ID number (person) or credit code (organisation), sealed; "" when not given.
    @Field(key: "applicant_id_sealed") var applicantIDSealed: String
    @Field(key: "applicant_phone_sealed") var applicantPhoneSealed: String
    /// Postal address for paper replies, sealed; "" when not given.
    @Field(key: "applicant_address_sealed") var applicantAddressSealed: String
    /// What information is asked for (所需政府信息的名称、文号或者便于查询的其他特征性描述).
    @Field(key: "description") var description: String
    @Enum(key: "format") var format: Format
    @Enum(key: "channel") var channel: Channel
    @Field(key: "received_on") var receivedOn: String
    /// DisclosureClock as JSON.
    @Field(key: "clock") var clockJSON: String
    @Enum(key: "status") var status: Status
    /// The answer's due date as last computed, for lists and the board; the clock decides.
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "outcome") var outcome: DisclosureOutcome?
    @OptionalField(key: "closed_on") var closedOn: String?
    /// An extension asked for by a handler, waiting for the head's approval.
    @OptionalField(key: "pending_extension_days") var pendingExtensionDays: Int?
    @Field(key: "pending_extension_reason") var pendingExtensionReason: String
    @OptionalField(key: "pending_extension_by") var pendingExtensionBy: UUID?
    /// The fee noticed (信息处理费), in whole 元.
    @OptionalField(key: "fee_yuan") var feeYuan: Int?
    /// The applicant's correction (补正) as they wrote it.
    @Field(key: "correction_text") var correctionText: String
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var organ: DisclosurePolicy.Organ { .init(id: organID.uuidString, regionCode: regionCode) }

    var clock: DisclosureClock {
        get throws { try JSONDecoder().decode(DisclosureClock.self, from: Data(clockJSON.utf8)) }
    }

    func store(_ clock: DisclosureClock, calendar: WorkingCalendar, today: LocalDate) throws {
        clockJSON = String(decoding: try JSONEncoder.sorted.encode(clock), as: UTF8.self)
        dueOn = clock.due(today: today, calendar: calendar)?.iso
    }
}

/// One step in a request's history. `shown` entries are the applicant's to see too; the rest
/// (the head's approval, internal notes) stay in the workbench.
final class InformationRequestEvent: Model, @unchecked Sendable {
    static let schema = "information_request_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "kind") var kind: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "note") var note: String
    @Field(key: "shown") var shown: Bool

    init() {}

    init(requestID: UUID, at: Date, kind: String, actorName: String, note: String, shown: Bool) {
        self.requestID = requestID
        self.at = at
        self.kind = kind
        self.actorName = actorName
        self.note = note
        self.shown = shown
    }
}

/// A numbered, dated letter to the applicant: the correction notice (补正告知书), the extension
/// notice (延期答复告知书), the fee notice (收费通知书) and the reply (答复书). What it states is
/// copied in when issued, so later changes to the request never alter an issued letter.
final class InformationRequestLetter: Model, @unchecked Sendable {
    static let schema = "information_request_letters"

    enum Kind: String, Codable, CaseIterable {
        case correction, `extension`, fee, reply
        var messageKey: String { "request_letter.\(rawValue)" }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Enum(key: "kind") var kind: Kind
    /// e.g. 民政局依申复〔2026〕第0003号.
    @Field(key: "number") var number: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "organ_name") var organName: String
    /// Free text: what to correct, why the extension, the reply's reasons.
    @Field(key: "body") var body: String
    /// The date the letter names: correct by, the new due date, pay by.
    @OptionalField(key: "date") var date: String?
    /// Extension days or fee in 元.
    @OptionalField(key: "amount") var amount: Int?
    @OptionalField(key: "outcome") var outcome: DisclosureOutcome?
    @Field(key: "issued_by") var issuedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A document handed over with the reply, checked like a publication's attachment.
final class InformationRequestDocument: Model, @unchecked Sendable {
    static let schema = "information_request_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "file_id") var fileID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
