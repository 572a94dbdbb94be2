@preconcurrency import RoutingKit
import Vapor

/// Routes one listener's requests through its own route table and middleware. Vapor's own
/// responder serves the application's single route table; each face here needs its own, so a
/// path registered on one face does not exist on the other.
///
/// `@unchecked Sendable`: the router is filled in `init` and only read afterwards.
struct ListenerResponder: Responder, @unchecked Sendable {
    private let router: TrieRouter<any Responder>
    private let notFound: any Responder

    init(routes: Routes, middleware: [Middleware]) {
        let router = TrieRouter((any Responder).self)
        for route in routes.all {
            let responder = middleware.makeResponder(chainingTo: route.responder)
            router.register(responder, at: [.constant(route.method.rawValue)] + route.path)
        }
        self.router = router
        // Unknown paths still pass through the middleware, so a 404 gets the layout and headers.
        notFound = middleware.makeResponder(chainingTo: NotFoundResponder())
    }

    func respond(to request: Request) -> EventLoopFuture<Response> {
        var components = [request.method == .HEAD ? HTTPMethod.GET.rawValue : request.method.rawValue]
        components += request.url.path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        if let responder = router.route(path: components, parameters: &request.parameters) {
            return responder.respond(to: request)
        }
        return notFound.respond(to: request)
    }
}

private struct NotFoundResponder: Responder {
    func respond(to request: Request) -> EventLoopFuture<Response> {
        request.eventLoop.makeFailedFuture(Abort(.notFound))
    }
}
