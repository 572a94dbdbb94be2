import Crypto
import Foundation

/// One record of the tamper-evident audit trail (审计日志).
public struct AuditRecord: Sendable, Equatable {
    public var sequence: Int64
    /// Milliseconds since 1970, so the hash input is exact on every database.
    public var occurredAtMillis: Int64
    public var actorID: String
    public var actorName: String
    public var action: String
    public var subject: String
    public var detail: String
    public var sourceAddress: String
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, occurredAtMillis: Int64, actorID: String, actorName: String, action: String,
        subject: String, detail: String, sourceAddress: String, previousHash: String, hash: String = ""
    ) {
        self.sequence = sequence
        self.occurredAtMillis = occurredAtMillis
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.subject = subject
        self.detail = detail
        self.sourceAddress = sourceAddress
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hash chain over audit records: each record's MAC covers its own fields and the previous
/// record's MAC, so changing, removing or reordering any record breaks every link after it.
/// The MAC is keyed, so someone who can write the table but lacks the key cannot rebuild it.
public struct AuditChain: Sendable {
    public static let genesisHash = String(repeating: "0", count: 64)
    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    public func hash(of record: AuditRecord) -> String {
        // Fields are length-prefixed so no choice of field contents can collide with another.
        let fields = [
            String(record.sequence), String(record.occurredAtMillis), record.actorID, record.actorName,
            record.action, record.subject, record.detail, record.sourceAddress, record.previousHash,
        ]
        var input: [UInt8] = []
        for field in fields {
            let bytes = Array(field.utf8)
            input += Array("\(bytes.count):".utf8) + bytes
        }
        return HMAC<SHA256>.authenticationCode(for: input, using: key).lowercaseHex
    }

    /// Fills in `previousHash` and `hash` for a record that follows `previous`.
    public func sealed(_ record: AuditRecord, after previous: AuditRecord?) -> AuditRecord {
        var record = record
        record.sequence = (previous?.sequence ?? 0) + 1
        record.previousHash = previous?.hash ?? Self.genesisHash
        record.hash = hash(of: record)
        return record
    }

    public enum Break: Equatable, Sendable {
        /// The record's own fields no longer match its MAC.
        case alteredRecord(sequence: Int64)
        /// The record does not point at the record before it.
        case brokenLink(sequence: Int64)
        /// A sequence number is missing (a record was deleted).
        case missingRecord(expected: Int64, found: Int64)

        public var sequence: Int64 {
            switch self {
            case .alteredRecord(let s), .brokenLink(let s): s
            case .missingRecord(let expected, _): expected
            }
        }
    }

    /// Checks records in sequence order; `previous` is the last verified record before them, so
    /// a long trail can be verified in pages. Returns the first break, or nil.
    public func firstBreak(in records: some Sequence<AuditRecord>, after previous: AuditRecord?) -> Break? {
        var expectedSequence = (previous?.sequence ?? 0) + 1
        var expectedPrevious = previous?.hash ?? Self.genesisHash
        for record in records {
            if record.sequence != expectedSequence {
                return .missingRecord(expected: expectedSequence, found: record.sequence)
            }
            if record.previousHash != expectedPrevious { return .brokenLink(sequence: record.sequence) }
            if hash(of: record) != record.hash { return .alteredRecord(sequence: record.sequence) }
            expectedSequence += 1
            expectedPrevious = record.hash
        }
        return nil
    }
}
