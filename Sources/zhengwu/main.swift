import ConsoleKit
import Foundation
import Logging
import Vapor
import ZhengwuApp

/// `zhengwu`: one binary for the server and every operator command.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = ProcessInfo.processInfo.environment["ZHENGWU_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
    return handler
}

var commands = AsyncCommands(enableAutocomplete: false)
commands.use(ServeCommand(), as: "serve", isDefault: false)
commands.use(MigrateCommand(), as: "migrate")
commands.use(DemoCommand(), as: "demo")
commands.use(AdminGroup(), as: "admin")
commands.use(AuditGroup(), as: "audit")
commands.use(CalendarGroup(), as: "calendar")
commands.use(GenerateGroup(), as: "generate")
commands.use(ReportGroup(), as: "report")
commands.use(Open311Group(), as: "open311")
commands.use(BackupCommand(), as: "backup")
commands.use(RestoreCommand(), as: "restore")
let group = commands.group(help: """
    Zhengwu (政务): one-stop e-government platform. Run `zhengwu serve` to start it.

    Settings (flags override environment variables):
    \(ZhengwuConfig.reference)
    """)

/// Errors go to standard error, so scripts can tell them from results.
func fail(_ message: String, _ status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

let console = Terminal()
do {
    try await console.run(group, input: CommandInput(arguments: CommandLine.arguments))
} catch let error as ConfigError {
    fail(error.description, 2)
} catch let error as CommandFailure {
    fail(error.message, error.exitCode)
} catch let error as CommandError {
    fail("zhengwu: \(error.description)", 64)
} catch {
    fail("zhengwu: \(String(reflecting: error))", 1)
}
