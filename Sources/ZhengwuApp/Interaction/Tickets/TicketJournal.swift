import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Who acts on a ticket: staff, the caller through the portal, an Open311 client, or the platform.
enum TicketActor: Sendable {
    case staff(Actor, name: String)
    case caller
    case client(name: String)

    var name: String {
        switch self {
        case .staff(_, let name): name
        case .caller: "caller"
        case .client(let name): name
        }
    }
}

/// Writes what every step of a ticket leaves behind, in the caller's transaction: the history
/// entry, the audit record and, for steps the caller sees, their message (account and SMS) and
/// the messages of the callers whose tickets were merged into this one.
struct TicketJournal: Sendable {
    let services: ZhengwuServices

    func record(_ kind: String, on ticket: Ticket, by actor: TicketActor, note: String = "", department: UUID? = nil,
                shown: Bool, auditActor: AuditActor, now: Date, on db: Database) async throws {
        let sql = db as! SQLDatabase
        let ticketID = try ticket.requireID()
        try await sql.insertRow(into: TicketHistoryEntry.schema, [
            "id": UUID(), "ticket_id": ticketID, "at": now, "kind": kind, "actor_name": actor.name,
            "department_id": department, "note": note, "shown": shown,
        ])
        try await services.audit.append(on: db, actor: auditActor, action: "ticket.\(kind)", subject: "ticket:\(ticket.number)",
                                        detail: note.isEmpty ? [:] : ["note": String(note.prefix(500))])
        guard shown else { return }
        try await notify(kind, ticket: ticket, number: ticket.number, now: now, on: sql)
        // Callers of merged tickets follow the parent: they hear of its progress too.
        guard kind != "received" else { return }
        let children = try await Ticket.query(on: db).filter(\.$parentID == ticketID).all()
        for child in children { try await notify(kind, ticket: child, number: ticket.number, now: now, on: sql) }
    }

    /// The caller's message: in their account if they have one, by SMS if a phone is known.
    private func notify(_ kind: String, ticket: Ticket, number: String, now: Date, on sql: SQLDatabase) async throws {
        guard ticket.accountID != nil || !ticket.callerPhoneSealed.isEmpty else { return }
        // SMS goes out in Chinese, the language the gateway's templates are registered in.
        let text = services.localizer.text("sms.ticket.\(kind)", ["number": number], language: "zh-Hans")
        let message = Notification()
        message.accountID = ticket.accountID
        message.receiptNumber = ticket.number
        message.message = text
        message.phoneSealed = ticket.callerPhoneSealed
        message.delivery = ticket.callerPhoneSealed.isEmpty ? .none : .pending
        message.attempts = 0
        message.nextAttemptAt = now
        message.createdAt = now
        try await message.insertRow(on: sql)
    }
}

extension Ticket {
    func insertRow(on sql: SQLDatabase) async throws {
        try await sql.insertRow(into: Self.schema, [
            "id": id ?? UUID(), "number": number, "type": type.rawValue, "channel": channel.rawValue, "category_code": categoryCode,
            "status": status.rawValue, "content": content, "caller_name_sealed": callerNameSealed,
            "caller_phone_sealed": callerPhoneSealed, "caller_phone_index": callerPhoneIndex,
            "caller_email_sealed": callerEmailSealed, "access_code_index": accessCodeIndex, "public_text": publicText,
            "address": address, "latitude": latitude, "longitude": longitude,
            "consent_publish": consentToPublish, "account_id": accountID, "api_key_id": apiKeyID,
            "lead_department_id": leadDepartmentID, "dispatched_at": dispatchedAt, "dispatched_on": dispatchedOn,
            "sign_by": signBy, "signed_at": signedAt, "reply_by": replyBy, "extension_days": extensionDays,
            "pending_extension_days": pendingExtensionDays, "pending_extension_reason": pendingExtensionReason,
            "return_count": returnCount, "urge_count": urgeCount, "reply": reply, "replied_at": repliedAt,
            "replied_on_time": repliedOnTime, "closed_at": closedAt, "parent_id": parentID, "article_id": articleID,
            "recorded_by": recordedBy, "created_at": createdAt, "created_on": createdOn, "updated_at": updatedAt,
        ])
    }

    static func phoneIndex(_ phone: String, vault: PersonalDataVault) -> String {
        vault.index("ticket-phone:" + phone)
    }

    static func accessCodeIndex(_ code: String, vault: PersonalDataVault) -> String {
        vault.index("ticket-code:" + code.uppercased())
    }

    /// An anonymous ticket's tracking code: eight characters of the receipt alphabet (40 bits).
    static func makeAccessCode() -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        return String((0..<8).map { _ in alphabet.randomElement()! })
    }
}
