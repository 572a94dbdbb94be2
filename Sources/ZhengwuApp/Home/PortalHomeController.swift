import Vapor

/// The public home page with the three entry points (办事服务, 政务公开, 互动交流) and the
/// static pages of the portal.
struct PortalHomeController {
    @Sendable func home(_ req: Request) async throws -> Response {
        try await req.renderPage("portal/home", titleKey: "home.title", Empty())
    }

    @Sendable func accessibility(_ req: Request) async throws -> Response {
        try await req.renderPage("portal/accessibility", titleKey: "accessibility.title", Empty())
    }
}
