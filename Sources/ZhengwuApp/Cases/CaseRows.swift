import Foundation
import SQLKit

/// The rows a submission writes, inserted with SQLKit (see SQLRows): a submission is the
/// platform's busiest write. Column lists follow the models, which read these rows back.
extension ServiceCase {
    func insertRow(on sql: SQLDatabase) async throws {
        try await sql.insertRow(into: Self.schema, [
            "id": id ?? UUID(), "receipt_number": receiptNumber, "item_id": itemID, "revision_id": revisionID,
            "item_code": itemCode, "item_name": itemName, "department_id": departmentID, "region_code": regionCode,
            "applicant_account_id": applicantAccountID, "applicant_kind": applicantKind.rawValue, "applicant_name": applicantName,
            "applicant_id_sealed": applicantIDSealed, "applicant_id_tail_index": applicantIDTailIndex,
            "applicant_phone_sealed": applicantPhoneSealed, "applicant_phone_index": applicantPhoneIndex,
            "form_values": formValues, "status": status.rawValue, "channel": channel.rawValue, "visits": visits,
            "handling": handling, "promised_limit_days": promisedLimitDays, "legal_limit_days": legalLimitDays,
            "received_at": receivedAt, "received_on": receivedOn, "acceptance_due_on": acceptanceDueOn, "accepted_on": acceptedOn,
            "deemed_accepted": deemedAccepted, "decision_due_on": decisionDueOn, "recorded_by": recordedBy,
            "window_id": windowID, "handled_by": handledBy,
            "created_at": createdAt, "updated_at": updatedAt,
        ])
    }
}

extension CaseDepartment {
    static func insertRow(applicationID: UUID, departmentID: UUID, isLead: Bool, on sql: SQLDatabase) async throws {
        try await sql.insertRow(into: schema, [
            "id": UUID(), "application_id": applicationID, "department_id": departmentID, "is_lead": isLead,
        ])
    }
}

extension CaseMaterial {
    static let columns = ["id", "application_id", "material_key", "file_id", "certificate_reference", "display_name",
                          "content_type", "byte_count", "sha256", "added_at"]

    var values: [any Encodable & Sendable] {
        [id ?? UUID(), applicationID, materialKey, fileID, certificateReference, displayName, contentType, byteCount, sha256, addedAt]
    }
}

extension StoredFile {
    static let columns = ["id", "bytes", "content_type", "sha256", "created_at"]

    var values: [any Encodable & Sendable] { [id ?? UUID(), bytes, contentType, sha256, createdAt] }
}

extension SQLDatabase {
    /// An application's materials and their files, two statements however many there are.
    func insertMaterials(_ materials: [(CaseMaterial, StoredFile?)]) async throws {
        try await insertRows(into: StoredFile.schema, columns: StoredFile.columns, materials.compactMap { $0.1?.values })
        try await insertRows(into: CaseMaterial.schema, columns: CaseMaterial.columns, materials.map { $0.0.values })
    }
}

extension CaseTimelineEntry {
    func insertRow(on sql: SQLDatabase) async throws {
        try await sql.insertRow(into: Self.schema, [
            "id": id ?? UUID(), "application_id": applicationID, "at": at, "event": event.rawValue, "actor_id": actorID,
            "actor_name": actorName, "note": note,
        ])
    }
}

extension Notification {
    func insertRow(on sql: SQLDatabase) async throws {
        try await sql.insertRow(into: Self.schema, [
            "id": id ?? UUID(), "account_id": accountID, "application_id": applicationID, "receipt_number": receiptNumber,
            "message": message, "phone_sealed": phoneSealed, "delivery": delivery.rawValue, "attempts": attempts,
            "next_attempt_at": nextAttemptAt, "created_at": createdAt, "sent_at": sentAt, "read_at": readAt,
        ])
    }
}
