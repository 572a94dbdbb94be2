import Crypto
import Foundation
import Testing
@testable import ZhengwuCore

@Suite("TOTP, base32 and the personal-data vault")
struct SecurityPrimitivesTests {
    /// RFC 6238 appendix B, SHA-1 secret; the RFC prints 8 digits, we use the last 6.
    @Test(arguments: [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")])
    func rfc6238Vectors(seconds: Int, expected: String) {
        let generator = TOTPGenerator(secret: Array("12345678901234567890".utf8))
        #expect(generator.code(at: Date(timeIntervalSince1970: TimeInterval(seconds))) == expected)
    }

    @Test func acceptsOneStepOfDriftButNoReplay() {
        let generator = TOTPGenerator(secret: Array("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_800_000_015)
        let previous = generator.code(at: now.addingTimeInterval(-30))
        let step = generator.matchingStep(for: previous, at: now, lastUsedStep: nil)
        #expect(step == generator.step(at: now) - 1)
        #expect(generator.matchingStep(for: previous, at: now, lastUsedStep: step) == nil)
        let old = generator.code(at: now.addingTimeInterval(-90))
        #expect(generator.matchingStep(for: old, at: now, lastUsedStep: nil) == nil)
        #expect(generator.matchingStep(for: "12345", at: now, lastUsedStep: nil) == nil)
        #expect(generator.matchingStep(for: "１２３４５６", at: now, lastUsedStep: nil) == nil)
    }

    @Test func provisioningURIEscapesChinese() {
        let uri = TOTPGenerator(secret: [1, 2, 3, 4, 5]).provisioningURI(issuer: "新龙县", account: "admin")
        #expect(uri.hasPrefix("otpauth://totp/%E6%96%B0%E9%BE%99%E5%8E%BF:admin?secret=AEBAGBAF&issuer="))
        #expect(uri.hasSuffix("&algorithm=SHA1&digits=6&period=30"))
    }

    /// RFC 4648 section 10 test vectors.
    @Test(arguments: [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")])
    func base32(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded.lowercased()) == Array(plain.utf8))
    }

    @Test func base32RejectsForeignCharacters() {
        #expect(Base32.decode("MZXW1") == nil)
        #expect(Base32.decode("MZXW 6YTB-OI==") == Array("foobar".utf8))
    }

    @Test func vaultSealsRandomlyAndOpens() throws {
        let vault = try PersonalDataVault(masterKey: Array(repeating: 7, count: 32))
        let a = vault.seal("11010519491231002X"), b = vault.seal("11010519491231002X")
        #expect(a != b)
        #expect(!a.contains("1949"))
        #expect(try vault.open(a) == "11010519491231002X")
        #expect(vault.index("x") == vault.index("x"))
        #expect(vault.index("x") != vault.index("y"))
    }

    @Test func vaultRefusesTamperingAndOtherKeys() throws {
        let vault = try PersonalDataVault(masterKey: Array(repeating: 7, count: 32))
        let other = try PersonalDataVault(masterKey: Array(repeating: 8, count: 32))
        let sealed = vault.seal("secret")
        #expect(throws: PersonalDataVault.Failure.undecryptable) { try other.open(sealed) }
        var bytes = Array(Data(base64Encoded: sealed)!)
        bytes[bytes.count - 1] ^= 1
        #expect(throws: PersonalDataVault.Failure.undecryptable) { try vault.open(Data(bytes).base64EncodedString()) }
        #expect(vault.index("x") != other.index("x"))
        #expect(throws: PersonalDataVault.Failure.malformedMasterKey) { try PersonalDataVault(masterKey: [1, 2, 3]) }
    }
}
