import Fluent
import Foundation

/// A site-wide setting such as the government's name, editable without a release.
/// `@unchecked Sendable`: see Region.
final class SiteSetting: Model, @unchecked Sendable {
    static let schema = "site_settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}

    init(key: String, value: String) {
        self.id = key
        self.value = value
    }

    static let governmentName = "government_name"
    static let servicePhone = "service_phone"
    static let serviceAddress = "service_address"
}
