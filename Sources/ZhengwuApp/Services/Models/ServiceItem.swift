import Fluent
import Foundation
import ZhengwuCore

/// A catalogue item (事项). The guide text lives in its revisions; this row holds what the
/// catalogue lists and filters by, copied from the published revision when it is published.
/// `@unchecked Sendable`: Fluent models are mutable classes; they never cross tasks here.
final class ServiceItem: Model, @unchecked Sendable {
    static let schema = "service_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "department_id") var departmentID: UUID
    @Enum(key: "availability") var availability: ItemAvailability
    /// Why the item is suspended or retired, and until when; shown on the guide.
    @Field(key: "availability_notice") var availabilityNotice: String
    @OptionalField(key: "published_revision_id") var publishedRevisionID: UUID?
    @Field(key: "name") var name: String
    /// Comma-wrapped lists (",birth,housing,") so one LIKE finds a member on both databases.
    @Field(key: "applicant_kinds") var applicantKinds: String
    @Field(key: "life_events") var lifeEvents: String
    /// Name, keywords and department, searched when a query is too short for the index.
    @Field(key: "search_text") var searchText: String
    @Field(key: "promised_limit_days") var promisedLimitDays: Int
    @Field(key: "online_depth") var onlineDepth: Int
    @Field(key: "max_visits") var maxVisits: Int
    @Field(key: "handling") var handling: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(code: String, departmentID: UUID, name: String) {
        self.code = code
        self.departmentID = departmentID
        self.availability = .active
        self.availabilityNotice = ""
        self.name = name
        self.applicantKinds = ""
        self.lifeEvents = ""
        self.searchText = name
        self.promisedLimitDays = 0
        self.onlineDepth = 1
        self.maxVisits = 2
        self.handling = HandlingType.promised.rawValue
    }

    /// Copies the listing columns from a guide about to be published.
    func show(_ guide: ServiceGuide, departmentName: String) {
        name = guide.name
        applicantKinds = Self.wrapped(guide.applicantKinds.map(\.rawValue))
        lifeEvents = Self.wrapped(guide.lifeEvents.map(\.rawValue))
        searchText = guide.name + "\n" + CatalogueSearchIndex.text(of: guide, departmentName: departmentName)
        promisedLimitDays = guide.promisedLimitDays
        onlineDepth = guide.onlineDepth.rawValue
        maxVisits = guide.maxVisits
        handling = guide.handling.rawValue
    }

    static func wrapped(_ values: [String]) -> String { values.isEmpty ? "" : "," + values.joined(separator: ",") + "," }
}
