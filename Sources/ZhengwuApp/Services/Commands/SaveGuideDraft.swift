import Fluent
import Foundation
import ZhengwuCore

/// Saves a department's draft of a guide: a new item, or a new version of an existing one;
/// returns the item's id.
/// An open draft (or a returned one) is edited in place; otherwise a new version is started
/// from the text given. The public keeps seeing the published version until review.
enum SaveGuideDraft {
    struct Input: Sendable {
        /// Nil for a new item.
        let itemID: UUID?
        let guide: ServiceGuide
        let changeNote: String
    }

    static func run(_ input: Input, actor: Actor, actorName: String, now: Date, audit: AuditLog, auditActor: AuditActor,
                    on db: Database) async throws -> SaveOutcome<UUID> {
        guard let actorID = UUID(uuidString: actor.accountID), let departmentIDText = actor.departmentID,
              let departmentID = UUID(uuidString: departmentIDText) else { return .forbidden }
        let item: ServiceItem
        if let itemID = input.itemID {
            guard let existing = try await ServiceItem.find(itemID, on: db) else { return .notFound }
            item = existing
        } else {
            guard CataloguePolicy.mayCreateItems(actor) else { return .forbidden }
            item = ServiceItem(code: input.guide.code, departmentID: departmentID, name: input.guide.name)
        }
        guard CataloguePolicy.permits(actor, .edit, itemDepartmentID: item.departmentID.uuidString) else { return .forbidden }

        let knownCodes = Set(try await Department.query(on: db).all().map(\.code))
        var problems: [FieldProblem] = input.guide.problems(knownDepartmentCodes: knownCodes).map { ($0.field, $0.message) }
        if input.itemID != nil, input.guide.code != item.code {
            problems.append(("code", LocalizedMessage("guide.code_fixed")))
        } else if input.itemID == nil, try await ServiceItem.query(on: db).filter(\.$code == input.guide.code).count() > 0 {
            problems.append(("code", LocalizedMessage("guide.code_taken")))
        }
        guard problems.isEmpty else { return .invalid(problems) }

        if input.itemID == nil { try await item.create(on: db) }
        let itemID = try item.requireID()
        let open = try await ServiceItemRevision.query(on: db).filter(\.$itemID == itemID)
            .filter(\.$state ~~ [.draft, .returned]).first()
        let revision: ServiceItemRevision
        if let open {
            open.content = try ServiceItemRevision.encode(input.guide)
            open.state = .draft
            open.changeNote = input.changeNote
            open.authorID = actorID
            open.authorName = actorName
            try await open.update(on: db)
            revision = open
        } else {
            guard try await ServiceItemRevision.query(on: db).filter(\.$itemID == itemID)
                .filter(\.$state == .pendingReview).count() == 0 else {
                return .invalid([("change_note", LocalizedMessage("guide.review_pending"))])
            }
            let number = (try await ServiceItemRevision.query(on: db).filter(\.$itemID == itemID).max(\.$number) ?? 0) + 1
            revision = try ServiceItemRevision(itemID: itemID, number: number, guide: input.guide, author: actorID,
                                               authorName: actorName, changeNote: input.changeNote, now: now)
            try await revision.create(on: db)
        }
        try await audit.append(on: db, actor: auditActor, action: "catalogue.draft_saved", subject: "item:\(item.code)",
                               detail: ["version": String(revision.number)])
        return .saved(itemID)
    }
}
