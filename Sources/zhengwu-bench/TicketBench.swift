import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The 12345 figures, in one run on this machine, each beside its baseline:
///  1. durable ticket intake: wrk (a second process) posting Open311 requests, each answered only
///     once its transaction is on disk; then every acknowledged ticket must be stored. Baselines:
///     the same server's hello-world route under the same wrk, and SQLite's own durable commits
///     per second, one row per transaction.
///  2. a department's queue page (GET /tickets, the default tab) with `tickets` tickets in the
///     database, loaded over HTTP `samples` times; baseline: /healthz loaded the same way.
func benchTickets(app: Application, tickets: Int, seconds: Double, connections: Int, samples: Int, scratch: String) async throws {
    let server = ZhengwuServer(app: app)
    try await server.start()
    let portal = "http://127.0.0.1:\(server.ports.portal)", workbench = "http://127.0.0.1:\(server.ports.workbench)"
    let services = app.zhengwu
    let now = services.clock.now()
    let sql = app.db as! SQLDatabase

    // 1. Intake. Partners relay many people, so keys are limited per key: 200 keys stand for a
    // province's worth of client systems.
    let keys = try await app.write { db in
        var keys: [String] = []
        for n in 0..<200 {
            keys.append(try await Open311Keys.issue(name: "bench \(n)", by: "bench", services: services, auditActor: .system("bench"),
                                                    now: now, on: db))
        }
        return keys
    }
    guard Wrk.path != nil else {
        print("wrk is not installed (apt install wrk): the intake figure needs a second process to load the server")
        await server.shutdown()
        return
    }
    let description = "新龙大桥桥头路面坑洼，雨天积水，车辆经过溅水，请尽快修复".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    let script = """
    local keys = {\(keys.map { "\"\($0)\"" }.joined(separator: ","))}
    local threads = 0
    function setup(thread) thread:set("id", threads); threads = threads + 1 end
    function init(args) n = 0 end
    function request()
      n = n + 1
      local k = n * 2 + id
      local body = "api_key=" .. keys[(k % #keys) + 1] .. "&service_code=urban-road&lat=30.9396&long=100.3122" ..
        "&attribute%5Breport_type%5D=complaint&phone=139" .. string.format("%08d", k % 100000000) .. "&description=\(description)"
      local headers = {}
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      headers["X-Forwarded-For"] = "10." .. (k % 250) .. "." .. (math.floor(k / 250) % 250) .. "." .. (math.floor(k / 62500) % 250 + 1)
      return wrk.format("POST", "/open311/v2/requests.json", headers, body)
    end
    """
    let readScript = """
    function request() return wrk.format("GET", nil, {["X-Forwarded-For"] = "10.200.0." .. math.random(1, 250)}) end
    """
    let before = try await Ticket.query(on: app.db).count()
    let intake = try Wrk.run(script: script, url: portal + "/open311/v2/requests.json", connections: connections, seconds: seconds,
                             scratch: scratch)
    // Requests in flight when wrk stops may be stored without wrk seeing the answer.
    try await Task.sleep(for: .seconds(2))
    let stored = try await Ticket.query(on: app.db).count() - before
    let acknowledged = intake.completed - intake.failed
    let perSecond = Double(acknowledged) / intake.seconds
    let hello = try Wrk.run(script: readScript, url: portal + "/healthz", connections: connections, seconds: seconds, scratch: scratch)
    let helloPerSecond = Double(hello.completed) / hello.seconds
    let commits = try await rawCommitsPerSecond(sql)
    print(String(format: "Ticket intake (Open311 POST, wrk, %d connections): %d acknowledged in %.1f s = %.0f durable tickets/s (target ≥ 1,000)",
                 connections, acknowledged, intake.seconds, perSecond))
    print("  stored: \(stored) (every acknowledged one: \(stored >= acknowledged)); refused: \(intake.failed)")
    print(String(format: "  baselines: hello-world %.0f requests/s (ratio %.2f); SQLite alone %.0f durable one-row commits/s (ratio %.1f)",
                 helloPerSecond, perSecond / helloPerSecond, commits, perSecond / commits))
    print(String(format: "  4.4 million tickets (a day of the country's 12345 calls) at this rate: %.0f minutes", 4_400_000 / perSecond / 60))
    let verification = try await services.audit.verify(on: app.db)
    print("  audit chain: \(verification.checked) records, \(verification.firstBreak == nil ? "unbroken" : "BROKEN")")

    // 2. The queue page with a million tickets.
    let departments = try await DepartmentCodes.load(on: app.db)
    let codes = ["FGJ", "GAJ", "MZJ", "WJJ", "YBJ", "SCJ", "ZRJ", "ZJJ", "JTJ", "LCJ", "SWJ", "XXZX"]
    print("Seeding \(tickets) tickets…")
    let seedStart = Date()
    try await seedTickets(tickets, departments: codes.compactMap { departments.byCode[$0] }, now: now, app: app)
    print(String(format: "  seeded in %.0f s", Date().timeIntervalSince(seedStart)))
    let zjj = departments.byCode["ZJJ"]!
    let open = try await TicketDepartment.query(on: app.db).filter(\.$departmentID == zjj).filter(\.$open == true).count()
    let all = try await TicketDepartment.query(on: app.db).filter(\.$departmentID == zjj).count()

    let token = try await staffSession("zjj-handler", app: app, now: now)
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    func load(_ url: String, cookie: String?) async throws -> Double {
        var request = HTTPClientRequest(url: url)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        let began = DispatchTime.now().uptimeNanoseconds
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 8 << 20)
        guard response.status == .ok else { throw Abort(.internalServerError, reason: "\(url): \(response.status) \(String(buffer: body).prefix(200))") }
        return Double(DispatchTime.now().uptimeNanoseconds - began) / 1_000_000
    }
    let cookie = "zw_staff_session=\(token)"
    for _ in 0..<20 { _ = try await load(workbench + "/tickets", cookie: cookie) }  // warm-up
    var page: [Double] = [], healthz: [Double] = []
    for _ in 0..<samples {
        page.append(try await load(workbench + "/tickets", cookie: cookie))
        healthz.append(try await load(workbench + "/healthz", cookie: nil))
    }
    func p95(_ values: [Double]) -> Double { values.sorted()[Int(Double(values.count) * 0.95) - 1] }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    print(String(format: "Department queue /tickets (住建局: %d open of %d tickets; %d in the database): p95 %.1f ms, median %.1f ms (target p95 < 50 ms)",
                 open, all, try await Ticket.query(on: app.db).count(), p95(page), median(page)))
    print(String(format: "  baseline /healthz over HTTP: p95 %.2f ms, median %.2f ms (ratio of medians %.1f)",
                 p95(healthz), median(healthz), median(page) / median(healthz)))
    try await client.shutdown()
    await server.shutdown()
}

/// Durable commits of one small row each, the rate a server without group commit would be held to.
private func rawCommitsPerSecond(_ sql: SQLDatabase) async throws -> Double {
    try await sql.raw("CREATE TABLE IF NOT EXISTS bench_commits (n INTEGER)").run()
    let began = Date()
    var count = 0
    while Date().timeIntervalSince(began) < 3 {
        try await sql.raw("INSERT INTO bench_commits (n) VALUES (\(bind: count))").run()
        count += 1
    }
    return Double(count) / Date().timeIntervalSince(began)
}

/// Tickets of the last two years spread over the departments, one in 49 still open: what a
/// county accumulates, written straight into the tables in batches.
private func seedTickets(_ count: Int, departments: [UUID], now: Date, app: Application) async throws {
    let columns = ["id", "number", "type", "channel", "category_code", "status", "content", "caller_name_sealed", "caller_phone_sealed",
                   "caller_phone_index", "caller_email_sealed", "address", "consent_publish", "lead_department_id", "dispatched_at",
                   "dispatched_on", "reply_by", "extension_days", "pending_extension_reason", "return_count", "urge_count", "reply",
                   "created_at", "created_on", "updated_at"]
    let calendar = WorkingCalendar.default
    let today = LocalDate(now, in: calendar.timeZone)
    let categories = ["urban-road", "urban-light", "urban-sanitation", "social-assistance", "market-food", "tax", "police"]
    var made = 0
    while made < count {
        let batch = min(2_000, count - made)
        let first = made
        try await app.write { db in
            let sql = db as! SQLDatabase
            var ticketRows: [[any Encodable & Sendable]] = [], departmentRows: [[any Encodable & Sendable]] = []
            for n in first..<(first + batch) {
                let id = UUID()
                let open = n % 49 == 0  // 49 is prime to the 12 departments, so each gets its share
                let day = today.adding(days: -(n % 730))
                let at = day.instant(atMinute: 9 * 60 + n % 480, in: calendar.timeZone)
                let department = departments[n % departments.count]
                let replyBy = day.adding(days: 14).iso
                ticketRows.append([id, String(format: "B%07d-BENCH-%07d", n / 10_000_000, n % 10_000_000), TicketType.complaint.rawValue,
                                   TicketChannel.web.rawValue, categories[n % categories.count],
                                   (open ? TicketStatus.signed : .closed).rawValue, "第\(n)号工单：路面破损请修复", "", "", "", "",
                                   "新龙县茹龙镇", false, department, at, day.iso, replyBy, 0, "", 0, 0, open ? "" : "已处理", at, day.iso, at])
                departmentRows.append([UUID(), id, department, TicketDepartment.Role.lead.rawValue, open, replyBy])
            }
            for start in stride(from: 0, to: batch, by: 500) {
                try await sql.writeRows(into: Ticket.schema, columns: columns, Array(ticketRows[start..<min(start + 500, batch)]))
                try await sql.writeRows(into: TicketDepartment.schema, columns: ["id", "ticket_id", "department_id", "role", "open", "reply_by"],
                                        Array(departmentRows[start..<min(start + 500, batch)]))
            }
        }
        made += batch
    }
    try await (app.db as! SQLDatabase).raw("ANALYZE").run()
}

/// A complete (two-factor) workbench session for a demo member of staff.
private func staffSession(_ username: String, app: Application, now: Date) async throws -> String {
    let token = RandomToken.make()
    try await app.write { db in
        guard let account = try await Account.query(on: db).filter(\.$username == username).first() else { throw Abort(.notFound) }
        try await AccountSession(tokenHash: RandomToken.hash(token), accountID: account.requireID(), listener: "workbench", stage: .complete,
                                 now: now, expiresAt: now.addingTimeInterval(12 * 3600), sourceAddress: "bench").create(on: db)
    }
    return token
}
