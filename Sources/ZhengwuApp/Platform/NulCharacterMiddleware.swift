import Vapor

/// Refuses, with 400, an address whose path or query carries an encoded NUL character (`%00`).
/// No honest link holds one, and PostgreSQL cannot take NUL in text: the search, lookup or
/// filter it reached would otherwise fail as a server error. The raw address is checked, so an
/// escaped percent sign (`%2500`) is still ordinary text.
struct NulCharacterMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if Self.carriesNul(request.url.string) { throw Abort(.badRequest) }
        return try await next.respond(to: request)
    }

    static func carriesNul(_ address: String) -> Bool {
        address.utf8.contains(0) || address.contains("%00")
    }
}
