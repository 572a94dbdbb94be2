import Crypto
import Testing
@testable import ZhengwuCore

@Suite("Certificate verification codes")
struct CertificateSealTests {
    let seal = CertificateSeal(key: SymmetricKey(data: Array(repeating: UInt8(7), count: 32)))
    let facts = CertificateSeal.Facts(number: "513329-ZRJ-2026-000123", itemCode: "513329-ZRJ-XK-001", holderName: "扎西平措",
                                      issuedOn: LocalDate(year: 2026, month: 3, day: 20)!, validUntil: LocalDate(year: 2029, month: 3, day: 19)!)

    @Test("a genuine certificate verifies, however the code is typed")
    func genuine() {
        let code = seal.code(for: facts)
        #expect(code.count == 8 && code.allSatisfy { CertificateSeal.alphabet.contains($0) })
        #expect(seal.verifies(facts, typed: code))
        #expect(seal.verifies(facts, typed: code.lowercased().prefix(4) + "-" + code.suffix(4)))
    }

    @Test("a forged number, holder or date, a wrong code, or another installation's key does not verify")
    func forged() {
        let code = seal.code(for: facts)
        let forgedNumber = CertificateSeal.Facts(number: "513329-ZRJ-2026-000124", itemCode: facts.itemCode, holderName: facts.holderName,
                                                 issuedOn: facts.issuedOn, validUntil: facts.validUntil)
        let forgedHolder = CertificateSeal.Facts(number: facts.number, itemCode: facts.itemCode, holderName: "张三",
                                                 issuedOn: facts.issuedOn, validUntil: facts.validUntil)
        let extended = CertificateSeal.Facts(number: facts.number, itemCode: facts.itemCode, holderName: facts.holderName,
                                             issuedOn: facts.issuedOn, validUntil: LocalDate(year: 2039, month: 3, day: 19)!)
        #expect(!seal.verifies(forgedNumber, typed: code))
        #expect(!seal.verifies(forgedHolder, typed: code))
        #expect(!seal.verifies(extended, typed: code))
        var wrong = Array(code)
        wrong[0] = wrong[0] == "2" ? "3" : "2"
        #expect(!seal.verifies(facts, typed: String(wrong)))
        #expect(!seal.verifies(facts, typed: String(code.dropLast())))
        let other = CertificateSeal(key: SymmetricKey(data: Array(repeating: UInt8(8), count: 32)))
        #expect(!other.verifies(facts, typed: code))
    }
}
