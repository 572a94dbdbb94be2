import Fluent
import Foundation
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// A configured application on a private database: in-memory SQLite by default, or a fresh
/// PostgreSQL database when ZHENGWU_TEST_POSTGRES_URL points at a server (CI sets it).
struct TestApp {
    let app: Application
    let clock: AppClock

    var portal: Browser { Browser(app: app, responder: app.faces.portal) }
    var workbench: Browser { Browser(app: app, responder: app.faces.workbench) }

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["ZHENGWU_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func config(database: ZhengwuConfig.DatabaseTarget) -> ZhengwuConfig {
        ZhengwuConfig(
            environment: .testing, dataDirectory: NSTemporaryDirectory(), database: database,
            publicBind: .init(host: "127.0.0.1", port: 0), staffBind: .init(host: "127.0.0.1", port: 0),
            loadDemo: false, masterKey: .given((0..<32).map { _ in UInt8.random(in: 0...255) }), fakeNow: nil,
            secureCookies: false, trustedProxies: [], resourcesDirectory: packageRoot)
    }
}

/// Runs `body` against a fresh, migrated application (with the demo county unless `demo` is
/// false), at 2026-03-02 10:00 Beijing time, and always shuts it down.
func withTestApp(demo: Bool = true, _ body: (TestApp) async throws -> Void) async throws {
    var temporaryDatabase: String?
    let target: ZhengwuConfig.DatabaseTarget
    if let admin = TestApp.postgresURL {
        let name = "zw_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await PostgresTestDatabases.run("CREATE DATABASE \(name)", adminURL: admin)
        temporaryDatabase = name
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        target = .postgres(url: components.string!)
    } else {
        target = .sqliteMemory(identifier: UUID().uuidString)
    }

    let app = try await Application.make(.testing)
    let clock = AppClock(startingAt: ISO8601DateFormatter().date(from: "2026-03-02T10:00:00+08:00"))
    do {
        try await configure(app, with: TestApp.config(database: target), clock: clock)
        try await Startup.migrate(app)
        if demo { _ = try await DemoCounty.load(into: app) }
        try await body(TestApp(app: app, clock: clock))
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        if let temporaryDatabase, let admin = TestApp.postgresURL {
            try? await PostgresTestDatabases.run("DROP DATABASE IF EXISTS \(temporaryDatabase)", adminURL: admin)
        }
        throw error
    }
    if let temporaryDatabase, let admin = TestApp.postgresURL {
        try await PostgresTestDatabases.run("DROP DATABASE IF EXISTS \(temporaryDatabase)", adminURL: admin)
    }
}

/// Creates and drops the per-test PostgreSQL databases through the server's admin URL.
enum PostgresTestDatabases {
    static func run(_ statement: String, adminURL: String) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try .postgres(url: adminURL), as: .psql)
            try await (app.db as! SQLDatabase).raw(SQLQueryString(statement)).run()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
