import Foundation

/// Unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character identifier of every
/// firm, public institution and social organisation (法人和其他组织).
///
/// Checked on entry so a firm's application (法人办事) links to the right organisation when
/// departments share licences (电子证照). The code is public information, so it is not masked.
public struct SocialCreditCode: Sendable, Hashable, CustomStringConvertible {
    public enum ValidationError: Error, Equatable, Sendable, UserFacingError {
        /// Nothing entered.
        case empty
        /// Not 18 characters (the count found is kept).
        case wrongLength(Int)
        /// A character outside the code's alphabet (no I, O, S, V, Z), 1-based position, as typed.
        case invalidCharacter(position: Int, character: Character)
        /// The check character (校验码) does not match; `expected` is what the first 17 give.
        case checksumMismatch(expected: Character)

        public var message: LocalizedMessage {
            switch self {
            case .empty: LocalizedMessage("identity.uscc.empty")
            case .wrongLength(let count): LocalizedMessage("identity.uscc.wrong_length", ["count": String(count)])
            case .invalidCharacter(let position, let character):
                LocalizedMessage("identity.uscc.invalid_character", ["position": String(position), "character": String(character)])
            case .checksumMismatch: LocalizedMessage("identity.uscc.checksum")
            }
        }
    }

    /// The 18 characters, upper case.
    public let value: String

    /// Validates `raw`: surrounding whitespace ignored, lower-case letters accepted.
    public init(validating raw: String) throws(ValidationError) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let characters = Array(trimmed)
        guard characters.count == 18 else { throw .wrongLength(characters.count) }

        var values: [Int] = []
        for (index, character) in characters.enumerated() {
            guard let value = Self.alphabet.firstIndex(of: Self.asciiUppercased(character)) else {
                throw .invalidCharacter(position: index + 1, character: character)
            }
            values.append(value)
        }
        let expected = Self.checkCharacter(for: values[0..<17])
        guard Self.alphabet[values[17]] == expected else { throw .checksumMismatch(expected: expected) }
        self.value = String(values.map { Self.alphabet[$0] })
    }

    public var description: String { value }

    /// Every character is worth its position here.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// Weights 3^(i-1) mod 31; check value (31 - sum mod 31) mod 31, written from the alphabet.
    static func checkCharacter(for first17: ArraySlice<Int>) -> Character {
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let sum = zip(first17, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Only a…z change: full Unicode upper-casing could turn one character into two (ß → SS).
    private static func asciiUppercased(_ character: Character) -> Character {
        guard let ascii = character.asciiValue, ascii >= UInt8(ascii: "a"), ascii <= UInt8(ascii: "z") else { return character }
        return Character(Unicode.Scalar(ascii - 32))
    }
}
