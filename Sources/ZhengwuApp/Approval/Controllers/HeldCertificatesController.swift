import Fluent
import Vapor
import ZhengwuCore

/// 我的证照: the certificates the library holds for the signed-in citizen or firm, with their
/// verification codes, and a way to ask for renewal (延续) while the law's window is open: from
/// 90 days before expiry, in time for the deemed grant until 30 days before (art. 50).
struct HeldCertificatesController {
    struct Page: Encodable {
        let rows: [Row]
    }

    struct Row: Encodable {
        let number: String
        let code: String
        let type: String
        let item: String
        let department: String
        let issuedOn: String
        let validity: String
        let status: String
        let badge: String
        /// Where the case that issued it can be opened, when it was this account's.
        let caseID: String?
        /// The guide's application page, while renewal may be asked for and none is under way.
        let renewPath: String?
        /// When renewal is (or was) due, in words.
        let renewalHint: String?
        /// The application already renewing it.
        let renewingCaseID: String?
    }

    func list(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        let held = try await Self.mine(req).sort(\.$issuedOn, .descending).sort(\.$number, .descending).limit(200).all()
        // Applications of this account still open, by item: a renewal under way is not offered twice.
        let open = try await ServiceCase.query(on: req.db).filter(\.$applicantAccountID == signedIn.accountID)
            .filter(\.$status !~ [.refused, .withdrawn, .concluded]).all()
        let openByItem = Dictionary(open.map { ($0.itemCode, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = held.map { certificate -> Row in
            let term = certificate.term
            let state = certificate.state(today: today)
            let renewing = certificate.status == .valid ? openByItem[certificate.itemCode] : nil
            var hint: String?
            if certificate.status == .valid, term.status(today: today) == .valid, let until = term.validUntil {
                let latest = until.adding(days: -CertificateTerm.noticeDays).iso
                hint = term.renewalOpen(today: today)
                    ? req.t("renewal.hint_open", ["latest": latest])
                    : req.t("renewal.hint_opens", ["opens": until.adding(days: -CertificateTerm.renewalOpensDays).iso, "latest": latest])
            }
            return Row(
                number: certificate.number, code: certificate.verificationCode, type: certificate.certificateType,
                item: certificate.itemName, department: certificate.departmentName, issuedOn: certificate.issuedOn,
                validity: certificate.validity(noLimit: req.t("certificate.no_limit")),
                status: req.t("certificate.status.\(state)"), badge: state == "valid" ? "badge-ok" : "badge-muted",
                caseID: certificate.holderAccountID == signedIn.accountID ? certificate.applicationID.uuidString : nil,
                renewPath: renewing == nil && term.renewalOpen(today: today) && certificate.status == .valid
                    ? "/services/\(certificate.itemCode)/apply" : nil,
                renewalHint: hint, renewingCaseID: renewing?.id?.uuidString)
        }
        return try await req.renderPage("portal/certificates", titleKey: "held.title", Page(rows: rows))
    }

    struct Document: Encodable {
        let number: String
        let code: String
        let type: String
        let holder: String
        let item: String
        let department: String
        let issuedOn: String
        let validity: String
        let status: String
        let fields: [Certificate.DataField]
    }

    /// One certificate as a printable document (the browser's print can save it as PDF), or with
    /// `?format=json` its data as a file, for the holder's own records or another system.
    func show(_ req: Request) async throws -> Response {
        guard let number = req.parameters.get("number").flatMap(CertificateNumber.normalised),
              let certificate = try await Self.mine(req).filter(\.$number == number).first() else { throw Abort(.notFound) }
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        let document = Document(
            number: certificate.number, code: certificate.verificationCode, type: certificate.certificateType,
            holder: certificate.holderName, item: certificate.itemName, department: certificate.departmentName,
            issuedOn: certificate.issuedOn,
            validity: certificate.validity(noLimit: req.t("certificate.no_limit")),
            status: req.t("certificate.status.\(certificate.state(today: today))"), fields: certificate.dataFields)
        guard req.query[String.self, at: "format"] == "json" else {
            return try await req.renderPage("portal/certificate", title: certificate.certificateType, document)
        }
        let response = try await document.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(certificate.number).json\"")
        return response
    }

    /// The signed-in holder's certificates: matched by their ID number or credit code, so
    /// certificates issued on a walk-in application count as theirs too.
    private static func mine(_ req: Request) async throws -> QueryBuilder<Certificate> {
        let signedIn = try req.requireSignedIn()
        let vault = req.zhengwu.vault
        guard let applicant = try await Applicant.load(accountID: signedIn.accountID, on: req.db, vault: vault) else {
            throw AppError.forbidden
        }
        return Certificate.query(on: req.db).filter(\.$holderIndex == Applicant.holderIndex(applicant.identityNumber, vault: vault))
    }
}

extension HeldCertificatesController.Document: Content {}
