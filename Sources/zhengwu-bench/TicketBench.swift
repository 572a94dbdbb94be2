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
///     once its transaction is on disk; then every acknowledged ticket must be stored. Baseline:
///     the same server's hello-world route under the same wrk, measured right after.
///  2. a department's queue page (GET /tickets, the default tab) with `tickets` tickets in the
///     database, loaded over HTTP `samples` times; baseline: /healthz loaded alternately with it.
func benchTickets(app: Application, tickets: Int, seconds: Double, connections: Int, samples: Int, scratch: String) async throws -> [BenchFigure] {
    let server = ZhengwuServer(app: app)
    try await server.start()
    let portal = "http://127.0.0.1:\(server.ports.portal)", workbench = "http://127.0.0.1:\(server.ports.workbench)"
    let services = app.zhengwu
    let now = services.clock.now()

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
    let description = "新龙大桥桥头路面坑洼，雨天积水，车辆经过溅水，请尽快修复".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    let script = Wrk.script("local keys = \(Wrk.list(keys))", request: """
      local body = "api_key=" .. keys[(k % #keys) + 1] .. "&service_code=urban-road&lat=30.9396&long=100.3122" ..
        "&attribute%5Breport_type%5D=complaint&phone=139" .. string.format("%08d", k % 100000000) .. "&description=\(description)"
      local headers = {}
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      headers["X-Forwarded-For"] = address
      return wrk.format("POST", "/open311/v2/requests.json", headers, body)
    """)
    let before = try await Ticket.query(on: app.db).count()
    let intake = try Wrk.run(script: script, url: portal + "/open311/v2/requests.json", connections: connections, seconds: seconds,
                             scratch: scratch)
    // Requests in flight when wrk stops may be stored without wrk seeing the answer.
    try await Task.sleep(for: .seconds(2))
    let stored = try await Ticket.query(on: app.db).count() - before
    let acknowledged = intake.completed - intake.failed
    let perSecond = Double(acknowledged) / intake.seconds
    let hello = try Wrk.run(script: Wrk.readScript, url: portal + "/healthz", connections: connections, seconds: seconds, scratch: scratch)
    let verification = try await services.audit.verify(on: app.db)
    print("  tickets: \(acknowledged) acknowledged, \(stored) stored, \(intake.failed) refused")

    // 2. The queue page with a million tickets.
    let departments = try await DepartmentCodes.load(on: app.db)
    let codes = ["FGJ", "GAJ", "MZJ", "WJJ", "YBJ", "SCJ", "ZRJ", "ZJJ", "JTJ", "LCJ", "SWJ", "XXZX"]
    print("  seeding \(tickets) tickets…")
    let seedStart = Date()
    try await seedTickets(tickets, departments: codes.compactMap { departments.byCode[$0] }, now: now, app: app)
    print(String(format: "  seeded in %.0f s", Date().timeIntervalSince(seedStart)))
    let zjj = departments.byCode["ZJJ"]!
    let open = try await TicketDepartment.query(on: app.db).filter(\.$departmentID == zjj).filter(\.$open == true).count()
    let total = try await Ticket.query(on: app.db).count()

    let cookie = "zw_staff_session=\(try await staffSession("zjj-handler", app: app, now: now))"
    let timer = PageTimer()
    let loads = try await timer.alternate([(workbench + "/tickets", cookie), (workbench + "/healthz", nil)], samples: samples)
    await timer.shutdown()
    await stopAfterLoad(server)
    let helloWorld = Baseline(name: "hello-world", value: Double(hello.completed) / hello.seconds, unit: "requests/s")
    return [
        .rate("Durable ticket intake, Open311 `POST /open311/v2/requests.json`", perSecond, unit: "/s", atLeast: 1_000,
              baseline: helloWorld),
        .holds("Acknowledged tickets stored", stored >= acknowledged && acknowledged > 0,
               "\(grouped(Double(acknowledged))) acknowledged, all stored: \(stored >= acknowledged ? "yes" : "NO")"),
        .holds("Audit chain after the tickets", verification.firstBreak == nil,
               "\(grouped(Double(verification.checked))) records, \(verification.firstBreak == nil ? "unbroken" : "BROKEN")"),
        BenchFigure(name: "The country's daily 12345 volume (4.4 million) at that rate", target: "< 75 min",
                    measured: String(format: "%.0f min", 4_400_000 / perSecond / 60), baseline: "—", ratio: "—",
                    passed: 4_400_000 / perSecond / 60 < 75),
        .latency("A department's ticket queue (`/tickets`, \(grouped(Double(open))) open) among \(grouped(Double(total))) tickets",
                 loads[0], below: 50, baseline: loads[1], baselineName: "`/healthz`"),
    ]
}

/// Tickets of the last two years spread over the departments, one in 49 still open: what a
/// county accumulates, written straight into the tables in batches.
private func seedTickets(_ count: Int, departments: [UUID], now: Date, app: Application) async throws {
    let columns = ["id", "number", "type", "channel", "category_code", "status", "content", "caller_name_sealed", "caller_phone_sealed",
                   "caller_phone_index", "caller_email_sealed", "access_code_index", "address", "consent_publish", "lead_department_id", "dispatched_at",
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
                                   (open ? TicketStatus.signed : .closed).rawValue, "第\(n)号工单：路面破损请修复", "", "", "", "", "",
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
