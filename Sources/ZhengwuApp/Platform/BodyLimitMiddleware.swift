import Vapor

/// Reads a form's body before anything looks at it, refusing bodies over the listener's limit
/// with 413 (declared sizes are checked before reading, so an oversized upload is not buffered)
/// and bodies that are not a well-formed form (`FormBodyCheck`).
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // Only someone presenting a session may send a large body; the session itself is
            // checked later, but an anonymous client cannot make the server buffer megabytes.
            let presentsSession = request.headers.bearerAuthorization != nil
                || request.cookies[request.cookieName(request.listener.sessionCookie)] != nil
            let limit = presentsSession ? request.listener.maxBodySize(method: request.method, path: request.url.path)
                : request.listener.defaultMaxBodySize.value
            if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
                throw Abort(.payloadTooLarge)
            }
            let body = try await request.body.collect(max: limit).get()
            if let body, body.readableBytes > limit { throw Abort(.payloadTooLarge) }
            try FormBodyCheck.check(request, body: body)
        }
        return try await next.respond(to: request)
    }
}
