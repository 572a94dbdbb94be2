import Fluent
import Vapor

/// Serves a publication's attachment, always as a download with the checked type, so a browser
/// never renders uploaded content inside the site.
enum AttachmentDownload {
    static func response(_ attachment: PublicationAttachment, cache: String, on req: Request) async throws -> Response {
        guard let file = try await StoredFile.find(attachment.fileID, on: req.db) else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: file.bytes))
        response.headers.replaceOrAdd(name: .contentType, value: attachment.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: ContentDispositionText.attachment(named: attachment.name))
        response.headers.replaceOrAdd(name: .cacheControl, value: cache)
        return response
    }
}
