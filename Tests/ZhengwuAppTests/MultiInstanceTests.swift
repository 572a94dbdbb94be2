import Foundation
import Testing
import Vapor
@testable import ZhengwuApp

@Suite("Several instances on one PostgreSQL database")
struct MultiInstanceTests {
    @Test(.enabled(if: TestApp.postgresURL != nil, "needs ZHENGWU_TEST_POSTGRES_URL"))
    func instancesStartingTogetherMigrateAndLoadTheDemoOnce() async throws {
        let admin = try #require(TestApp.postgresURL)
        let name = "zw_multi_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try await PostgresTestDatabases.run("CREATE DATABASE \(name)", adminURL: admin)
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        let config = TestApp.config(database: .postgres(url: components.string!))

        let results = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let app = try await Application.make(.testing)
                    do {
                        try await configure(app, with: config)
                        try await Startup.migrate(app)
                        let loaded = try await Startup.loadDemoIfEmpty(app)
                        try await app.asyncShutdown()
                        return loaded?.count
                    } catch {
                        try? await app.asyncShutdown()
                        throw error
                    }
                }
            }
            return try await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        try await PostgresTestDatabases.run("DROP DATABASE IF EXISTS \(name)", adminURL: admin)
        #expect(results.count == 3)
        #expect(results.compactMap { $0 }.count == 1, "exactly one instance loads the demo")
    }
}
