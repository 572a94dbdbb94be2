import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// Publishes editions whose time has come. Exactly once, with any number of instances: each
/// edition is claimed by one conditional update (scheduled → published) inside the transaction
/// that publishes it, so a second instance finds nothing to claim; the lease only spares the
/// other instances the work of looking.
enum PublishScheduled {
    @discardableResult
    static func run(services: ZhengwuServices, app: Application, worker: String) async throws -> Int {
        let now = services.clock.now()
        guard try await JobLease.acquire("publish-scheduled", holder: worker, for: 120, now: now, on: app.db) else { return 0 }
        let due = try await PublicationEdition.query(on: app.db).filter(\.$state == .scheduled).filter(\.$publishAt <= now)
            .sort(\.$publishAt).all().compactMap(\.id)
        var published = 0
        for editionID in due {
            let claimed = try await app.write { db in
                try await publishIfStillScheduled(editionID, now: now, audit: services.audit, on: db)
            }
            if claimed { published += 1 }
        }
        return published
    }

    static func publishIfStillScheduled(_ editionID: UUID, now: Date, audit: AuditLog,
                                        on db: Database) async throws -> Bool {
        let claimed = try await (db as! SQLDatabase).raw("""
            UPDATE publication_editions SET state = 'published'
            WHERE id = \(bind: editionID) AND state = 'scheduled' RETURNING id
            """).first()
        guard claimed != nil, let edition = try await PublicationEdition.find(editionID, on: db) else { return false }
        let publication = try await PublishEdition.publish(edition, now: now, on: db)
        try await audit.append(on: db, actor: .system("scheduled publishing"), action: "publication.published_on_schedule",
                               subject: "publication:\(edition.publicationID)",
                               detail: ["edition": String(edition.number), "index": publication.indexNumber?.description ?? ""])
        return true
    }
}
