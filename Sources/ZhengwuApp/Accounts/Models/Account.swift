import Fluent
import Foundation
import ZhengwuCore

/// A person or firm on the portal, or a staff member on the workbench.
///
/// Personal data is never stored in the clear: ID and phone numbers are sealed with the
/// PersonalDataVault and found through keyed hashes (`*_index`); a masked copy is kept for display.
/// `@unchecked Sendable`: Fluent models are mutated by Fluent and never shared across tasks here.
final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Enum(key: "kind") var kind: AccountKind
    /// Keyed hash of the normalised sign-in name (staff user name, firm USCC, citizen phone).
    @Field(key: "login_index") var loginIndex: String
    /// Staff user name, shown to administrators; nil for portal accounts.
    @OptionalField(key: "username") var username: String?
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String

    @OptionalField(key: "phone_sealed") var phoneSealed: String?
    @OptionalField(key: "phone_masked") var phoneMasked: String?
    @OptionalField(key: "id_number_sealed") var idNumberSealed: String?
    @OptionalField(key: "id_number_index") var idNumberIndex: String?
    @OptionalField(key: "id_number_masked") var idNumberMasked: String?
    /// A firm's unified social credit code: public business data, stored plainly.
    @OptionalField(key: "credit_code") var creditCode: String?

    @OptionalField(key: "department_id") var departmentID: UUID?

    @OptionalField(key: "totp_secret_sealed") var totpSecretSealed: String?
    @OptionalField(key: "totp_enrolled_at") var totpEnrolledAt: Date?
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?

    /// Set for accounts opened with a one-time password: the first thing they do is choose their own.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "failed_attempts") var failedAttempts: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(kind: AccountKind, loginIndex: String, username: String?, displayName: String,
         passwordHash: String, createdAt: Date) {
        self.kind = kind
        self.loginIndex = loginIndex
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.failedAttempts = 0
        self.mustChangePassword = false
        self.createdAt = createdAt
    }
}

/// One role held by an account; a separate table so "who holds role X" is an indexed query.
/// `@unchecked Sendable`: see Account.
final class AccountRole: Model, @unchecked Sendable {
    static let schema = "account_roles"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Enum(key: "role") var role: Role

    init() {}

    init(accountID: UUID, role: Role) {
        self.accountID = accountID
        self.role = role
    }
}
