import Fluent
import Foundation
import ZhengwuCore

/// A 12345 ticket (工单): a call, a web or mailbox message, or an Open311 report. The closed
/// loop's rules (TicketStatus, TicketDeadlines) live in ZhengwuCore; these columns are what
/// the queues, the public list and the weekly report read.
/// `@unchecked Sendable`: Fluent models are mutable classes; they never cross tasks here.
final class Ticket: Model, @unchecked Sendable {
    static let schema = "tickets"

    @ID(key: .id) var id: UUID?
    /// 工单号, a ReceiptNumber: dated, random, with a check character; quoted with the phone to track.
    @Field(key: "number") var number: String
    @Enum(key: "type") var type: TicketType
    @Enum(key: "channel") var channel: TicketChannel
    @Field(key: "category_code") var categoryCode: String
    @Enum(key: "status") var status: TicketStatus
    @Field(key: "content") var content: String
    /// "" for an anonymous caller or writer.
    @Field(key: "caller_name_sealed") var callerNameSealed: String
    @Field(key: "caller_phone_sealed") var callerPhoneSealed: String
    /// Keyed hash of the phone, so tracking by number and phone needs no decryption.
    @Field(key: "caller_phone_index") var callerPhoneIndex: String
    @Field(key: "caller_email_sealed") var callerEmailSealed: String
    /// An anonymous web ticket's key for tracking (a code shown once on its receipt), hashed;
    /// "" when the caller gave a phone.
    @Field(key: "access_code_index") var accessCodeIndex: String
    /// The text the public list shows and searches: content and reply with personal data masked,
    /// written when a consenting caller's ticket closes; nil otherwise.
    @OptionalField(key: "public_text") var publicText: String?
    @Field(key: "address") var address: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// The caller agreed that the reply may be published (masked).
    @Field(key: "consent_publish") var consentToPublish: Bool
    @OptionalField(key: "account_id") var accountID: UUID?
    /// The Open311 client that filed it.
    @OptionalField(key: "api_key_id") var apiKeyID: UUID?
    @OptionalField(key: "lead_department_id") var leadDepartmentID: UUID?
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    @OptionalField(key: "dispatched_on") var dispatchedOn: String?
    @OptionalField(key: "sign_by") var signBy: Date?
    @OptionalField(key: "signed_at") var signedAt: Date?
    /// The reply's last day, moved by approved extensions.
    @OptionalField(key: "reply_by") var replyBy: String?
    @Field(key: "extension_days") var extensionDays: Int
    @OptionalField(key: "pending_extension_days") var pendingExtensionDays: Int?
    @Field(key: "pending_extension_reason") var pendingExtensionReason: String
    @Field(key: "return_count") var returnCount: Int
    @Field(key: "urge_count") var urgeCount: Int
    @Field(key: "reply") var reply: String
    @OptionalField(key: "replied_at") var repliedAt: Date?
    @OptionalField(key: "replied_on_time") var repliedOnTime: Bool?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// The open ticket this one was merged into (并单).
    @OptionalField(key: "parent_id") var parentID: UUID?
    /// The knowledge-base article that answered a consultation on the spot.
    @OptionalField(key: "article_id") var articleID: UUID?
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_on") var createdOn: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// The first characters of the content, as lists show it.
    var summary: String { content.count > 40 ? String(content.prefix(40)) + "…" : content }
    var isAnonymous: Bool { callerNameSealed.isEmpty && callerPhoneSealed.isEmpty }

    /// Fills `publicText` for a consenting caller's closed ticket, masked as every public view is.
    func preparePublication(vault: PersonalDataVault) {
        guard consentToPublish, status == .closed, parentID == nil, !reply.isEmpty else { return }
        let name = callerNameSealed.isEmpty ? "" : ((try? vault.open(callerNameSealed)) ?? "")
        publicText = PublicTextMasking.mask(content + "\n" + reply, names: [name], addresses: [address])
    }
}

/// One step in a ticket's history. `shown` entries are the caller's to see when they track it.
final class TicketHistoryEntry: Model, @unchecked Sendable {
    static let schema = "ticket_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "kind") var kind: String
    @Field(key: "actor_name") var actorName: String
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Field(key: "note") var note: String
    @Field(key: "shown") var shown: Bool

    init() {}
}

/// A department a ticket is dispatched to, as lead (主办) or helper (协办). Open tickets and their
/// reply day are copied here so a department's queue is one index range, however many closed
/// tickets the years have piled up.
final class TicketDepartment: Model, @unchecked Sendable {
    static let schema = "ticket_departments"

    enum Role: String, Codable {
        case lead, helper
        var messageKey: String { "ticket.role.\(rawValue)" }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "department_id") var departmentID: UUID
    @Enum(key: "role") var role: Role
    @Field(key: "open") var open: Bool
    @OptionalField(key: "reply_by") var replyBy: String?

    init() {}
}

/// A photo sent with a ticket, checked like an application's material.
final class TicketPhoto: Model, @unchecked Sendable {
    static let schema = "ticket_photos"

    @ID(key: .id) var id: UUID?
    @Field(key: "ticket_id") var ticketID: UUID
    @Field(key: "file_id") var fileID: UUID
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int

    init() {}
}
