import Fluent
import Foundation

/// A counter (窗口) in the service centre, staffed by a department.
/// `@unchecked Sendable`: see Region.
final class ServiceWindow: Model, @unchecked Sendable {
    static let schema = "service_windows"

    @ID(key: .id) var id: UUID?
    @Field(key: "centre_id") var centreID: UUID
    @Field(key: "number") var number: String
    @Field(key: "name") var name: String
    @OptionalField(key: "department_id") var departmentID: UUID?

    init() {}

    init(centreID: UUID, number: String, name: String, departmentID: UUID?) {
        self.centreID = centreID
        self.number = number
        self.name = name
        self.departmentID = departmentID
    }
}
