import ConsoleKit
import Foundation
import ZhengwuApp

/// `zhengwu migrate`: brings the database schema up to date and exits.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String { "Create or update the database schema." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        try await withApplication(flags.configFlags) { _ in
            context.console.output("The database schema is up to date.".consoleText(.success))
        }
    }
}

/// `zhengwu demo`: loads the demo county into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String { "Load the demo county (新龙县) into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        try await withApplication(flags.configFlags) { app in
            guard app.zhengwu.config.environment != .production else {
                throw CommandFailure(message: "The demo's accounts share a published password; it is never loaded in production.")
            }
            guard let signIns = try await Startup.loadDemoIfEmpty(app) else {
                throw CommandFailure(message: "The database already holds data; the demo loads only into an empty one.")
            }
            context.console.output("Loaded the demo county: \(signIns.count) accounts, password \(DemoCounty.password)".consoleText(.success))
        }
    }
}
