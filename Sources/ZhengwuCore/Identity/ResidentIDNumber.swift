import Foundation

/// Resident ID number (公民身份号码, GB 11643-1999): the 18-character number on the second-generation
/// resident identity card (居民身份证).
///
/// Checked on entry so a typo is caught at the form, not weeks later when another department's
/// data share (信息共享) finds no such person. The number is sensitive personal information
/// (PIPL art. 28): `description` gives the masked form, so string interpolation into logs and
/// pages never leaks the whole number by accident.
public struct ResidentIDNumber: Sendable, Hashable, CustomStringConvertible {
    /// Sex (性别) as encoded by the sequence code: odd = male, even = female.
    public enum Sex: String, Sendable, Hashable, Codable {
        case male
        case female
    }

    public enum ValidationError: Error, Equatable, Sendable, UserFacingError {
        /// Nothing entered.
        case empty
        /// Not 18 characters (the count found is kept; 15 means a first-generation number).
        case wrongLength(Int)
        /// A character that cannot stand at that place (1-based): digits only, `X` only last.
        case invalidCharacter(position: Int)
        /// Characters 7–14 are not a real date.
        case invalidBirthDate
        /// The birth date is after today.
        case birthDateInFuture
        /// The check character (校验码) does not match; `expected` is what the first 17 give.
        case checksumMismatch(expected: Character)

        public var message: LocalizedMessage {
            switch self {
            case .empty: LocalizedMessage("identity.id.empty")
            case .wrongLength(let count): LocalizedMessage("identity.id.wrong_length", ["count": String(count)])
            case .invalidCharacter(let position): LocalizedMessage("identity.id.invalid_character", ["position": String(position)])
            case .invalidBirthDate: LocalizedMessage("identity.id.invalid_birth_date")
            case .birthDateInFuture: LocalizedMessage("identity.id.birth_date_in_future")
            // The expected character stays out of the message: telling it would only help
            // someone complete a made-up number.
            case .checksumMismatch: LocalizedMessage("identity.id.checksum")
            }
        }
    }

    /// The 18 characters, check character upper case.
    public let value: String
    /// 出生日期, from characters 7–14.
    public let birthDate: LocalDate

    /// Validates `raw` (surrounding whitespace ignored, lower-case `x` accepted). `today` is the
    /// caller's date in China, for the "not born in the future" rule; this type never reads a clock.
    /// The region code is not looked up in GB/T 2260: codes of abolished regions stay valid on
    /// cards issued before the change.
    public init(validating raw: String, today: LocalDate) throws(ValidationError) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let characters = Array(trimmed)
        guard characters.count == 18 else { throw .wrongLength(characters.count) }

        var digits: [Int] = []
        for (index, character) in characters.enumerated() {
            if character.isASCII, let digit = character.wholeNumberValue {
                digits.append(digit)
            } else if index == 17, character == "X" || character == "x" {
                digits.append(10)
            } else {
                throw .invalidCharacter(position: index + 1)
            }
        }

        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        guard let birthDate = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else {
            throw .invalidBirthDate
        }
        guard birthDate <= today else { throw .birthDateInFuture }

        let expected = Self.checkCharacter(for: digits[0..<17])
        let check: Character = digits[17] == 10 ? "X" : Character(String(digits[17]))
        guard check == expected else { throw .checksumMismatch(expected: expected) }

        self.value = String(characters[0..<17]) + String(check)
        self.birthDate = birthDate
    }

    /// 行政区划代码 (GB/T 2260) of the place the number was issued: the first 6 digits.
    public var regionCode: String { String(value.prefix(6)) }

    /// From the 17th character, the last digit of the sequence code (顺序码).
    public var sex: Sex {
        let sequenceDigit = value[value.index(value.startIndex, offsetBy: 16)].wholeNumberValue!
        return sequenceDigit % 2 == 1 ? .male : .female
    }

    /// The form shown by default (脱敏): `110105********1234`.
    public var masked: String { Masking.idNumber(value) }

    public var description: String { masked }

    /// ISO 7064 MOD 11-2: weights 2^(17-i) mod 11 for the first 17 digits; the weighted sum
    /// mod 11 maps 0…10 to `1 0 X 9 8 7 6 5 4 3 2`.
    static func checkCharacter(for first17: ArraySlice<Int>) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let checks: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
        return checks[sum % 11]
    }
}
