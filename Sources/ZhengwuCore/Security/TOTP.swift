import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238) for the staff second factor: HMAC-SHA1, six digits,
/// 30-second steps, the parameters every authenticator app supports.
public struct TOTPGenerator: Sendable {
    public let secret: [UInt8]
    public let period: Int64 = 30
    public let digits = 6

    public init(secret: [UInt8]) { self.secret = secret }

    public func step(at instant: Date) -> Int64 {
        Int64(floor(instant.timeIntervalSince1970)) / period
    }

    public func code(forStep step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let code = value % 1_000_000
        let text = String(code)
        return String(repeating: "0", count: digits - text.count) + text
    }

    public func code(at instant: Date) -> String { code(forStep: step(at: instant)) }

    /// The step a typed code matches, allowing one step of clock drift either way, and refusing
    /// any step at or before `lastUsedStep` so an overheard code cannot be replayed.
    public func matchingStep(for typed: String, at instant: Date, lastUsedStep: Int64?) -> Int64? {
        let code = typed.filter { !$0.isWhitespace }
        guard code.count == digits, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: instant)
        for candidate in [now, now - 1, now + 1] where candidate > (lastUsedStep ?? Int64.min) {
            if constantTimeEquals(self.code(forStep: candidate), code) { return candidate }
        }
        return nil
    }

    /// The `otpauth://` URI that authenticator apps read from a QR code.
    public func provisioningURI(issuer: String, account: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s }
        return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))"
            + "&issuer=\(escape(issuer))&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
