import Fluent
import Foundation

/// One year's holiday arrangement as an administrator loaded or edited it, in the text format
/// of ZhengwuCore's HolidayArrangement, so what is stored is exactly what can be exported.
/// `@unchecked Sendable`: see Account.
final class CalendarYear: Model, @unchecked Sendable {
    static let schema = "calendar_years"

    @ID(custom: "year", generatedBy: .user) var id: Int?
    @Field(key: "arrangement") var arrangement: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}

    init(year: Int, arrangement: String, updatedAt: Date, updatedBy: String) {
        self.id = year
        self.arrangement = arrangement
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
