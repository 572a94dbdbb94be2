import ConsoleKit
import Foundation
import ZhengwuApp

struct AuditGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["verify": AuditVerifyCommand()] }
    var help: String { "The tamper-evident audit trail." }
}

/// `zhengwu audit verify`: checks the whole hash chain; exits 1 naming the first broken record.
struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String { "Verify the audit trail's hash chain; exit status 1 names the first broken record." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let result = try await withApplication(flags.configFlags) { app in
            try await app.zhengwu.audit.verify(on: app.db)
        }
        if let broken = result.firstBreak {
            let reason = switch broken {
            case .alteredRecord: "its contents were changed"
            case .brokenLink: "it does not follow the record before it"
            case .missingRecord(_, let found): "it is missing (the next record present is \(found))"
            }
            throw CommandFailure(message: "Audit trail broken at record \(broken.sequence): \(reason). \(result.checked) records before it verified.")
        }
        context.console.output("Audit trail intact: \(result.checked) records verified.".consoleText(.success))
    }
}
