import Fluent
import Foundation
import ZhengwuCore

/// The figures of one organ's annual report that the platform does not hold (行政处罚, 行政强制,
/// 行政事业性收费, and the reconsideration and litigation results of section 四), as staff last
/// entered them for a year. Kept whole as JSON (EnteredFigures), so the report's definitions
/// stay in ZhengwuCore and a field added there needs no new column.
/// `@unchecked Sendable`: Fluent models are mutable classes; they never cross tasks here.
final class DisclosureReportFigures: Model, @unchecked Sendable {
    static let schema = "disclosure_report_figures"

    @ID(key: .id) var id: UUID?
    @Field(key: "organ_id") var organID: UUID
    @Field(key: "year") var year: Int
    /// AnnualDisclosureReport.EnteredFigures as JSON.
    @Field(key: "figures") var figuresJSON: String
    @Field(key: "updated_by_name") var updatedByName: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(organID: UUID, year: Int) {
        self.organID = organID
        self.year = year
        figuresJSON = ""
        updatedByName = ""
        updatedAt = Date(timeIntervalSince1970: 0)
    }

    var figures: AnnualDisclosureReport.EnteredFigures {
        get throws { try JSONDecoder().decode(AnnualDisclosureReport.EnteredFigures.self, from: Data(figuresJSON.utf8)) }
    }

    func store(_ figures: AnnualDisclosureReport.EnteredFigures) throws {
        figuresJSON = String(decoding: try JSONEncoder.sorted.encode(figures), as: UTF8.self)
    }
}
