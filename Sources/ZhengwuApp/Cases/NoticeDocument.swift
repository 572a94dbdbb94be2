import Fluent
import Vapor

/// A written notice (受理通知书 / 补正告知书 / 不予受理通知书) as a printable document.
enum NoticeDocument {
    struct Page: Encodable {
        let title: String
        let number: String
        let issuedOn: String
        let department: String
        let applicant: String
        let receipt: String
        let item: String
        let receivedOn: String
        let kind: String
        let lines: [String]
        let referral: String
        let decisionDueOn: String?
        let issuedBy: String
        let subject: String
        let days: String
        /// The case page the reader came from.
        let back: String
    }

    static func render(caseRecord record: ServiceCase, back: String, on req: Request) async throws -> Response {
        guard let noticeID = req.parameters.get("notice", as: UUID.self),
              let notice = try await CaseNotice.query(on: req.db).filter(\.$id == noticeID)
                .filter(\.$applicationID == record.requireID()).first() else { throw Abort(.notFound) }
        let page = Page(
            title: req.t(notice.kind.messageKey), number: notice.number, issuedOn: notice.issuedOn,
            department: notice.departmentName, applicant: record.applicantName, receipt: record.receiptNumber ?? "",
            item: record.itemName, receivedOn: notice.receivedOn, kind: notice.kind.rawValue,
            lines: notice.body.split(separator: "\n").map(String.init), referral: notice.referral,
            decisionDueOn: notice.decisionDueOn, issuedBy: notice.issuedBy, subject: notice.subject ?? "", days: notice.days.map(String.init) ?? "", back: back)
        return try await req.renderPage("notice", title: page.title, page)
    }
}
