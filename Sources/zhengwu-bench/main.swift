// Measures, on this machine and in one run:
//  1. durable submissions per second: concurrent POST /api/v1/applications against the real
//     server on a SQLite file with WAL and synchronous=FULL, each acknowledged only once its
//     transaction is on disk; afterwards every acknowledged receipt number must be in the file;
//  2. requests per second of a service guide page against the same server's hello-world route
//     (/healthz), alternating, with the ratio;
//  3. with --review-only, --performance-only, --terms-only, --search-only or --tickets-only: the approval
//     lists, the supervision scoreboard, the banned-word check, publication search, or 12345 intake and
//     a department's ticket queue alone.
// Build with `bench/run` (release, testing enabled so the setup can create accounts directly).
import AsyncHTTPClient
import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import NIOHTTP1
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

struct Options {
    var applicants = 400
    var submissions = 8_000
    var concurrency = 64
    var seconds = 10.0
    var rounds = 3
    /// Cases under review seeded for the approval lists; 0 skips that part.
    var openCases = 100_000
    /// Run only the approval part.
    var reviewOnly = false
    /// Run only the supervision part: `performanceCases` cases of history and the scoreboard.
    var performanceOnly = false
    var performanceCases = 1_000_000
    /// With --performance-only: a PostgreSQL server to run it on (a fresh database is made and dropped).
    var postgresURL: String?
    /// Run only the 12345 part: ticket intake and a department's queue with `tickets` tickets.
    var ticketsOnly = false
    var tickets = 1_000_000
    /// Run only the banned-word check (no server, no database).
    var termsOnly = false
    /// Run only the publication search over `publications` generated documents.
    var searchOnly = false
    var publications = 200_000

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            if flag == "--review-only" {
                reviewOnly = true
                continue
            }
            if flag == "--search-only" {
                searchOnly = true
                continue
            }
            if flag == "--tickets-only" {
                ticketsOnly = true
                continue
            }
            if flag == "--terms-only" {
                termsOnly = true
                continue
            }
            if flag == "--performance-only" {
                performanceOnly = true
                continue
            }
            if flag == "--postgres" {
                postgresURL = iterator.next()
                continue
            }
            let value = iterator.next().flatMap(Double.init) ?? 0
            switch flag {
            case "--open-cases": openCases = Int(value)
            case "--cases": performanceCases = Int(value)
            case "--publications": publications = Int(value)
            case "--tickets": tickets = Int(value)
            case "--submissions": submissions = Int(value)
            case "--concurrency": concurrency = Int(value)
            case "--seconds": seconds = value
            case "--rounds": rounds = Int(value)
            default: print("unknown option \(flag)"); exit(2)
            }
        }
        applicants = max(applicants, submissions / 25 + 1, 1_500)
    }
}

let options = Options(CommandLine.arguments)
if options.termsOnly {
    benchTerms()
    exit(0)
}
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhengwu-bench-\(UUID().uuidString)").path
/// Runs one statement on a PostgreSQL server (to make and drop the benchmark's database).
func postgres(_ statement: String, url: String) async throws {
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

var database = ZhengwuConfig.DatabaseTarget.sqliteFile(directory + "/zhengwu.sqlite")
let benchDatabase = "zhengwu_bench_" + UUID().uuidString.prefix(8).lowercased()
if let url = options.postgresURL {
    try await postgres("CREATE DATABASE \(benchDatabase)", url: url)
    var components = URLComponents(string: url)!
    components.path = "/" + benchDatabase
    database = .postgres(url: components.string!)
}
let app = try await Application.make(.production)
app.logger.logLevel = .error
let config = ZhengwuConfig(
    environment: .production, dataDirectory: directory, database: database,
    publicBind: .init(host: "127.0.0.1", port: 0), staffBind: .init(host: "127.0.0.1", port: 0), loadDemo: false,
    masterKey: .given((0..<32).map { _ in UInt8.random(in: 0...255) }), fakeNow: nil, secureCookies: false,
    // Every applicant comes "from" their own address, as real citizens do, so the per-address
    // limits see a crowd rather than one flooding client.
    trustedProxies: ["127.0.0.1"], resourcesDirectory: FileManager.default.currentDirectoryPath)
try await configure(app, with: config)
try await Startup.migrate(app)
_ = try await DemoCounty.load(into: app)
if options.performanceOnly {
    print("Database: \(options.postgresURL == nil ? "SQLite file (WAL)" : "PostgreSQL")")
    try await benchPerformance(app: app, cases: options.performanceCases, samples: 100)
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: directory)
    if let url = options.postgresURL { try await postgres("DROP DATABASE IF EXISTS \(benchDatabase)", url: url) }
    exit(0)
}
if options.ticketsOnly {
    try await benchTickets(app: app, tickets: options.tickets, seconds: options.seconds, connections: options.concurrency, samples: 200,
                           scratch: directory)
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: directory)
    exit(0)
}
if options.searchOnly {
    try await benchSearch(app: app, count: options.publications, samples: 200)
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: directory)
    exit(0)
}
if options.reviewOnly {
    try await benchReviewLists(app: app, openCases: options.openCases, samples: 200)
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: directory)
    exit(0)
}
let sql = app.db as! SQLDatabase
let journal = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) ?? "?"
let synchronous = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) ?? -1
print("SQLite at \(directory): journal_mode=\(journal), synchronous=\(synchronous == 2 ? "FULL" : String(synchronous))")

// Applicants with API sessions, made directly (a Bcrypt hash each would take minutes).
let vault = app.zhengwu.vault
let now = app.zhengwu.clock.now()
let tokens: [String] = try await app.write { db in
    var tokens: [String] = []
    let hash = try await PasswordHasher(app: app).hash("Bench-2026-zw")
    for index in 0..<options.applicants {
        let phone = String(format: "139%08d", index)
        let stem = String(format: "51332919900101%03d", index % 1000)
        let id = "0123456789X".map { stem + String($0) }.first { (try? ResidentIDNumber(validating: $0, today: LocalDate(year: 2026, month: 1, day: 1)!)) != nil }!
        let account = Account(kind: .citizen, loginIndex: LoginIdentifier.portal(phone, vault: vault), username: nil,
                              displayName: "测试申请人\(index)", passwordHash: hash, createdAt: now)
        account.phoneSealed = vault.seal(phone)
        account.phoneMasked = Masking.phone(phone)
        account.idNumberSealed = vault.seal(id)
        account.idNumberIndex = LoginIdentifier.idNumber(id, vault: vault) + "-\(index)"
        try await account.create(on: db)
        let token = RandomToken.make()
        try await AccountSession(tokenHash: RandomToken.hash(token), accountID: account.requireID(), listener: "portal", stage: .complete,
                                 now: now, expiresAt: now.addingTimeInterval(12 * 3600), sourceAddress: "bench").create(on: db)
        tokens.append(token)
    }
    return tokens
}

let server = ZhengwuServer(app: app)
try await server.start()
let base = "http://127.0.0.1:\(server.ports.portal)"
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(60))))

let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8).base64EncodedString()
let body = """
{"itemCode":"513329-MZJ-GF-002","form":{"applicant_name":"测试申请人","applicant_id_number":"513329198805120017",\
"phone":"13800000001","home_address":"新龙县茹龙镇团结街22号","hardship_type":"急难型","amount_requested":"3000",\
"description":"家中房屋失火，一家五口暂住亲戚家。"},"materials":[{"key":"application","fileName":"申请书.pdf","content":"\(pdf)"},\
{"key":"household_register","certificateReference":"HK-1"},{"key":"id_card","certificateReference":"ID-1"}]}
"""

func request(_ method: HTTPMethod, _ path: String, token: String? = nil, from address: String, body: String? = nil) async throws -> (Int, String) {
    var request = HTTPClientRequest(url: base + path)
    request.method = method
    request.headers.add(name: "X-Forwarded-For", value: address)
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if let body {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await client.execute(request, timeout: .seconds(60))
    let bytes = try await response.body.collect(upTo: 1 << 20)
    return (Int(response.status.code), String(buffer: bytes))
}


func runWrk(script: String, path: String, seconds: Double) throws -> WrkResult {
    try Wrk.run(script: script, url: base + path, connections: options.concurrency, seconds: seconds, scratch: directory)
}

/// Every request of the Lua script comes from its own address with the next applicant's token.
func submissionScript() -> String {
    let list = tokens.map { "\"\($0)\"" }.joined(separator: ",")
    let escapedBody = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return """
    local tokens = {\(list)}
    local body = "\(escapedBody)"
    local threads = 0
    function setup(thread) thread:set("id", threads); threads = threads + 1 end
    function init(args) n = 0 end
    function request()
      n = n + 1
      local k = n * 2 + id
      local headers = {}
      headers["Authorization"] = "Bearer " .. tokens[(k % #tokens) + 1]
      headers["Content-Type"] = "application/json"
      headers["X-Forwarded-For"] = "10." .. (k % 250) .. "." .. (math.floor(k / 250) % 250) .. "." .. (math.floor(k / 62500) % 250 + 1)
      return wrk.format("POST", "/api/v1/applications", headers, body)
    end
    """
}

let readScript = """
local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) n = 0 end
function request()
  n = n + 1
  local k = n * 2 + id
  return wrk.format("GET", nil, {["X-Forwarded-For"] = "10.200." .. (k % 250) .. "." .. (math.floor(k / 250) % 250 + 1)})
end
"""

// 1. Durable submissions.
if Wrk.path != nil {
    let before: Int = try await ServiceCase.query(on: app.db).count()
    let result = try runWrk(script: submissionScript(), path: "/api/v1/applications", seconds: options.seconds)
    // Requests still in flight when wrk stops may be stored without wrk seeing the answer, so
    // the check is that nothing acknowledged is missing.
    let stored: Int = try await ServiceCase.query(on: app.db).count() - before
    let acknowledged = result.completed - result.failed
    print(String(format: "Submissions (wrk, %d connections): %d acknowledged in %.2f s = %.0f durable submissions/s",
                 options.concurrency, acknowledged, result.seconds, Double(acknowledged) / result.seconds))
    print("  stored: \(stored) (at least every acknowledged one: \(stored >= acknowledged)); refused: \(result.failed)")
} else {
    let counter = NIOLockedValueBox(0)
    let receipts = NIOLockedValueBox<[String]>([])
    let failures = NIOLockedValueBox<[Int: Int]>([:])
    let started = Date()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<options.concurrency {
            group.addTask {
                while true {
                    let n = counter.withLockedValue { value -> Int in value += 1; return value }
                    guard n <= options.submissions else { return }
                    let applicant = n % tokens.count
                    let (status, text) = try await request(.POST, "/api/v1/applications", token: tokens[applicant],
                                                           from: "10.\(applicant / 250).\(applicant % 250).\(worker % 250 + 1)", body: body)
                    if status == 201, let range = text.range(of: #"receiptNumber":"([^"]+)"#, options: .regularExpression) {
                        receipts.withLockedValue { $0.append(String(text[range].dropFirst(16))) }
                    } else {
                        failures.withLockedValue { $0[status, default: 0] += 1 }
                    }
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = Date().timeIntervalSince(started)
    let acknowledged = receipts.withLockedValue { $0 }
    let stored: Int = try await ServiceCase.query(on: app.db).filter(\.$receiptNumber ~~ acknowledged).count()
    print(String(format: "Submissions: %d acknowledged in %.2f s = %.0f durable submissions/s (concurrency %d)",
                 acknowledged.count, elapsed, Double(acknowledged.count) / elapsed, options.concurrency))
    print("  stored and found again: \(stored) of \(acknowledged.count); refused: \(failures.withLockedValue { $0 })")
}

let verification = try await app.zhengwu.audit.verify(on: app.db)
print("  audit chain: \(verification.checked) records, \(verification.firstBreak == nil ? "unbroken" : "BROKEN")")

// 2. A guide page against the hello-world route, alternating so drift hits both alike.
func throughput(_ path: String) async throws -> Double {
    if Wrk.path != nil {
        let result = try runWrk(script: readScript, path: path, seconds: options.seconds)
        guard result.failed == 0 else { throw Abort(.internalServerError, reason: "\(path): \(result.failed) failed") }
        return Double(result.completed) / result.seconds
    }
    let done = NIOLockedValueBox(0)
    let deadline = Date().addingTimeInterval(options.seconds)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<options.concurrency {
            group.addTask {
                while Date() < deadline {
                    let (status, _) = try await request(.GET, path, from: "10.9.\(worker / 250).\(worker % 250 + 1)")
                    guard status == 200 else { throw Abort(.internalServerError, reason: "\(path) answered \(status)") }
                    done.withLockedValue { $0 += 1 }
                }
            }
        }
        try await group.waitForAll()
    }
    return Double(done.withLockedValue { $0 }) / options.seconds
}

let guide = "/services/513329-MZJ-GF-002"
_ = try await throughput(guide)  // warm-up: caches, connections, JIT-free but page-cache warm
var hello: [Double] = []
var pages: [Double] = []
for _ in 0..<options.rounds {
    hello.append(try await throughput("/healthz"))
    pages.append(try await throughput(guide))
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
print(String(format: "Hello-world /healthz: %.0f requests/s (median of %d × %.0f s)", median(hello), options.rounds, options.seconds))
print(String(format: "Guide page %@: %.0f requests/s", guide, median(pages)))
print(String(format: "Ratio guide / hello-world: %.2f", median(pages) / median(hello)))

if options.openCases > 0 {
    try await benchReviewLists(app: app, openCases: options.openCases, samples: 200)
}

try await client.shutdown().get()
// wrk stops with requests still in the server; let them finish before closing the database.
try await Task.sleep(for: .seconds(3))
await server.shutdown()
try await app.asyncShutdown()
try? FileManager.default.removeItem(atPath: directory)
