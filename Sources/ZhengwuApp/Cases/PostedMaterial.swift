import Vapor

/// A material as an upload form posts it, on the portal and at the window: the slot's key and
/// either a file or a certificate number.
struct PostedMaterial {
    let key: String
    /// Nil when neither a file nor a number was given.
    let payload: AttachMaterial.Payload?

    private struct Form: Content {
        var key: String
        var file: File?
        var certificate: String?
    }

    init(_ req: Request) throws {
        guard let form = try? req.content.decode(Form.self) else { throw Abort(.badRequest) }
        key = form.key
        if let certificate = form.certificate, !certificate.isEmpty {
            payload = .certificate(reference: certificate)
        } else if let file = form.file, file.data.readableBytes > 0 {
            payload = .upload(fileName: file.filename, bytes: Data(buffer: file.data))
        } else {
            payload = nil
        }
    }
}
