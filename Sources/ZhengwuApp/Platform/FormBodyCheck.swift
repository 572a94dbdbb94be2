import Vapor
import ZhengwuCore

/// Refuses a posted body that is not a complete form in UTF-8 (`FormBody`), before a handler
/// reads it: 415 for another content type, 400 for a broken body, with a message saying that
/// nothing was saved. The JSON API and Open311, which have their own formats, are left alone.
enum FormBodyCheck {
    static func check(_ request: Request, body: ByteBuffer?) throws {
        let path = request.url.path
        guard !path.hasPrefix("/api/"), !path.hasPrefix(Open311Controller.base + "/") else { return }
        let encoding: FormBody.Encoding
        switch request.headers.contentType {
        case .some(let type) where type.type == "application" && type.subType == "x-www-form-urlencoded":
            encoding = .urlEncoded
        case .some(let type) where type.type == "multipart" && type.subType == "form-data":
            encoding = .multipart(boundary: type.parameters["boundary"] ?? "")
        default:
            throw Abort(.unsupportedMediaType)
        }
        guard FormBody.isWellFormed(body.map { Array($0.readableBytesView) } ?? [], as: encoding) else {
            throw AppError.badRequest(LocalizedMessage("error.form_body.message"))
        }
    }
}
