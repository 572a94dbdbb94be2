import Vapor

/// Reads a form's body before anything looks at it, refusing bodies over the listener's limit
/// with 413. Declared sizes are checked before reading, so an oversized upload is not buffered.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let limit = request.listener.maxBodySize(method: request.method, path: request.url.path)
            if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
                throw Abort(.payloadTooLarge)
            }
            let body = try await request.body.collect(max: limit).get()
            if let body, body.readableBytes > limit { throw Abort(.payloadTooLarge) }
        }
        return try await next.respond(to: request)
    }
}
