/// Password rules for every account. 等保 level 3 asks for complexity and a minimum length;
/// we ask for length plus at least two character classes, which resists guessing without
/// forcing people into patterns they write down.
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let maximumLength = 72 // Bcrypt ignores bytes past 72.

    public enum Problem: Error, Equatable, Sendable, UserFacingError {
        case tooShort
        case tooLong
        case tooFewCharacterClasses
        case containsLogin
        case mismatch

        public var message: LocalizedMessage {
            switch self {
            case .tooShort: LocalizedMessage("password.too_short", ["min": String(PasswordPolicy.minimumLength)])
            case .tooLong: LocalizedMessage("password.too_long", ["max": String(PasswordPolicy.maximumLength)])
            case .tooFewCharacterClasses: LocalizedMessage("password.classes")
            case .containsLogin: LocalizedMessage("password.contains_login")
            case .mismatch: LocalizedMessage("password.mismatch")
            }
        }
    }

    public static func problems(password: String, confirmation: String? = nil, login: String) -> [Problem] {
        var found: [Problem] = []
        if password.count < minimumLength { found.append(.tooShort) }
        if password.utf8.count > maximumLength { found.append(.tooLong) }
        let classes = [
            password.contains(where: \.isLowercase),
            password.contains(where: \.isUppercase),
            password.contains(where: \.isNumber),
            password.contains(where: { !$0.isLetter && !$0.isNumber }),
        ].filter { $0 }.count
        if classes < 2 { found.append(.tooFewCharacterClasses) }
        if !login.isEmpty, password.lowercased().contains(login.lowercased()) { found.append(.containsLogin) }
        if let confirmation, confirmation != password { found.append(.mismatch) }
        return found
    }
}
