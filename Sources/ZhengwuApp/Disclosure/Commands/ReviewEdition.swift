import Fluent
import Foundation
import ZhengwuCore

/// The review of an edition (编审发布): the writer submits it; a publisher who neither wrote nor
/// submitted it publishes it (now or at a set time) or rejects it back to draft with a comment.
/// In an emergency a publisher may publish alone; the page says so until another publisher
/// confirms it. Submitting and force-publishing both pass the banned-word check first.
enum ReviewEdition {
    enum Step: String, Sendable, CaseIterable {
        case submit, publish, reject, force, confirm
    }

    struct Input: Sendable {
        var step: Step
        var editionID: UUID
        var note: String
        /// For `publish`: a time in the future schedules it instead.
        var publishAt: Date?
    }

    enum Outcome {
        case done(EditionState)
        case forbidden
        case notFound
        /// The edition is not in a state where this step applies (e.g. published twice).
        case notAllowed
        case noteRequired
        case banned([BannedTerms.Finding])
    }

    static func run(_ input: Input, actor: Actor, actorName: String, now: Date, audit: AuditLog,
                    auditActor: AuditActor, on db: Database) async throws -> Outcome {
        guard let edition = try await PublicationEdition.find(input.editionID, on: db),
              let publication = try await Publication.find(edition.publicationID, on: db),
              let actorID = UUID(uuidString: actor.accountID) else { return .notFound }
        let organ = publication.organ
        guard DisclosurePolicy.permits(actor, .write, organ: organ) else { return .notFound }
        let reviewable = DisclosurePolicy.Action.publish(authorIDs: edition.editors,
                                                          submitterID: edition.submittedByID?.uuidString ?? "")
        var detail = ["edition": String(edition.number)]
        switch input.step {
        case .submit:
            guard edition.state == .draft, publication.status != .removed else { return .notAllowed }
            let findings = try await bannedFindings(in: edition, on: db)
            guard findings.isEmpty else { return .banned(findings) }
            edition.state = .submitted
            edition.submittedByID = actorID
            edition.submittedByName = actorName
            edition.submittedAt = now
            edition.reviewNote = ""
            try await edition.update(on: db)
        case .publish:
            guard DisclosurePolicy.permits(actor, reviewable, organ: organ) else { return .forbidden }
            guard edition.state == .submitted else { return .notAllowed }
            recordReview(edition, by: actorID, name: actorName, note: input.note, now: now)
            if let at = input.publishAt, at > now {
                edition.state = .scheduled
                edition.publishAt = at
                try await edition.update(on: db)
                detail["publish_at"] = DisplayTime.minute(at)
            } else {
                _ = try await PublishEdition.publish(edition, now: now, on: db)
            }
        case .reject:
            guard DisclosurePolicy.permits(actor, reviewable, organ: organ) else { return .forbidden }
            guard edition.state == .submitted || edition.state == .scheduled else { return .notAllowed }
            guard !input.note.isEmpty else { return .noteRequired }
            recordReview(edition, by: actorID, name: actorName, note: input.note, now: now)
            edition.state = .draft
            edition.publishAt = nil
            try await edition.update(on: db)
        case .force:
            guard DisclosurePolicy.permits(actor, .forcePublish, organ: organ) else { return .forbidden }
            guard edition.state == .draft || edition.state == .submitted, publication.status != .removed else { return .notAllowed }
            guard !input.note.isEmpty else { return .noteRequired }
            let findings = try await bannedFindings(in: edition, on: db)
            guard findings.isEmpty else { return .banned(findings) }
            if edition.submittedByID == nil {
                edition.submittedByID = actorID
                edition.submittedByName = actorName
                edition.submittedAt = now
            }
            recordReview(edition, by: actorID, name: actorName, note: "", now: now)
            edition.forced = true
            edition.forceReason = input.note
            _ = try await PublishEdition.publish(edition, now: now, on: db)
        case .confirm:
            guard edition.forced, edition.confirmedAt == nil, edition.state.isPublic else { return .notAllowed }
            guard DisclosurePolicy.permits(actor, .confirmForced(forcedByID: edition.reviewerID?.uuidString ?? ""), organ: organ) else {
                return .forbidden
            }
            edition.confirmedByName = actorName
            edition.confirmedAt = now
            try await edition.update(on: db)
        }
        if !input.note.isEmpty { detail["note"] = input.note }
        try await audit.append(on: db, actor: auditActor, action: "publication.\(input.step.rawValue)",
                               subject: "publication:\(edition.publicationID)", detail: detail)
        return .done(edition.state)
    }

    private static func recordReview(_ edition: PublicationEdition, by id: UUID, name: String, note: String, now: Date) {
        edition.reviewerID = id
        edition.reviewerName = name
        edition.reviewedAt = now
        edition.reviewNote = note
    }

    private static func bannedFindings(in edition: PublicationEdition, on db: Database) async throws -> [BannedTerms.Finding] {
        let names = try await PublicationAttachment.query(on: db).filter(\.$editionID == edition.requireID()).all().map(\.name)
        return BannedTerms.check(edition, attachmentNames: names, with: try await BannedTerms.finder(on: db))
    }
}
