import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Who an application is for: from the signed-in account online, or typed in by the window
/// clerk for a walk-in. Sealed into the case; look-up hashes are keyed so a stolen database
/// cannot be searched by number.
struct Applicant: Sendable {
    let kind: ApplicantKind
    let name: String
    /// ID number for a person, unified social credit code for an organisation.
    let identityNumber: String
    let phone: String

    /// The applicant a portal account stands for; nil for staff or an incomplete account.
    static func load(accountID: UUID, on db: Database, vault: PersonalDataVault) async throws -> Applicant? {
        // Read column by column: every submission asks.
        guard let row = try await (db as! SQLDatabase).raw("""
            SELECT kind, display_name, phone_sealed, id_number_sealed, credit_code FROM accounts WHERE id = \(bind: accountID)
            """).first(),
              let phoneSealed = try row.decode(column: "phone_sealed", as: String?.self) else { return nil }
        let phone = try vault.open(phoneSealed)
        let name = try row.decode(column: "display_name", as: String.self)
        switch AccountKind(rawValue: try row.decode(column: "kind", as: String.self)) {
        case .citizen?:
            guard let sealed = try row.decode(column: "id_number_sealed", as: String?.self) else { return nil }
            return Applicant(kind: .person, name: name, identityNumber: try vault.open(sealed), phone: phone)
        case .firm?:
            guard let code = try row.decode(column: "credit_code", as: String?.self) else { return nil }
            return Applicant(kind: .organisation, name: name, identityNumber: code, phone: phone)
        case .staff?, nil:
            return nil
        }
    }

    func seal(into record: ServiceCase, vault: PersonalDataVault) {
        record.applicantKind = kind
        record.applicantName = name
        record.applicantIDSealed = vault.seal(identityNumber)
        record.applicantIDTailIndex = Self.tailIndex(identityNumber, vault: vault)
        record.applicantPhoneSealed = vault.seal(phone)
        record.applicantPhoneIndex = Self.phoneIndex(phone, vault: vault)
    }

    /// The last six characters of the identity number, as a progress look-up gives them.
    static func tailIndex(_ identityNumber: String, vault: PersonalDataVault) -> String {
        vault.index("case-id-tail:" + String(identityNumber.uppercased().suffix(6)))
    }

    /// The whole identity number, as the certificate library finds a holder's certificates.
    static func holderIndex(_ identityNumber: String, vault: PersonalDataVault) -> String {
        vault.index("holder:" + identityNumber.uppercased())
    }

    static func phoneIndex(_ phone: String, vault: PersonalDataVault) -> String {
        vault.index("case-phone:" + phone)
    }
}
