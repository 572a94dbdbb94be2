import Foundation

/// Mainland mobile number (手机号码): 11 digits, `1` then `3`–`9` (`^1[3-9]\d{9}$`).
///
/// Used for SMS notices of case progress and hotline call-backs (回访). It is personal
/// information, so `description` gives the masked form (`138****5678`).
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public enum ValidationError: Error, Equatable, Sendable, UserFacingError {
        /// Nothing entered.
        case empty
        /// Not a mainland mobile number.
        case invalid

        public var message: LocalizedMessage {
            switch self {
            case .empty: LocalizedMessage("identity.phone.empty")
            case .invalid: LocalizedMessage("identity.phone.invalid")
            }
        }
    }

    /// The 11 digits.
    public let value: String

    /// Validates `raw`, ignoring surrounding whitespace.
    public init(validating raw: String) throws(ValidationError) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let bytes = Array(trimmed.utf8)
        guard bytes.count == 11,
              bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              bytes[0] == UInt8(ascii: "1"), bytes[1] >= UInt8(ascii: "3")
        else { throw .invalid }
        self.value = trimmed
    }

    /// The form shown by default (脱敏): `138****5678`.
    public var masked: String { Masking.phone(value) }

    public var description: String { masked }
}
