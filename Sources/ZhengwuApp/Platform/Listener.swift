import Vapor

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
    /// Form posts are small; later issues raise the limit on the upload routes only.
    var defaultMaxBodySize: ByteCount { "256kb" }
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
