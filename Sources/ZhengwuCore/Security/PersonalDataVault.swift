import Crypto
import Foundation

/// Encrypts personal data at rest and makes keyed look-up hashes (GB/T 35273: identity numbers
/// encrypted; PIPL art. 28: sensitive). One master key is split with HKDF into independent keys,
/// so the look-up hash reveals nothing about the cipher key and vice versa.
public struct PersonalDataVault: Sendable {
    public enum Failure: Error, Equatable { case malformedMasterKey, undecryptable }

    private let encryptionKey: SymmetricKey
    private let indexKey: SymmetricKey
    /// Keys the audit chain's MAC, so rewriting the audit table without the key is detectable.
    public let auditKey: SymmetricKey
    /// Keys the verification codes printed on electronic certificates (CertificateSeal).
    public let certificateKey: SymmetricKey

    public init(masterKey: [UInt8]) throws(Failure) {
        guard masterKey.count == 32 else { throw .malformedMasterKey }
        let master = SymmetricKey(data: masterKey)
        func derive(_ label: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Array("zhengwu.\(label).v1".utf8), outputByteCount: 32)
        }
        encryptionKey = derive("personal-data")
        indexKey = derive("lookup-index")
        auditKey = derive("audit-chain")
        certificateKey = derive("certificate-seal")
    }

    /// AES-GCM sealed box, base64: nonce, cipher text and tag together.
    public func seal(_ plaintext: String) -> String {
        // AES-GCM with a fresh random nonce cannot fail for in-memory input of this size.
        let box = try! AES.GCM.seal(Array(plaintext.utf8), using: encryptionKey)
        return box.combined!.base64EncodedString()
    }

    public func open(_ sealed: String) throws(Failure) -> String {
        guard let data = Data(base64Encoded: sealed),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: encryptionKey),
              let text = String(data: plain, encoding: .utf8)
        else { throw .undecryptable }
        return text
    }

    /// A keyed hash for equality look-ups of a normalised value (an ID number, a phone number).
    public func index(_ normalized: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(normalized.utf8), using: indexKey).lowercaseHex
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal. Written out by hand: `String(format:)` costs more than the
    /// hashing it follows, and this runs for every session look-up and upload.
    public var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
