import Crypto
import Foundation

/// The short verification code printed on an electronic certificate (电子证照) beside its
/// number (验真). Anyone can check a certificate by typing both on the public verification page;
/// the code is a keyed hash of the certificate's identifying facts, so a made-up or altered
/// number, holder or date does not verify, and nobody without the installation's key can make
/// a code that does.
public struct CertificateSeal: Sendable {
    /// The facts the code vouches for.
    public struct Facts: Sendable, Equatable {
        public let number: String
        public let itemCode: String
        public let holderName: String
        public let issuedOn: LocalDate
        public let validUntil: LocalDate?

        public init(number: String, itemCode: String, holderName: String, issuedOn: LocalDate, validUntil: LocalDate?) {
            self.number = number
            self.itemCode = itemCode
            self.holderName = holderName
            self.issuedOn = issuedOn
            self.validUntil = validUntil
        }

        var canonical: String {
            [number, itemCode, holderName, issuedOn.iso, validUntil?.iso ?? "-"].joined(separator: "\u{1F}")
        }
    }

    /// Eight characters, 40 bits, read aloud without confusion (no 0/O, 1/I).
    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    private let key: SymmetricKey

    public init(key: SymmetricKey) {
        self.key = key
    }

    public func code(for facts: Facts) -> String {
        let mac = Array(HMAC<SHA256>.authenticationCode(for: Array(facts.canonical.utf8), using: key))
        // Five bytes make eight 5-bit characters.
        var value: UInt64 = 0
        for byte in mac.prefix(5) { value = value << 8 | UInt64(byte) }
        return String((0..<8).reversed().map { Self.alphabet[Int((value >> (5 * UInt64($0))) & 31)] })
    }

    /// Whether `typed` (any case, spaces and hyphens ignored) is the code of `facts`.
    public func verifies(_ facts: Facts, typed: String) -> Bool {
        let cleaned = Array(typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }.utf8)
        let expected = Array(code(for: facts).utf8)
        guard cleaned.count == expected.count else { return false }
        // Constant time: how much of a guess was right must not show in the answer time.
        return zip(cleaned, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
