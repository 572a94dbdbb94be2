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

extension SiteSetting {
    /// Sets `key` to `value`, creating the row the first time, in the caller's transaction.
    static func put(_ key: String, _ value: String, on db: Database) async throws {
        if let existing = try await SiteSetting.find(key, on: db) {
            existing.value = value
            try await existing.update(on: db)
        } else {
            try await SiteSetting(key: key, value: value).create(on: db)
        }
    }
}
