import Fluent
import Vapor
import ZhengwuCore

/// A request's letter as a printable document, the same for staff and applicant.
enum RequestLetterPage {
    struct Page: Encodable {
        let kind: String
        let title: String
        let number: String
        let issuedOn: String
        let organ: String
        let applicant: String
        let requestNumber: String
        let receivedOn: String
        let description: String
        let lines: [String]
        let date: String
        let amount: String
        let outcome: String
        let outcomeGroup: String
        let issuedBy: String
        let documents: [String]
        let back: String
    }

    static func render(_ request: InformationRequest, back: String, on req: Request) async throws -> Response {
        guard let letterID = req.parameters.get("letter", as: UUID.self),
              let letter = try await InformationRequestLetter.query(on: req.db).filter(\.$id == letterID)
                .filter(\.$requestID == request.requireID()).first() else { throw Abort(.notFound) }
        let documents = letter.kind == .reply
            ? try await InformationRequestDocument.query(on: req.db).filter(\.$requestID == request.requireID()).sort(\.$createdAt).all()
            : []
        let page = Page(
            kind: letter.kind.rawValue, title: req.t(letter.kind.messageKey), number: letter.number, issuedOn: letter.issuedOn,
            organ: letter.organName, applicant: request.applicantName, requestNumber: request.number, receivedOn: request.receivedOn,
            description: String(request.description.prefix(200)),
            lines: letter.body.split(separator: "\n").map(String.init), date: letter.date ?? "",
            amount: letter.amount.map(String.init) ?? "",
            outcome: letter.outcome.map { req.t($0.messageKey) } ?? "",
            outcomeGroup: letter.outcome.map { $0.group.rawValue } ?? "",
            issuedBy: letter.issuedBy == "system" ? req.t("request_letter.issued_by_system") : letter.issuedBy,
            documents: documents.map(\.name), back: back)
        return try await req.renderPage("request-letter", title: page.title, page)
    }
}

/// Serves a document handed over with a reply, always as a download with its checked type.
enum RequestDocuments {
    static func download(of request: InformationRequest, on req: Request) async throws -> Response {
        guard let documentID = req.parameters.get("document", as: UUID.self),
              let document = try await InformationRequestDocument.query(on: req.db).filter(\.$id == documentID)
                .filter(\.$requestID == request.requireID()).first(),
              let file = try await StoredFile.find(document.fileID, on: req.db) else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: file.bytes))
        response.headers.replaceOrAdd(name: .contentType, value: document.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: ContentDispositionText.attachment(named: document.name))
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
