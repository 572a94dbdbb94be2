import Fluent
import Vapor
import ZhengwuCore

/// Public pages of the certificate library: verification (验真) by number and code, open to
/// anyone who holds a printed certificate, and the results list (结果公示) of licences granted,
/// with holders' names masked.
struct CertificatesController {
    struct VerifyPage: Encodable {
        let number: String
        let code: String
        let asked: Bool
        let found: Found?
    }

    struct Found: Encodable {
        let number: String
        let type: String
        let holder: String
        let item: String
        let department: String
        let issuedOn: String
        let validFrom: String
        let validUntil: String
        let status: String
        let badge: String
        let fields: [Certificate.DataField]
    }

    func verify(_ req: Request) async throws -> Response {
        let typedNumber = String((req.query[String.self, at: "number"] ?? "").prefix(64))
        let typedCode = String((req.query[String.self, at: "code"] ?? "").prefix(16))
        let asked = !typedNumber.isEmpty || !typedCode.isEmpty
        var found: Found?
        let missKey = "verify-miss:\(req.clientNetwork)"
        if asked {
            try await RateLimiter.refuseIfExhausted(missKey, RateLimits.verifyMissesPerAddress, on: req)
        }
        if asked, let number = CertificateNumber.normalised(typedNumber) {
            if let certificate = try await Certificate.query(on: req.db).filter(\.$number == number).first(),
               CertificateSeal(key: req.zhengwu.vault.certificateKey).verifies(certificate.sealFacts, typed: typedCode) {
                let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
                let state = certificate.state(today: today)
                found = Found(
                    number: certificate.number, type: certificate.certificateType,
                    holder: Masking.applicantName(certificate.holderName, kind: certificate.holderKind),
                    item: certificate.itemName, department: certificate.departmentName, issuedOn: certificate.issuedOn,
                    validFrom: certificate.validFrom, validUntil: certificate.validUntil ?? req.t("certificate.no_limit"),
                    status: req.t("certificate.status.\(state)"), badge: state == "valid" ? "badge-ok" : "badge-danger",
                    fields: certificate.dataFields)
            }
        }
        if asked, found == nil { try await RateLimiter.hit(missKey, RateLimits.verifyMissesPerAddress, on: req) }
        let page = VerifyPage(number: typedNumber, code: typedCode, asked: asked, found: found)
        return try await req.renderPage("portal/verify", titleKey: "certificate.verify_title", page,
                                        status: asked && found == nil ? .notFound : .ok)
    }

    struct ResultsPage: Encodable {
        let rows: [ResultRow]
        let total: Int
        let pager: Pager
    }

    struct ResultRow: Encodable {
        let decidedOn: String
        let item: String
        let holder: String
        let department: String
        let decision: String
        let certificate: String
    }

    /// 结果公示: licences decided, newest first; names of persons masked, organisations shown.
    func results(_ req: Request) async throws -> Response {
        let (rows, total) = try await DecisionResults.list(page: req.pageNumber, on: req.db)
        let page = ResultsPage(
            rows: rows.map {
                ResultRow(decidedOn: $0.decidedOn, item: $0.itemName,
                          holder: Masking.applicantName($0.applicantName, kind: ApplicantKind(rawValue: $0.applicantKind) ?? .person),
                          department: $0.departmentName, decision: req.t("decision.\($0.decision)"), certificate: $0.certificateNumber ?? "")
            },
            total: total, pager: Pager(number: req.pageNumber, total: total, path: "/results"))
        return try await req.renderPage("portal/results", titleKey: "results.title", page)
    }
}
