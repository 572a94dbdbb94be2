import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// What a publisher does to a published document afterwards: withdraw it (the page stays, with
/// the reason), remove it (the page answers 410 Gone with a note), or record that a rule or
/// normative document has expired or been repealed (or is valid again), from a date and why.
enum ManagePublication {
    enum Change: Sendable {
        case withdraw(reason: String)
        case remove(note: String)
        case validity(PublicationValidity, since: LocalDate, note: String)
    }

    enum Outcome: Equatable {
        case done
        case forbidden
        case notFound
        case notAllowed
        case noteRequired
    }

    static func run(_ change: Change, publicationID: UUID, actor: Actor, now: Date, audit: AuditLog, auditActor: AuditActor,
                    on db: Database) async throws -> Outcome {
        guard let publication = try await Publication.find(publicationID, on: db) else { return .notFound }
        guard DisclosurePolicy.permits(actor, .manage, organ: publication.organ) else { return .forbidden }
        let action: String
        var detail: [String: String] = [:]
        switch change {
        case .withdraw(let reason):
            guard publication.status == .live else { return .notAllowed }
            guard !reason.isEmpty else { return .noteRequired }
            publication.status = .withdrawn
            publication.statusNote = reason
            action = "withdraw"
            detail["reason"] = reason
        case .remove(let note):
            guard publication.status == .live || publication.status == .withdrawn else { return .notAllowed }
            guard !note.isEmpty else { return .noteRequired }
            publication.status = .removed
            publication.statusNote = note
            // Gone from search at once; the editions stay in the database for the record.
            try await PublicationSearch.remove(publicationID: publicationID, on: db)
            action = "remove"
            detail["note"] = note
        case .validity(let validity, let since, let note):
            guard publication.validity != nil, publication.status != .removed else { return .notAllowed }
            guard validity == .valid || !note.isEmpty else { return .noteRequired }
            publication.validity = validity
            publication.validitySince = since.iso
            publication.validityNote = note
            action = "validity"
            detail = ["validity": validity.rawValue, "since": since.iso, "note": note]
        }
        if case .validity = change {} else { publication.statusChangedAt = now }
        try await publication.update(on: db)
        try await audit.append(on: db, actor: auditActor, action: "publication.\(action)", subject: "publication:\(publicationID)",
                               detail: detail)
        return .done
    }
}
