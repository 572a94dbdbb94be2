import Fluent
import Foundation
import ZhengwuCore

/// The review steps of a guide version: the author sends a draft for review; the head of the
/// department approves it (and it is published at once) or returns it with a note.
enum ReviewGuide {
    enum Step: String, Sendable {
        case submit, approve, giveBack = "return"
    }

    enum Outcome: Equatable {
        case done(GuideRevisionState)
        case forbidden
        case notFound
        /// The version is not in a state where this step applies (e.g. approved twice).
        case notAllowed
        case noteRequired
    }

    static func run(_ step: Step, revisionID: UUID, note: String, actor: Actor, now: Date, audit: AuditLog,
                    auditActor: AuditActor, on db: Database) async throws -> Outcome {
        guard let revision = try await ServiceItemRevision.find(revisionID, on: db),
              let item = try await ServiceItem.find(revision.itemID, on: db) else { return .notFound }
        let department = item.departmentID.uuidString
        switch step {
        case .submit:
            guard CataloguePolicy.permits(actor, .edit, itemDepartmentID: department) else { return .forbidden }
            guard revision.state.isEditable else { return .notAllowed }
            revision.state = .pendingReview
            try await revision.update(on: db)
        case .approve, .giveBack:
            guard CataloguePolicy.permits(actor, .review(authorID: revision.authorID.uuidString), itemDepartmentID: department) else {
                return .forbidden
            }
            guard revision.state == .pendingReview else { return .notAllowed }
            if step == .giveBack, note.isEmpty { return .noteRequired }
            revision.reviewerID = UUID(uuidString: actor.accountID)
            revision.reviewerName = auditActor.name
            revision.reviewNote = note
            revision.reviewedAt = now
            if step == .approve {
                try await PublishGuide.publish(revision, of: item, now: now, on: db)
            } else {
                revision.state = .returned
                try await revision.update(on: db)
            }
        }
        try await audit.append(on: db, actor: auditActor, action: "catalogue.\(step.rawValue)", subject: "item:\(item.code)",
                               detail: ["version": String(revision.number)].merging(note.isEmpty ? [:] : ["note": note]) { $1 })
        return .done(revision.state)
    }
}
