import Crypto
import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// Adding and removing materials (材料) while the applicant can still change the case: as a
/// draft, or when corrections were requested.
enum AttachMaterial {
    enum Payload: Sendable {
        case upload(fileName: String, bytes: Data)
        /// A certificate the platform issued (电子证照), by its number.
        case certificate(reference: String)
    }

    enum Outcome: Equatable {
        case added
        case rejected(LocalizedMessage)
        case notAllowed
    }

    /// Materials can be added while these last; during review only when asked for more.
    static let editableStatuses: Set<CaseStatus> = [.draft, .correctionRequested, .awaitingMaterial]
    /// The form and the materials handed in can be changed only before review.
    static let revisableStatuses: Set<CaseStatus> = [.draft, .correctionRequested]

    /// Checks a payload against the material's rules; the bytes' own header decides the type.
    enum Checked {
        /// Acceptable; the sniffed type for an upload, nil for a certificate reference.
        case acceptable(UploadCheck.FileType?)
        case refused(LocalizedMessage)
    }

    static func check(_ payload: Payload, for material: MaterialRequirement?) -> Checked {
        guard let material else { return .refused(LocalizedMessage("material.unknown")) }
        switch payload {
        case .upload(_, let bytes):
            do throws(UploadCheck.Rejection) { return .acceptable(try UploadCheck.check(bytes)) } catch { return .refused(error.message) }
        case .certificate(let reference):
            guard material.source == .issuedCertificate else { return .refused(LocalizedMessage("material.not_a_certificate")) }
            let trimmed = reference.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 64,
                  trimmed.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }) else {
                return .refused(LocalizedMessage("material.bad_certificate_reference"))
            }
            return .acceptable(nil)
        }
    }

    /// `check`, and for a certificate reference also the library's word on it, for a case not
    /// stored yet (the API's and the window's one-step submissions): `holder` is the applicant's
    /// ID number or credit code.
    static func check(_ payload: Payload, for material: MaterialRequirement?, holder: String, vault: PersonalDataVault,
                      today: LocalDate, on db: Database) async throws -> Checked {
        let checked = check(payload, for: material)
        guard case .acceptable = checked, case .certificate(let reference) = payload, let material,
              let problem = try await CertificateLibrary.problem(with: reference, for: material, holder: holder, vault: vault,
                                                                 today: today, on: db) else { return checked }
        return .refused(problem)
    }

    /// Builds the rows for a checked payload (not yet saved).
    static func rows(_ payload: Payload, type: UploadCheck.FileType?, caseID: UUID, key: String, now: Date) -> (CaseMaterial, StoredFile?) {
        let material = CaseMaterial()
        material.applicationID = caseID
        material.materialKey = key
        material.addedAt = now
        switch payload {
        case .upload(let fileName, let bytes):
            let type = type ?? .pdf
            let hash = SHA256.hash(data: bytes).lowercaseHex
            let file = StoredFile(bytes: bytes, contentType: type.contentType, sha256: hash, createdAt: now)
            file.id = UUID()
            material.fileID = file.id
            material.displayName = UploadCheck.displayName(fileName, type: type)
            material.contentType = type.contentType
            material.byteCount = bytes.count
            material.sha256 = hash
            return (material, file)
        case .certificate(let reference):
            material.certificateReference = reference.trimmingCharacters(in: .whitespaces).uppercased()
            material.displayName = material.certificateReference!
            material.contentType = ""
            material.byteCount = 0
            material.sha256 = ""
            return (material, nil)
        }
    }

    static func add(_ payload: Payload, key: String, to caseID: UUID, guide: ServiceGuide, now: Date,
                    app: Vapor.Application) async throws -> Outcome {
        let type: UploadCheck.FileType?
        switch check(payload, for: guide.material(key)) {
        case .refused(let message): return .rejected(message)
        case .acceptable(let sniffed): type = sniffed
        }
        return try await app.write { db -> Outcome in
            guard let record = try await CaseLock.find(caseID, on: db), editableStatuses.contains(record.status) else {
                return .notAllowed
            }
            let existing = try await CaseMaterial.query(on: db).filter(\.$applicationID == caseID).all()
            if existing.count >= UploadCheck.maxFilesPerApplication {
                return .rejected(UploadCheck.Rejection.tooManyFiles(max: UploadCheck.maxFilesPerApplication).message)
            }
            if existing.filter({ $0.materialKey == key }).count >= UploadCheck.maxFilesPerMaterial {
                return .rejected(UploadCheck.Rejection.tooManyFiles(max: UploadCheck.maxFilesPerMaterial).message)
            }
            if case .certificate(let reference) = payload, let requirement = guide.material(key),
               let problem = try await CertificateLibrary.problem(
                with: reference, for: requirement, on: record, vault: app.zhengwu.vault,
                today: LocalDate(now, in: WorkingCalendar.default.timeZone), on: db) {
                return .rejected(problem)
            }
            let (material, file) = rows(payload, type: type, caseID: caseID, key: key, now: now)
            try await file?.create(on: db)
            try await material.create(on: db)
            // A certificate used after receipt changes that day's reuse figure.
            if case .certificate = payload { try await PerformanceRollup.markDirty([record.receivedOn], on: db) }
            return .added
        }
    }

    /// False when the case can no longer change or the material is not the case's.
    static func remove(materialID: UUID, from caseID: UUID, app: Vapor.Application) async throws -> Bool {
        try await app.write { db -> Bool in
            guard let record = try await CaseLock.find(caseID, on: db), revisableStatuses.contains(record.status),
                  let material = try await CaseMaterial.query(on: db).filter(\.$id == materialID)
                    .filter(\.$applicationID == caseID).first() else { return false }
            try await material.delete(on: db)
            if let fileID = material.fileID { try await StoredFile.query(on: db).filter(\.$id == fileID).delete() }
            if material.certificateReference != nil { try await PerformanceRollup.markDirty([record.receivedOn], on: db) }
            return true
        }
    }
}
