import Fluent
import Foundation

/// A signed-in browser. Stored in the database so any instance behind the load balancer can
/// serve the next request. The id is the SHA-256 of the cookie's token, so reading this table
/// does not let anyone sign in.
/// `@unchecked Sendable`: see Account.
final class AccountSession: Model, @unchecked Sendable {
    static let schema = "sessions"

    enum Stage: String, Codable {
        /// Password accepted; the staff member still owes the TOTP code.
        case awaitingSecondFactor = "awaiting_second_factor"
        case complete
    }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "listener") var listener: String
    @Enum(key: "stage") var stage: Stage
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "source_address") var sourceAddress: String
    /// The TOTP secret offered at enrolment, sealed, until the first code confirms it.
    @OptionalField(key: "pending_totp_sealed") var pendingTOTPSealed: String?

    init() {}

    init(tokenHash: String, accountID: UUID, listener: String, stage: Stage, now: Date,
         expiresAt: Date, sourceAddress: String) {
        self.id = tokenHash
        self.accountID = accountID
        self.listener = listener
        self.stage = stage
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = expiresAt
        self.sourceAddress = sourceAddress
    }
}
