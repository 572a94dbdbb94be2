import Fluent
import Foundation

/// An api_key for Open311 clients, issued in the workbench. Only a keyed hash is stored; the key
/// itself is shown once, when issued.
final class Open311Key: Model, @unchecked Sendable {
    static let schema = "open311_keys"

    @ID(key: .id) var id: UUID?
    /// Who uses it, e.g. a city app or a partner's reporting tool.
    @Field(key: "name") var name: String
    @Field(key: "key_index") var keyIndex: String
    /// The key's first characters, so staff can tell keys apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "issued_by") var issuedBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}
