import Fluent
import Foundation
import ZhengwuCore

extension DemoCatalogue {
    /// Publishes every entry as version 1, drafted by the department's handler and approved by
    /// its head, as if it had gone through review.
    static func load(on db: Database, departmentIDs: [String: UUID], staffIDs: [String: (id: UUID, name: String)],
                     now: Date) async throws {
        for entry in entries {
            guard let departmentID = departmentIDs[entry.department] else { continue }
            let prefix = entry.department.lowercased()
            let author = staffIDs["\(prefix)-handler"]!
            let reviewer = staffIDs["\(prefix)-head"]!
            let item = ServiceItem(code: entry.guide.code, departmentID: departmentID, name: entry.guide.name)
            try await item.create(on: db)
            let revision = try ServiceItemRevision(itemID: try item.requireID(), number: 1, guide: entry.guide,
                                                   author: author.id, authorName: author.name, changeNote: "首次发布", now: now)
            revision.reviewerID = reviewer.id
            revision.reviewerName = reviewer.name
            revision.reviewedAt = now
            try await revision.create(on: db)
            try await PublishGuide.publish(revision, of: item, now: now, on: db)
        }
    }
}
