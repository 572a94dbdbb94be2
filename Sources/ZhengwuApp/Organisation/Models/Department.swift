import Fluent
import Foundation

/// A government department (部门), an office, or the service centre (政务服务中心).
/// `@unchecked Sendable`: see Region.
final class Department: Model, @unchecked Sendable {
    static let schema = "departments"

    enum Kind: String, Codable, CaseIterable {
        case bureau
        case office
        case serviceCentre = "service_centre"
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @Field(key: "region_code") var regionCode: String
    @Enum(key: "kind") var kind: Kind
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "sort_order") var sortOrder: Int

    init() {}

    init(code: String, name: String, shortName: String, regionCode: String, kind: Kind,
         phone: String?, address: String?, sortOrder: Int) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.regionCode = regionCode
        self.kind = kind
        self.phone = phone
        self.address = address
        self.sortOrder = sortOrder
    }
}

extension Department {
    /// Every department's name by id, for lists that name the department of each row.
    static func names(short: Bool = false, on db: Database) async throws -> [UUID: String] {
        Dictionary(try await Department.query(on: db).all().compactMap { department in
            department.id.map { ($0, short ? department.shortName : department.name) }
        }, uniquingKeysWith: { first, _ in first })
    }
}
