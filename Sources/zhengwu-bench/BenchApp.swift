import AsyncHTTPClient
import Fluent
import FluentPostgresDriver
import Foundation
import NIOCore
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Each part of the benchmark runs on an application of its own: a fresh SQLite file (WAL,
/// `synchronous=FULL`, as `zhengwu serve` opens it) in a scratch folder, or a fresh database on
/// the PostgreSQL server given, with the demo county loaded; both are removed afterwards.
func withBenchApp<T>(postgres url: String? = nil, _ body: (Application, String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhengwu-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var database = ZhengwuConfig.DatabaseTarget.sqliteFile(directory + "/zhengwu.sqlite")
    let scratchDatabase = "zhengwu_bench_" + UUID().uuidString.prefix(8).lowercased()
    if let url {
        try await postgres("CREATE DATABASE \(scratchDatabase)", url: url)
        var components = URLComponents(string: url)!
        components.path = "/" + scratchDatabase
        database = .postgres(url: components.string!)
    }
    let app = try await Application.make(.production)
    app.logger.logLevel = .error
    func cleanUp() async {
        try? await app.asyncShutdown()
        try? FileManager.default.removeItem(atPath: directory)
        if let url { try? await postgres("DROP DATABASE IF EXISTS \(scratchDatabase)", url: url) }
    }
    do {
        let config = ZhengwuConfig(
            environment: .production, dataDirectory: directory, database: database,
            publicBind: .init(host: "127.0.0.1", port: 0), staffBind: .init(host: "127.0.0.1", port: 0), loadDemo: false,
            masterKey: .given((0..<32).map { _ in UInt8.random(in: 0...255) }), fakeNow: nil, secureCookies: false,
            // Every simulated citizen comes "from" an address of their own, as real ones do, so
            // the per-address limits see a crowd rather than one flooding client.
            trustedProxies: ["127.0.0.1"], resourcesDirectory: FileManager.default.currentDirectoryPath)
        try await configure(app, with: config)
        try await Startup.migrate(app)
        _ = try await DemoCounty.load(into: app)
        let result = try await body(app, directory)
        await cleanUp()
        return result
    } catch {
        await cleanUp()
        throw error
    }
}

/// Runs one statement on a PostgreSQL server (to make and drop a part's database).
private func postgres(_ statement: String, url: String) async throws {
    let admin = try await Application.make(.production)
    admin.logger.logLevel = .error
    do {
        admin.databases.use(try .postgres(url: url), as: .psql)
        try await (admin.db as! SQLDatabase).raw(SQLQueryString(statement)).run()
        try await admin.asyncShutdown()
    } catch {
        try? await admin.asyncShutdown()
        throw error
    }
}

/// What this machine does with no application logic in the way, measured at the start of the
/// run: the server's hello-world route under the same load tool, and SQLite's own durable
/// commits. Every figure is read against these (or against a baseline taken beside it).
struct MachineBaseline {
    let description: String
    let helloPerSecond: Double
    let helloLatency: Timings
    let commitsPerSecond: Double
    let rowsPerSecond: Double

    static func measure(app: Application, scratch: String, connections: Int, seconds: Double, rounds: Int) async throws -> MachineBaseline {
        let sql = app.db as! SQLDatabase
        let commits = try await rawCommitsPerSecond(sql)
        let rows = try await rawRowsPerSecond(app.db)
        let server = ZhengwuServer(app: app)
        try await server.start()
        let url = "http://127.0.0.1:\(server.ports.portal)/healthz"
        var rates: [Double] = []
        for _ in 0..<max(rounds, 1) {
            let result = try Wrk.run(script: Wrk.readScript, url: url, connections: connections, seconds: seconds, scratch: scratch)
            rates.append(Double(result.completed) / result.seconds)
        }
        let timer = PageTimer()
        let latency = try await timer.alternate([(url, nil)], samples: 200)[0]
        await timer.shutdown()
        await stopAfterLoad(server)
        return MachineBaseline(description: machineDescription(), helloPerSecond: Timings(rates).median, helloLatency: latency,
                               commitsPerSecond: commits, rowsPerSecond: rows)
    }

    /// Durable commits of one small row each: the rate a server without group commit is held to.
    static func rawCommitsPerSecond(_ sql: SQLDatabase) async throws -> Double {
        try await sql.raw("CREATE TABLE IF NOT EXISTS bench_commits (n INTEGER)").run()
        let began = Date()
        var count = 0
        while Date().timeIntervalSince(began) < 3 {
            try await sql.raw("INSERT INTO bench_commits (n) VALUES (\(bind: count))").run()
            count += 1
        }
        return Double(count) / Date().timeIntervalSince(began)
    }

    /// Rows written when 100 share each durable commit, the way group commit shares them.
    static func rawRowsPerSecond(_ db: any Database) async throws -> Double {
        try await (db as! SQLDatabase).raw("CREATE TABLE IF NOT EXISTS bench_rows (n INTEGER, text TEXT)").run()
        let began = Date()
        var count = 0
        while Date().timeIntervalSince(began) < 3 {
            let first = count
            try await db.transaction { db in
                for n in first..<(first + 100) {
                    try await (db as! SQLDatabase).raw("INSERT INTO bench_rows (n, text) VALUES (\(bind: n), '新龙县茹龙镇团结街')").run()
                }
            }
            count += 100
        }
        return Double(count) / Date().timeIntervalSince(began)
    }

    private static func machineDescription() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return String(format: "Machine: %d cores (%@), %.0f GB memory, %@; load from wrk in a second process.",
                      ProcessInfo.processInfo.activeProcessorCount, cpu, memory, ProcessInfo.processInfo.operatingSystemVersionString)
    }
}

/// Stops a server that wrk has loaded: wrk stops with requests still inside, so they are given
/// time to finish before the server closes, and the database after it.
func stopAfterLoad(_ server: ZhengwuServer) async {
    try? await Task.sleep(for: .seconds(3))
    await server.shutdown()
}

/// Times page loads over real HTTP, one request at a time, on one kept-alive client.
final class PageTimer: Sendable {
    private let client = HTTPClient(eventLoopGroupProvider: .singleton)

    /// Milliseconds to load `url` once, body included; anything but 200 is an error.
    func time(_ url: String, cookie: String? = nil) async throws -> Double {
        var request = HTTPClientRequest(url: url)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        let began = DispatchTime.now().uptimeNanoseconds
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 8 << 20)
        guard response.status == .ok else { throw BenchError("\(url): \(response.status) \(String(buffer: body).prefix(200))") }
        return Double(DispatchTime.now().uptimeNanoseconds - began) / 1_000_000
    }

    /// Loads each URL `samples` times, the URLs taking turns so the machine's drift hits all
    /// alike, after 20 loads each to warm up.
    func alternate(_ urls: [(url: String, cookie: String?)], samples: Int) async throws -> [Timings] {
        for _ in 0..<20 { for (url, cookie) in urls { _ = try await time(url, cookie: cookie) } }
        var times = urls.map { _ in [Double]() }
        for _ in 0..<samples {
            for (index, (url, cookie)) in urls.enumerated() { times[index].append(try await time(url, cookie: cookie)) }
        }
        return times.map(Timings.init)
    }

    func shutdown() async { try? await client.shutdown() }
}
