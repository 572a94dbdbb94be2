import Fluent
import Foundation
import ZhengwuCore

/// Makes a revision the public version of its item: the previous published version becomes
/// history, the listing columns and the search index follow. Runs inside the caller's transaction.
enum PublishGuide {
    static func publish(_ revision: ServiceItemRevision, of item: ServiceItem, now: Date, on db: Database) async throws {
        let guide = try revision.guide
        if let previous = item.publishedRevisionID, previous != revision.id,
           let old = try await ServiceItemRevision.find(previous, on: db) {
            old.state = .superseded
            try await old.update(on: db)
        }
        revision.state = .published
        revision.publishedAt = now
        try await revision.update(on: db)
        let department = try await Department.find(item.departmentID, on: db)
        item.show(guide, departmentName: department?.name ?? "")
        item.publishedRevisionID = try revision.requireID()
        try await item.update(on: db)
        try await CatalogueSearchIndex.index(itemID: try item.requireID(), guide: guide,
                                             departmentName: department?.name ?? "", on: db)
    }
}
