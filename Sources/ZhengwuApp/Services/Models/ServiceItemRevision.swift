import Fluent
import Foundation
import ZhengwuCore

/// One version of an item's guide, with who wrote it and who reviewed it. Versions are never
/// deleted: the published one is what the public sees, older ones are its history.
/// `@unchecked Sendable`: see ServiceItem.
final class ServiceItemRevision: Model, @unchecked Sendable {
    static let schema = "service_item_revisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "number") var number: Int
    @Enum(key: "state") var state: GuideRevisionState
    /// The whole guide as JSON (ServiceGuide), so every version keeps every element.
    @Field(key: "content") var content: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @OptionalField(key: "reviewer_id") var reviewerID: UUID?
    @OptionalField(key: "reviewer_name") var reviewerName: String?
    @Field(key: "review_note") var reviewNote: String
    @Field(key: "change_note") var changeNote: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}

    init(itemID: UUID, number: Int, guide: ServiceGuide, author: UUID, authorName: String, changeNote: String, now: Date) throws {
        self.itemID = itemID
        self.number = number
        self.state = .draft
        self.content = try Self.encode(guide)
        self.authorID = author
        self.authorName = authorName
        self.reviewNote = ""
        self.changeNote = changeNote
        self.createdAt = now
    }

    var guide: ServiceGuide {
        get throws { try JSONDecoder().decode(ServiceGuide.self, from: Data(content.utf8)) }
    }

    static func encode(_ guide: ServiceGuide) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(guide), as: UTF8.self)
    }
}
