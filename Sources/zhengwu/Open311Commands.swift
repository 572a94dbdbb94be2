import ConsoleKit
import Foundation
import ZhengwuApp

struct Open311Group: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["issue-key": Open311IssueKeyCommand()] }
    var help: String { "The Open311 GeoReport v2 interface under /open311/v2/." }
}

/// `zhengwu open311 issue-key --name 城管App`: an api_key for a partner's client, printed once.
/// The workbench issues keys too; this is for provisioning scripts.
struct Open311IssueKeyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "who will use the key, e.g. a city app") var name: String?
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String { "Issue an api_key for filing Open311 requests; only its hash is kept, so it is shown once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let name = signature.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty, name.count <= 100 else {
            throw CommandFailure(message: "--name is required (at most 100 characters)", exitCode: 64)
        }
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let key = try await withApplication(flags.configFlags) { app in
            try await Open311Keys.issue(name: name, by: "command line", app: app)
        }
        context.console.output(key.consoleText())
    }
}
