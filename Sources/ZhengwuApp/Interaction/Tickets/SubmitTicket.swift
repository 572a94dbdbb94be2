import Crypto
import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Takes a ticket in (受理), from any channel, through group commit: a busy hour of calls and
/// web messages shares durable commits, and nobody gets a ticket number before theirs is on disk.
enum SubmitTicket {
    struct Input: Sendable {
        var type: TicketType
        var channel: TicketChannel
        var categoryCode: String
        var content: String
        var name = ""
        var phone = ""
        var email = ""
        var address = ""
        var latitude: Double?
        var longitude: Double?
        var consentToPublish = false
        var accountID: UUID?
        var apiKeyID: UUID?
        var recordedBy: UUID?
        /// Checked photos (JPEG or PNG).
        var photos: [(bytes: Data, type: UploadCheck.FileType)] = []
        /// A consultation the operator answered from this knowledge-base article during the call.
        var answeredWith: UUID?
    }

    static let maxPhotos = 5

    /// The ticket, and for an anonymous web ticket the code that tracks it, shown once.
    static func run(_ input: Input, by actor: TicketActor, services: ZhengwuServices, auditActor: AuditActor,
                    now: Date) async throws -> (ticket: Ticket, accessCode: String?) {
        let today = LocalDate(now, in: WorkingCalendar.default.timeZone)
        let vault = services.vault
        let ticket = Ticket()
        ticket.type = input.type
        ticket.channel = input.channel
        ticket.categoryCode = input.categoryCode
        ticket.status = input.answeredWith == nil ? .received : .closed
        ticket.content = input.content
        ticket.callerNameSealed = input.name.isEmpty ? "" : vault.seal(input.name)
        ticket.callerPhoneSealed = input.phone.isEmpty ? "" : vault.seal(input.phone)
        ticket.callerPhoneIndex = input.phone.isEmpty ? "" : Ticket.phoneIndex(input.phone, vault: vault)
        ticket.callerEmailSealed = input.email.isEmpty ? "" : vault.seal(input.email)
        // Without a phone an anonymous caller needs another key; Open311 clients track through the API.
        let accessCode = input.name.isEmpty && input.phone.isEmpty && input.channel != .open311 ? Ticket.makeAccessCode() : nil
        ticket.accessCodeIndex = accessCode.map { Ticket.accessCodeIndex($0, vault: vault) } ?? ""
        ticket.address = input.address
        ticket.latitude = input.latitude
        ticket.longitude = input.longitude
        ticket.consentToPublish = input.consentToPublish
        ticket.accountID = input.accountID
        ticket.apiKeyID = input.apiKeyID
        ticket.recordedBy = input.recordedBy
        ticket.extensionDays = 0
        ticket.pendingExtensionReason = ""
        ticket.returnCount = 0
        ticket.urgeCount = 0
        ticket.reply = ""
        ticket.articleID = input.answeredWith
        ticket.createdAt = now
        ticket.createdOn = today.iso
        ticket.updatedAt = now
        let journal = TicketJournal(services: services)
        let stored = try await services.groupCommit.write { db in
            let sql = db as! SQLDatabase
            // Set afresh each time: a group commit may run this again after a clash.
            let ticketID = UUID()
            ticket.id = ticketID
            ticket.number = try await uniqueNumber(on: today, sql: sql)
            if let article = input.answeredWith {
                // The article's answer is the reply; the call ends with the ticket closed.
                guard let answer = try await KnowledgeArticle.find(article, on: db), answer.status == .published,
                      !answer.isStale(today: today) else {
                    throw AppError.conflict
                }
                ticket.reply = answer.answer
                ticket.repliedAt = now
                ticket.closedAt = now
                ticket.repliedOnTime = true
                ticket.preparePublication(vault: vault)
                try await sql.raw("UPDATE knowledge_articles SET used_count = used_count + 1 WHERE id = \(bind: article)").run()
            }
            try await ticket.insertRow(on: sql)
            for photo in input.photos {
                let stored = StoredFile(bytes: photo.bytes, contentType: photo.type.contentType,
                                        sha256: SHA256.hash(data: photo.bytes).lowercaseHex, createdAt: now)
                try await stored.create(on: db)
                try await sql.insertRow(into: TicketPhoto.schema, [
                    "id": UUID(), "ticket_id": ticketID, "file_id": try stored.requireID(), "content_type": photo.type.contentType,
                    "size": photo.bytes.count,
                ])
            }
            try await journal.record("received", on: ticket, by: actor, shown: true, auditActor: auditActor, now: now, on: db)
            if input.answeredWith != nil {
                try await journal.record("answer_on_spot", on: ticket, by: actor, shown: true, auditActor: auditActor, now: now, on: db)
            }
            return ticket
        }
        return (stored, accessCode)
    }

    /// A ReceiptNumber not yet used by a ticket; a clash inside one group commit is caught by the
    /// unique index and the group rerun write by write (GroupCommit).
    static func uniqueNumber(on today: LocalDate, sql: SQLDatabase) async throws -> String {
        while true {
            let candidate = ReceiptNumber.make(on: today).value
            if try await sql.raw("SELECT 1 AS taken FROM tickets WHERE number = \(bind: candidate)").first() == nil { return candidate }
        }
    }
}
