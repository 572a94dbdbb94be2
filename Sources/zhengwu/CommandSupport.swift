import ConsoleKit
import Foundation
import Vapor
import ZhengwuApp

/// A command that failed in a way the operator can act on: a message and an exit status.
struct CommandFailure: Error {
    let message: String
    var exitCode: Int32 = 1
}

/// The options every database command takes; each command's Signature repeats the two
/// properties (ConsoleKit signatures cannot be composed) and hands them here.
struct DatabaseFlags {
    var dataDirectory: String?
    var databaseURL: String?
    var environment: String?

    var configFlags: ZhengwuConfig.Flags {
        ZhengwuConfig.Flags(environment: environment, dataDirectory: dataDirectory, databaseURL: databaseURL)
    }
}

/// Builds a configured application for one command, runs `body`, and always shuts it down.
func withApplication<T>(
    _ flags: ZhengwuConfig.Flags, migrate: Bool = true, _ body: (Application) async throws -> T
) async throws -> T {
    let config = try ZhengwuConfig.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
    let vaporEnvironment: Environment = switch config.environment {
    case .production: .production
    case .testing: .testing
    case .development: .development
    }
    let app = try await Application.make(vaporEnvironment)
    do {
        try await configure(app, with: config)
        if migrate { try await Startup.migrate(app) }
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}
