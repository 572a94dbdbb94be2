import ConsoleKit
import Foundation
import ZhengwuApp

struct AdminGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["create": AdminCreateCommand()] }
    var help: String { "Administrator accounts." }
}

/// `zhengwu admin create`: the way into an empty install (and a recovery path).
struct AdminCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        @Option(name: "username", help: "sign-in name, e.g. admin") var username: String?
        @Option(name: "name", help: "the person's name") var name: String?
        @Option(name: "role", help: "system-administrator (default), security-administrator or audit-administrator") var role: String?
        @Option(name: "region-code", help: "empty install only: six-digit GB/T 2260 code, e.g. 513329") var regionCode: String?
        @Option(name: "region-name", help: "empty install only: region name, e.g. 新龙县") var regionName: String?
        @Option(name: "government-name", help: "empty install only: e.g. 新龙县人民政府") var governmentName: String?
        @Option(name: "department", help: "department the administrator belongs to (default 政务数据管理中心)") var department: String?
        init() {}
    }

    var help: String { "Create an administrator; prints a one-time password. The TOTP app is enrolled at first sign-in." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let username = signature.username, let name = signature.name else {
            throw CommandFailure(message: "--username and --name are required", exitCode: 64)
        }
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let created = try await withApplication(flags.configFlags) { app in
            do {
                return try await BootstrapAdministrator(app: app).run(.init(
                    username: username, displayName: name, role: signature.role ?? "system-administrator",
                    regionCode: signature.regionCode, regionName: signature.regionName,
                    governmentName: signature.governmentName, departmentName: signature.department ?? "政务数据管理中心"))
            } catch let refusal as BootstrapAdministrator.Refusal {
                throw CommandFailure(message: refusal.description, exitCode: 64)
            }
        }
        context.console.output("Created \(created.username). One-time password: \(created.initialPassword)".consoleText(.success))
        context.console.output("Sign in on the staff workbench; you will enrol your TOTP app at the first sign-in.")
    }
}
