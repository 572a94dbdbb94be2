/// 申报号: the number an applicant quotes. Readable aloud over the phone (no 0/O, 1/I), dated
/// so staff can place it, random so nobody can walk the sequence to find other people's
/// cases, and with a check character so a mistyped number is caught before any look-up.
///
/// Shape: `20260302-K7QM-4XHP`: the receipt date, seven random characters (35 bits) and a check.
public struct ReceiptNumber: Sendable, Hashable, CustomStringConvertible {
    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    public let value: String

    public static func make<G: RandomNumberGenerator>(on date: LocalDate, using generator: inout G) -> ReceiptNumber {
        let random = (0..<7).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        let body = random + [checkCharacter(for: random)]
        let datePart = date.iso.replacingOccurrences(of: "-", with: "")
        return ReceiptNumber(trusted: "\(datePart)-\(String(body.prefix(4)))-\(String(body.suffix(4)))")
    }

    public static func make(on date: LocalDate) -> ReceiptNumber {
        var generator = SystemRandomNumberGenerator()
        return make(on: date, using: &generator)
    }

    private init(trusted value: String) { self.value = value }

    /// Reads what someone typed: spaces, hyphens and case do not matter. Nil when the shape or
    /// the check character is wrong.
    public init?(parsing raw: String) {
        let compact = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard compact.count == 16 else { return nil }
        let date = compact.prefix(8)
        let body = Array(compact.suffix(8))
        guard date.allSatisfy({ $0.isASCII && $0.isNumber }),
              LocalDate(iso: "\(date.prefix(4))-\(date.dropFirst(4).prefix(2))-\(date.suffix(2))") != nil,
              body.allSatisfy({ Self.alphabet.contains($0) }),
              Self.checkCharacter(for: Array(body.prefix(7))) == body[7] else { return nil }
        value = "\(date)-\(String(body.prefix(4)))-\(String(body.suffix(4)))"
    }

    public var description: String { value }

    /// Weighted sum mod 32 (weights 1…7): catches any single wrong character and most swaps.
    static func checkCharacter(for characters: [Character]) -> Character {
        var sum = 0
        for (index, character) in characters.enumerated() {
            sum += (2 * index + 1) * alphabet.firstIndex(of: character)!
        }
        return alphabet[sum % alphabet.count]
    }
}
