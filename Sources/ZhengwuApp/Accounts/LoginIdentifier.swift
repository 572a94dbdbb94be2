import ZhengwuCore

/// How a sign-in name is normalised and hashed into `accounts.login_index`. Portal and staff
/// names live in separate namespaces, so a staff user name can never match a citizen's phone.
enum LoginIdentifier {
    static func portal(_ normalized: String, vault: PersonalDataVault) -> String {
        vault.index("portal-login:" + normalized)
    }

    static func staff(_ username: String, vault: PersonalDataVault) -> String {
        vault.index("staff-login:" + username.lowercased())
    }

    static func idNumber(_ value: String, vault: PersonalDataVault) -> String {
        vault.index("id-number:" + value)
    }

    /// Staff user names: 3-32 of a-z, 0-9, dot, underscore, hyphen, starting with a letter.
    static func isValidUsername(_ name: String) -> Bool {
        guard (3...32).contains(name.count), let first = name.first, first.isASCII, first.isLetter else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
