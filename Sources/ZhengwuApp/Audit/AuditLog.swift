import Fluent
import FluentSQL
import Foundation
import ZhengwuCore

/// Who did something, as the audit trail records it.
public struct AuditActor: Sendable {
    public let id: String
    public let name: String
    public let sourceAddress: String

    public static func system(_ name: String = "system") -> AuditActor {
        AuditActor(id: "system", name: name, sourceAddress: "-")
    }
}

/// Appends to and verifies the audit trail (审计日志). Appends happen inside the caller's
/// transaction, so a data change and its audit record commit or vanish together.
public struct AuditLog: Sendable {
    let chain: AuditChain
    let clock: AppClock

    public func append(
        on database: Database, actor: AuditActor, action: String, subject: String, detail: [String: String] = [:]
    ) async throws {
        let detailText = detail.isEmpty ? "" : String(decoding: try JSONEncoder.sorted.encode(detail), as: UTF8.self)
        let draft = AuditRecord(
            sequence: 0, occurredAtMillis: Int64((clock.now().timeIntervalSince1970 * 1000).rounded()),
            actorID: actor.id, actorName: actor.name, action: action, subject: subject,
            detail: detailText, sourceAddress: actor.sourceAddress, previousHash: ""
        )
        if let deferred = DeferredRows.current {
            // Chained when the group commit writes its rows, in this order.
            deferred.add(audit: draft)
            return
        }
        try await appendAll([draft], on: database as! SQLDatabase)
    }

    /// Chains `drafts` after the last stored record and inserts them, in the caller's transaction.
    func appendAll(_ drafts: [AuditRecord], on sql: SQLDatabase) async throws {
        guard !drafts.isEmpty else { return }
        if sql.dialect.name == "postgresql" {
            // Serialises appends across every instance until this transaction ends, so two
            // instances never both extend the chain from the same record.
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: 0x7A68_656E_6777_75))").run()
        }
        var previous = try await sql.raw("""
            SELECT sequence, occurred_at_ms, actor_id, actor_name, action, subject, detail, source_address, previous_hash, hash
            FROM audit_log ORDER BY sequence DESC LIMIT 1
            """).first().map(StoredRecord.init)?.record
        var rows: [[any Encodable & Sendable]] = []
        for draft in drafts {
            let record = chain.sealed(draft, after: previous)
            rows.append([record.sequence, record.occurredAtMillis, record.actorID, record.actorName, record.action, record.subject,
                         record.detail, record.sourceAddress, record.previousHash, record.hash])
            previous = record
        }
        try await sql.writeRows(into: AuditEntry.schema, columns: [
            "sequence", "occurred_at_ms", "actor_id", "actor_name", "action", "subject", "detail", "source_address",
            "previous_hash", "hash",
        ], rows)
    }

    public struct Verification: Sendable {
        public let checked: Int64
        public let firstBreak: AuditChain.Break?
    }

    /// Walks the whole trail in pages, so verifying millions of records needs little memory.
    public func verify(on database: Database, pageSize: Int = 2_000) async throws -> Verification {
        var previous: AuditRecord?
        var checked: Int64 = 0
        while true {
            let after = previous?.sequence ?? 0
            let page = try await AuditEntry.query(on: database)
                .filter(\.$id > after).sort(\.$id).limit(pageSize).all().map(\.record)
            if let broken = chain.firstBreak(in: page, after: previous) {
                // The chain starts at 1 and every record before the break has verified.
                return Verification(checked: broken.sequence - 1, firstBreak: broken)
            }
            guard let last = page.last else { break }
            checked += Int64(page.count)
            previous = last
        }
        return Verification(checked: checked, firstBreak: nil)
    }
}

/// The last record as SQL returns it, read column by column: every write appends one.
private struct StoredRecord {
    let record: AuditRecord

    init(_ row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        record = AuditRecord(
            sequence: try row.decode(column: "sequence", as: Int64.self),
            occurredAtMillis: try row.decode(column: "occurred_at_ms", as: Int64.self), actorID: try text("actor_id"),
            actorName: try text("actor_name"), action: try text("action"), subject: try text("subject"),
            detail: try text("detail"), sourceAddress: try text("source_address"), previousHash: try text("previous_hash"),
            hash: try text("hash"))
    }
}

extension JSONEncoder {
    /// Sorted keys make the audit detail text, and so its hash, the same on every run.
    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension ZhengwuServices {
    public var audit: AuditLog { AuditLog(chain: auditChain, clock: clock) }
}
