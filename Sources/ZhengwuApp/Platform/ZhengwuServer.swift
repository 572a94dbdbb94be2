import Vapor

/// The two HTTP listeners: the public portal and the staff workbench, each answering only with
/// its own routes. In production the public one faces the Internet (政务外网) and the staff one
/// only the government network (政务内网).
public final class ZhengwuServer: Sendable {
    public let portal: HTTPServer
    public let workbench: HTTPServer

    public init(app: Application) {
        let config = app.zhengwu.config
        func server(_ bind: ZhengwuConfig.Bind, _ responder: Responder) -> HTTPServer {
            var configuration = HTTPServer.Configuration(hostname: bind.host, port: bind.port)
            configuration.serverName = nil
            configuration.logger = app.logger
            return HTTPServer(application: app, responder: responder, configuration: configuration, on: app.eventLoopGroup)
        }
        portal = server(config.publicBind, app.faces.portal)
        workbench = server(config.staffBind, app.faces.workbench)
    }

    public func start() async throws {
        try await portal.start(address: nil)
        do {
            try await workbench.start(address: nil)
        } catch {
            await portal.shutdown()
            throw error
        }
    }

    public func shutdown() async {
        await workbench.shutdown()
        await portal.shutdown()
    }

    /// The ports actually bound, useful when port 0 asked the system to choose.
    public var ports: (portal: Int, workbench: Int) {
        (portal.localAddress?.port ?? 0, workbench.localAddress?.port ?? 0)
    }
}
