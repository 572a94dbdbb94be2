import Vapor
import Fluent
import Foundation
import ZhengwuCore

/// Adds or removes an attachment of a draft edition. Only drafts change: what was submitted is
/// what the publisher reviewed.
enum AttachToEdition {
    enum Outcome: Equatable {
        case done(publicationID: UUID)
        case forbidden
        case notFound
        case notAllowed
        case tooMany
    }

    static func add(editionID: UUID, bytes: [UInt8], name: String, type: AttachmentCheck.FileType, text: String, actor: Actor,
                    now: Date, audit: AuditLog, auditActor: AuditActor, on db: Database) async throws -> Outcome {
        let (outcome, edition) = try await draft(editionID, actor: actor, on: db)
        guard let edition else { return outcome }
        let existing = try await PublicationAttachment.query(on: db).filter(\.$editionID == editionID).all()
        guard existing.count < AttachmentCheck.maxPerEdition else { return .tooMany }
        let digest = SHA256.hash(data: bytes).lowercaseHex
        let file = StoredFile(bytes: Data(bytes), contentType: type.contentType, sha256: digest, createdAt: now)
        try await file.create(on: db)
        let shown = AttachmentCheck.displayName(name, type: type)
        try await PublicationAttachment(editionID: editionID, fileID: file.requireID(), name: shown, contentType: type.contentType,
                                        size: bytes.count, text: text, position: (existing.map(\.position).max() ?? 0) + 1).create(on: db)
        try await audit.append(on: db, actor: auditActor, action: "publication.attachment_added",
                               subject: "publication:\(edition.publicationID)", detail: ["name": shown, "sha256": digest])
        return .done(publicationID: edition.publicationID)
    }

    static func remove(editionID: UUID, attachmentID: UUID, actor: Actor, audit: AuditLog, auditActor: AuditActor,
                       on db: Database) async throws -> Outcome {
        let (outcome, edition) = try await draft(editionID, actor: actor, on: db)
        guard let edition else { return outcome }
        guard let attachment = try await PublicationAttachment.query(on: db).filter(\.$id == attachmentID)
            .filter(\.$editionID == editionID).first() else { return .notFound }
        try await attachment.delete(on: db)
        try await audit.append(on: db, actor: auditActor, action: "publication.attachment_removed",
                               subject: "publication:\(edition.publicationID)", detail: ["name": attachment.name])
        return .done(publicationID: edition.publicationID)
    }

    /// The edition if the actor may change its attachments now.
    private static func draft(_ editionID: UUID, actor: Actor, on db: Database) async throws -> (Outcome, PublicationEdition?) {
        guard let edition = try await PublicationEdition.find(editionID, on: db),
              let publication = try await Publication.find(edition.publicationID, on: db) else { return (.notFound, nil) }
        guard DisclosurePolicy.permits(actor, .write, organ: publication.organ) else { return (.forbidden, nil) }
        guard edition.state == .draft else { return (.notAllowed, nil) }
        return (.notFound, edition)
    }
}
