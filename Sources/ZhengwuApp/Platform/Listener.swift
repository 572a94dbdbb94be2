import Vapor
import ZhengwuCore

/// The two faces of the platform, each on its own listener (政务外网 / 政务内网). Routes are
/// registered per listener, so a staff page simply does not exist on the public port.
public enum Listener: String, Sendable {
    case portal
    case workbench

    var sessionCookie: String { self == .portal ? "zw_session" : "zw_staff_session" }
    var csrfCookie: String { self == .portal ? "zw_csrf" : "zw_staff_csrf" }
    /// Staff sessions end sooner: an unattended workbench is a bigger risk.
    var idleTimeout: TimeInterval { self == .portal ? 2 * 3600 : 30 * 60 }
    var absoluteTimeout: TimeInterval { 12 * 3600 }
    /// Form posts are small; only the upload routes take more.
    var defaultMaxBodySize: ByteCount { "256kb" }

    /// A walk-in's form with all its scans in one request: ten files at the largest size.
    static let walkInBodyLimit = 10 * UploadCheck.maxBytes + 1024 * 1024

    /// A 12345 message with its photos.
    static let ticketBodyLimit = SubmitTicket.maxPhotos * UploadCheck.maxBytes + 256 * 1024

    /// The body limit of one request: one file (plus form overhead) on a material upload or a
    /// publication's attachment, a publication's text, a whole application with its files
    /// (base64) on the JSON API.
    func maxBodySize(method: HTTPMethod, path: String) -> Int {
        let parts = path.split(separator: "/")
        if method == .POST, parts.last == "materials", parts.count == 3, ["applications", "cases"].contains(parts[0]) {
            return UploadCheck.maxBytes + 256 * 1024
        }
        if self == .workbench, method == .POST, parts.count >= 2, parts[0] == "walk-in" {
            return Self.walkInBodyLimit
        }
        if self == .workbench, method == .POST, parts.first == "disclosure" {
            // An attachment; or a publication's body, up to 200,000 characters URL-encoded.
            if parts.count == 4, parts[1] == "editions", parts[3] == "attachments" { return AttachmentCheck.maxBytes + 256 * 1024 }
            if parts.last == "new" || parts.last == "edit" { return 4 * 1024 * 1024 }
        }
        if self == .portal, method == .POST, path == "/12345/new" {
            return Self.ticketBodyLimit
        }
        if self == .portal, method == .POST, path == "/api/v1/applications" {
            return 64 * 1024 * 1024
        }
        return defaultMaxBodySize.value
    }
}

extension Request {
    private struct ListenerKey: StorageKey { typealias Value = Listener }

    var listener: Listener {
        get { storage[ListenerKey.self] ?? .portal }
        set { storage[ListenerKey.self] = newValue }
    }
}

/// Tags each request with the listener it arrived on; outermost, so error pages know their face.
struct ListenerTagMiddleware: AsyncMiddleware {
    let listener: Listener

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        request.listener = listener
        return try await next.respond(to: request)
    }
}
