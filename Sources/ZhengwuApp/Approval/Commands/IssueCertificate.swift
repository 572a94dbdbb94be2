import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Issues the electronic certificate of a granted case into the library, in the decision's
/// transaction: numbered per department and year, valid for the item's term, sealed with a
/// verification code. A renewal's certificate starts when the old one ends and replaces it.
enum IssueCertificate {
    static func run(for record: ServiceCase, guide: ServiceGuide, department: Department?, today: LocalDate, now: Date,
                    vault: PersonalDataVault, on db: Database) async throws -> Certificate {
        let identity = try vault.open(record.applicantIDSealed)
        let holderIndex = Applicant.holderIndex(identity, vault: vault)
        let type = guide.result.name
        // A renewal (延续, found at acceptance) replaces the old certificate if that is still in
        // force, or has ended while a renewal asked for in time waited (art. 50).
        var replaced: Certificate?
        if let renewsID = record.renewsCertificateID, let old = try await Certificate.find(renewsID, on: db), old.status == .valid {
            let inForce = old.term.status(today: today) == .valid
            let deemed = record.localReceivedOn.map { old.term.renewalDeemedGranted(requestedOn: $0, today: today) } ?? false
            replaced = inForce || deemed ? old : nil
        }
        let term = replaced?.term.renewed(years: guide.result.validityYears, today: today)
            ?? CertificateTerm(validFrom: today, years: guide.result.validityYears)

        let certificate = Certificate()
        certificate.id = UUID()
        certificate.certificateType = type
        certificate.itemCode = record.itemCode
        certificate.itemName = record.itemName
        certificate.applicationID = try record.requireID()
        certificate.departmentID = record.departmentID
        certificate.departmentName = department?.name ?? ""
        certificate.regionCode = record.regionCode
        certificate.holderName = record.applicantName
        certificate.holderKind = record.applicantKind
        certificate.holderIndex = holderIndex
        certificate.holderAccountID = record.applicantAccountID
        let values = record.values(of: guide.form, vault: vault)
        // The licence's own facts; the holder is stated (masked where shown) apart, and numbers,
        // phones and home addresses stay out of a record anyone can verify.
        let fields = guide.form.filter { !$0.kind.isPersonalData && $0.kind != .address }.compactMap { field in
            values[field.key].flatMap { $0.isEmpty || $0 == record.applicantName ? nil : Certificate.DataField(label: field.label, value: $0) }
        }
        certificate.data = String(decoding: try JSONEncoder.sorted.encode(fields), as: UTF8.self)
        certificate.issuedOn = today.iso
        certificate.validFrom = term.validFrom.iso
        certificate.validUntil = term.validUntil?.iso
        certificate.status = .valid
        certificate.replacesID = replaced?.id
        certificate.expiryNoticed = false
        certificate.createdAt = now
        certificate.number = try await nextNumber(regionCode: record.regionCode, departmentCode: department?.code ?? "X",
                                                  year: today.year, on: db)
        certificate.verificationCode = CertificateSeal(key: vault.certificateKey).code(for: certificate.sealFacts)
        try await certificate.create(on: db)
        if let replaced {
            replaced.status = .superseded
            try await replaced.save(on: db)
        }
        return certificate
    }

    private static func nextNumber(regionCode: String, departmentCode: String, year: Int, on db: Database) async throws -> String {
        let prefix = CertificateNumber.make(regionCode: regionCode, departmentCode: departmentCode, year: year, sequence: 0)
            .dropLast(6)
        // Two instances issuing at once would otherwise take the same number.
        try await CaseLock.serialise("certificate-number:" + prefix, on: db)
        let issued = try await Certificate.query(on: db).filter(\.$number, .custom("LIKE"), prefix + "%").count()
        return CertificateNumber.make(regionCode: regionCode, departmentCode: departmentCode, year: year, sequence: issued + 1)
    }
}
