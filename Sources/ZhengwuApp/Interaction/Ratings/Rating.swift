import Fluent
import Foundation
import ZhengwuCore

/// A 好差评 rating of a concluded application or a closed ticket, once per subject, by its owner
/// online, by the applicant at the window's rating page, or given during the follow-up call.
final class Rating: Model, @unchecked Sendable {
    static let schema = "ratings"

    enum Subject: String, Codable {
        /// An application (办件), rated against its service item.
        case application
        /// A 12345 ticket, rated against its category.
        case ticket
    }

    enum Channel: String, Codable, CaseIterable {
        case online, window, followUp = "follow_up"
        var messageKey: String { "rating.channel.\(rawValue)" }
    }

    @ID(key: .id) var id: UUID?
    @Enum(key: "subject") var subject: Subject
    @Field(key: "subject_id") var subjectID: UUID
    /// The receipt or ticket number, for lists and the audit trail.
    @Field(key: "subject_number") var subjectNumber: String
    @Field(key: "department_id") var departmentID: UUID
    /// The service item's code or the ticket category's code; figures are per service.
    @Field(key: "service_code") var serviceCode: String
    @Field(key: "service_name") var serviceName: String
    @Field(key: "level") var level: Int
    @Field(key: "comment") var comment: String
    @Enum(key: "channel") var channel: Channel
    /// A rating from someone who can be called back (signed in or with a phone on record).
    @Field(key: "named") var named: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_on") var createdOn: String

    init() {}

    var satisfaction: SatisfactionLevel { SatisfactionLevel(rawValue: level) ?? .fair }
}

/// What a bad review (差评) opens for the responsible department: the fix by a deadline, the
/// follow-up call for a named review, and the department's appeal, decided by a supervisor.
final class Rectification: Model, @unchecked Sendable {
    static let schema = "rectifications"

    enum Status: String, Codable, CaseIterable {
        /// Waiting for the department's fix (or appeal).
        case open
        case fixed
        /// The appeal was upheld: the review does not count and nothing is to be fixed.
        case withdrawn
        var messageKey: String { "rectification.status.\(rawValue)" }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "rating_id") var ratingID: UUID
    @Field(key: "department_id") var departmentID: UUID
    @Enum(key: "status") var status: Status
    @Field(key: "due_on") var dueOn: String
    @Field(key: "follow_up_needed") var followUpNeeded: Bool
    @Field(key: "follow_up_note") var followUpNote: String
    @OptionalField(key: "followed_up_at") var followedUpAt: Date?
    @Field(key: "fix_note") var fixNote: String
    @OptionalField(key: "fixed_at") var fixedAt: Date?
    /// The fix may be shown on the portal's satisfaction page.
    @Field(key: "fix_published") var fixPublished: Bool
    @OptionalField(key: "appeal") var appeal: RatingAppeal?
    @Field(key: "appeal_reason") var appealReason: String
    @Field(key: "appeal_decision") var appealDecision: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
