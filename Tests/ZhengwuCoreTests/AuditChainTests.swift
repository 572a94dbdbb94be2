import Crypto
import Testing
@testable import ZhengwuCore

@Suite("Audit hash chain")
struct AuditChainTests {
    let chain = AuditChain(key: SymmetricKey(data: Array(repeating: 3, count: 32)))

    func makeChain(_ count: Int) -> [AuditRecord] {
        var records: [AuditRecord] = []
        for index in 0..<count {
            let draft = AuditRecord(sequence: 0, occurredAtMillis: 1_700_000_000_000 + Int64(index), actorID: "account:\(index)",
                                    actorName: "张三", action: "auth.signin.success", subject: "account:\(index)",
                                    detail: "{\"n\":\"\(index)\"}", sourceAddress: "10.0.0.\(index)", previousHash: "")
            records.append(chain.sealed(draft, after: records.last))
        }
        return records
    }

    @Test func anIntactChainVerifies() {
        let records = makeChain(5)
        #expect(records.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(records[0].previousHash == AuditChain.genesisHash)
        #expect(chain.firstBreak(in: records, after: nil) == nil)
    }

    @Test func verifiesInPages() {
        let records = makeChain(6)
        #expect(chain.firstBreak(in: records[0..<3], after: nil) == nil)
        #expect(chain.firstBreak(in: records[3...], after: records[2]) == nil)
    }

    @Test func aChangedFieldIsFoundAtItsRecord() {
        var records = makeChain(5)
        records[2].actorName = "李四"
        #expect(chain.firstBreak(in: records, after: nil) == .alteredRecord(sequence: 3))
    }

    @Test func rehashingOneRecordBreaksTheNextLink() {
        var records = makeChain(5)
        records[2].detail = "{}"
        records[2].hash = chain.hash(of: records[2])
        #expect(chain.firstBreak(in: records, after: nil) == .brokenLink(sequence: 4))
    }

    @Test func aDeletedRecordIsFound() {
        var records = makeChain(5)
        records.remove(at: 1)
        #expect(chain.firstBreak(in: records, after: nil) == .missingRecord(expected: 2, found: 3))
    }

    @Test func aDifferentKeyCannotForgeTheChain() {
        let forger = AuditChain(key: SymmetricKey(data: Array(repeating: 4, count: 32)))
        var records = makeChain(3)
        records[1].actorName = "李四"
        records[1].hash = forger.hash(of: records[1])
        records[2].previousHash = records[1].hash
        records[2].hash = forger.hash(of: records[2])
        #expect(chain.firstBreak(in: records, after: nil) == .alteredRecord(sequence: 2))
    }

    @Test func fieldBoundariesCannotBeShifted() {
        let a = AuditRecord(sequence: 1, occurredAtMillis: 1, actorID: "ab", actorName: "c", action: "", subject: "",
                            detail: "", sourceAddress: "", previousHash: "")
        let b = AuditRecord(sequence: 1, occurredAtMillis: 1, actorID: "a", actorName: "bc", action: "", subject: "",
                            detail: "", sourceAddress: "", previousHash: "")
        #expect(chain.hash(of: a) != chain.hash(of: b))
    }
}
