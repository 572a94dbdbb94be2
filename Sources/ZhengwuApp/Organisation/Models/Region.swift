import Fluent
import Foundation

/// An administrative region (行政区划), keyed by its GB/T 2260 code.
/// Fluent models are reference types that Fluent mutates under its own synchronisation;
/// they never cross tasks here, hence `@unchecked Sendable`.
final class Region: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "parent_code") var parentCode: String?

    init() {}

    init(code: String, name: String, parentCode: String?) {
        self.id = code
        self.name = name
        self.parentCode = parentCode
    }
}
