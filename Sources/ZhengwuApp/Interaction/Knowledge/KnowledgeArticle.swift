import Fluent
import Foundation
import ZhengwuCore

/// An answer in the 12345 knowledge base (知识库): kept by a department or the hotline office,
/// published after review by someone else, searched by operators during calls, and shown in
/// the public FAQ while valid.
final class KnowledgeArticle: Model, @unchecked Sendable {
    static let schema = "knowledge_articles"

    enum Status: String, Codable, CaseIterable {
        case draft, submitted, published, withdrawn
        var messageKey: String { "knowledge.status.\(rawValue)" }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "question") var question: String
    @Field(key: "answer") var answer: String
    @Field(key: "category_code") var categoryCode: String
    @Field(key: "department_id") var departmentID: UUID
    /// The last day the answer is known to be right; past it the article is flagged as stale.
    @Field(key: "valid_until") var validUntil: String
    @Enum(key: "status") var status: Status
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "reviewer_name") var reviewerName: String
    @Field(key: "review_note") var reviewNote: String
    /// Calls answered with it.
    @Field(key: "used_count") var usedCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    func isStale(today: LocalDate) -> Bool { validUntil < today.iso }
}
