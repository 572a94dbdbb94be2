import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// The certificate library (电子证照库) as later applications use it: which of an applicant's
/// certificates fit a material, whether a referenced one may stand in for an upload, and how
/// often certificates have saved someone a document (免提交).
enum CertificateLibrary {
    /// Whether a certificate of `type` is what a material asking for `wanted` means: the
    /// library's names are often the full title (中华人民共和国残疾人证 for 残疾人证).
    static func fits(_ type: String, wanted: String) -> Bool {
        !wanted.isEmpty && (type == wanted || type.contains(wanted))
    }

    /// The usable certificates of the case's applicant, newest first.
    static func held(by record: ServiceCase, vault: PersonalDataVault, today: LocalDate, on db: Database) async throws -> [Certificate] {
        guard let identity = try? vault.open(record.applicantIDSealed) else { return [] }
        return try await Certificate.query(on: db).filter(\.$holderIndex == Applicant.holderIndex(identity, vault: vault))
            .filter(\.$status == .valid).sort(\.$issuedOn, .descending).all()
            .filter { $0.isUsable(today: today) }
    }

    /// Nil when `reference` may be used for `material` on this case; otherwise why not. A
    /// number the library does not know is a certificate from elsewhere (户口簿, 身份证), which
    /// the department checks by hand as before; a number it knows must be the applicant's own,
    /// valid, and of the kind asked for.
    static func problem(with reference: String, for material: MaterialRequirement, on record: ServiceCase,
                        vault: PersonalDataVault, today: LocalDate, on db: Database) async throws -> LocalizedMessage? {
        try await problem(with: reference, for: material, holder: (try? vault.open(record.applicantIDSealed)) ?? "",
                          vault: vault, today: today, on: db)
    }

    /// The same, for an applicant whose case is not stored yet: `holder` is their ID number or credit code.
    static func problem(with reference: String, for material: MaterialRequirement, holder identity: String,
                        vault: PersonalDataVault, today: LocalDate, on db: Database) async throws -> LocalizedMessage? {
        // Only numbers of the form this platform issues can be in the library; the busiest path
        // (online submissions with 户口簿 and 身份证 numbers) asks nothing of the database.
        guard let number = CertificateNumber.normalised(reference), CertificateNumber.isIssuedForm(number),
              let certificate = try await Certificate.query(on: db).filter(\.$number == number).first() else { return nil }
        guard certificate.holderIndex == Applicant.holderIndex(identity, vault: vault) else {
            return LocalizedMessage("certificate.not_yours")
        }
        guard certificate.isUsable(today: today) else { return LocalizedMessage("certificate.not_valid") }
        guard fits(certificate.certificateType, wanted: material.certificateType) else {
            return LocalizedMessage("certificate.wrong_type", ["type": material.certificateType])
        }
        return nil
    }

    /// Materials handed in as a reference to a certificate of the library instead of a file.
    static func reuseCount(on db: Database) async throws -> Int {
        try await (db as! SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM case_materials m JOIN certificates c ON c.number = m.certificate_reference
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
