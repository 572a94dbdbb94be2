import Fluent
import Foundation
import ZhengwuCore

/// A stored audit record; the hash chain itself is ZhengwuCore's AuditChain.
/// `@unchecked Sendable`: see Account.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(custom: "sequence", generatedBy: .user) var id: Int64?
    @Field(key: "occurred_at_ms") var occurredAtMillis: Int64
    @Field(key: "actor_id") var actorID: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "subject") var subject: String
    @Field(key: "detail") var detail: String
    @Field(key: "source_address") var sourceAddress: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(_ record: AuditRecord) {
        id = record.sequence
        occurredAtMillis = record.occurredAtMillis
        actorID = record.actorID
        actorName = record.actorName
        action = record.action
        subject = record.subject
        detail = record.detail
        sourceAddress = record.sourceAddress
        previousHash = record.previousHash
        hash = record.hash
    }

    var record: AuditRecord {
        AuditRecord(sequence: id ?? 0, occurredAtMillis: occurredAtMillis, actorID: actorID, actorName: actorName,
                    action: action, subject: subject, detail: detail, sourceAddress: sourceAddress,
                    previousHash: previousHash, hash: hash)
    }
}
