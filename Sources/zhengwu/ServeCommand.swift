import ConsoleKit
import Foundation
import Vapor
import ZhengwuApp

/// `zhengwu serve`: migrates, loads the demo county into an empty database (unless --no-demo),
/// and runs both listeners until SIGINT or SIGTERM.
struct ServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "env", help: "development (default), production or testing") var environment: String?
        @Option(name: "data-dir", help: "folder for the SQLite database and key file (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://user:password@host:5432/db to use PostgreSQL") var databaseURL: String?
        @Option(name: "public-bind", help: "public portal address (default 127.0.0.1:8080)") var publicBind: String?
        @Option(name: "staff-bind", help: "staff workbench address (default 127.0.0.1:8081)") var staffBind: String?
        @Flag(name: "no-demo", help: "start with an empty database; create the first administrator with `zhengwu admin create`") var noDemo: Bool
        init() {}
    }

    var help: String { "Run the public portal and the staff workbench." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let flags = ZhengwuConfig.Flags(environment: signature.environment, dataDirectory: signature.dataDirectory,
                                        databaseURL: signature.databaseURL, publicBind: signature.publicBind,
                                        staffBind: signature.staffBind, noDemo: signature.noDemo)
        try await withApplication(flags) { app in
            let console = context.console
            if app.zhengwu.config.loadDemo, let signIns = try await Startup.loadDemoIfEmpty(app) {
                printDemoSignIns(signIns, console: console, app: app)
            } else if try await !BootstrapAdministrator.hasStaff(app) {
                console.output("Empty install. Create the first administrator with:".consoleText(.info))
                console.output("  zhengwu admin create --username admin --name 管理员 --role system-administrator \\")
                console.output("    --region-code 513329 --region-name 新龙县 --government-name 新龙县人民政府")
            }
            for year in try await Startup.unarrangedYears(app) {
                app.logger.warning("No holiday arrangement is loaded for \(year): working days fall back to Monday-Friday. Load it with `zhengwu calendar import FILE` or in the workbench.")
            }

            let server = ZhengwuServer(app: app)
            try await server.start()
            let background = BackgroundWork(app: app)
            let ports = server.ports
            let config = app.zhengwu.config
            console.output("Public portal:     http://\(config.publicBind.host):\(ports.portal)/".consoleText(.success))
            console.output("Staff workbench:   http://\(config.staffBind.host):\(ports.workbench)/".consoleText(.success))
            if app.zhengwu.clock.isShifted {
                console.output("Clock shifted by ZHENGWU_FAKE_NOW: it is now \(app.zhengwu.clock.now())".consoleText(.warning))
            }
            await ShutdownSignal.wait()
            console.output("Shutting down…")
            await background.stop()
            await server.shutdown()
        }
    }

    private func printDemoSignIns(_ signIns: [DemoCounty.SignIn], console: any Console, app: Application) {
        console.output("Loaded the demo county 新龙县. Every demo account's password is: \(DemoCounty.password)".consoleText(.info))
        console.output("Staff sign in on the workbench (a TOTP app is enrolled at first sign-in):")
        for signIn in signIns where signIn.face == "workbench" {
            console.output("  \(signIn.login.padding(toLength: 14, withPad: " ", startingAt: 0)) \(signIn.role) · \(signIn.name)")
        }
        console.output("Citizens (phone number) and firms (credit code) sign in on the portal:")
        for signIn in signIns where signIn.face == "portal" {
            console.output("  \(signIn.login.padding(toLength: 20, withPad: " ", startingAt: 0)) \(signIn.role) · \(signIn.name)")
        }
        console.output("This list is shown once, when the demo is loaded; it is also in the README.")
    }
}

/// Waits for SIGINT or SIGTERM, so the listeners can close cleanly.
enum ShutdownSignal {
    static func wait() async {
        let stream = AsyncStream<Void> { continuation in
            let queue = DispatchQueue(label: "zhengwu.signals")
            // Dispatch sources are thread-safe; they are only cancelled when the stream ends.
            nonisolated(unsafe) let sources = [SIGINT, SIGTERM].map { code -> DispatchSourceSignal in
                signal(code, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: code, queue: queue)
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            continuation.onTermination = { _ in sources.forEach { $0.cancel() } }
        }
        for await _ in stream { break }
    }
}
