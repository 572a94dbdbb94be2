import Fluent
import Foundation
import ZhengwuCore

/// Writes a draft: a new publication with its first edition, or changes to a publication. Changes
/// go into the open draft edition if there is one, else into a new edition (the published one is
/// never edited in place). While an edition waits for review or for its time, nothing new is
/// started: the publisher decides first.
enum SavePublicationDraft {
    struct Input: Sendable {
        /// nil for a new publication, which then belongs to `organID`.
        var publicationID: UUID?
        var organID: UUID?
        var metadata: PublicationMetadata
        var body: String
        var changeNote: String
    }

    enum Outcome: Equatable {
        case saved(publicationID: UUID)
        case forbidden
        case notFound
        /// An edition is with the publisher, or the publication was removed.
        case busy
    }

    static func run(_ input: Input, actor: Actor, actorName: String, now: Date, audit: AuditLog, auditActor: AuditActor,
                    on db: Database) async throws -> Outcome {
        guard let actorID = UUID(uuidString: actor.accountID) else { return .forbidden }
        let publication: Publication
        if let id = input.publicationID {
            guard let found = try await Publication.find(id, on: db) else { return .notFound }
            publication = found
        } else {
            guard let organID = input.organID, let organ = try await Department.find(organID, on: db) else { return .notFound }
            publication = try Publication(organ: organ, metadata: input.metadata, now: now)
        }
        guard DisclosurePolicy.permits(actor, .write, organ: publication.organ) else { return .forbidden }
        guard publication.status != .removed else { return .busy }
        if publication.id == nil { try await publication.create(on: db) }
        let publicationID = try publication.requireID()

        let editions = try await PublicationEdition.query(on: db).filter(\.$publicationID == publicationID).all()
        if editions.contains(where: { $0.state == .submitted || $0.state == .scheduled }) { return .busy }
        let edition: PublicationEdition
        if let draft = editions.first(where: { $0.state == .draft }) {
            draft.apply(input.metadata)
            draft.body = input.body
            draft.changeNote = input.changeNote
            draft.noteEditor(actorID)
            try await draft.update(on: db)
            edition = draft
        } else {
            edition = PublicationEdition(publicationID: publicationID, number: (editions.map(\.number).max() ?? 0) + 1,
                                         metadata: input.metadata, body: input.body, changeNote: input.changeNote,
                                         author: actorID, authorName: actorName, now: now)
            try await edition.create(on: db)
            // A new edition starts with the attachments of the one it replaces.
            if let currentID = publication.currentEditionID {
                let kept = try await PublicationAttachment.query(on: db).filter(\.$editionID == currentID).all()
                for attachment in kept {
                    try await PublicationAttachment(editionID: edition.requireID(), fileID: attachment.fileID, name: attachment.name,
                                                    contentType: attachment.contentType, size: attachment.size, text: attachment.text,
                                                    position: attachment.position).create(on: db)
                }
            }
        }
        if publication.status == .unpublished {
            publication.apply(input.metadata)
            try await publication.update(on: db)
        }
        try await audit.append(on: db, actor: auditActor, action: "publication.draft_saved", subject: "publication:\(publicationID)",
                               detail: ["edition": String(edition.number), "title": input.metadata.title])
        return .saved(publicationID: publicationID)
    }
}
