import Fluent
import Foundation
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The one-stop figures, against the real server on a SQLite file with WAL and
/// `synchronous=FULL`, loaded by wrk from a second process:
///  1. durable submissions per second: concurrent `POST /api/v1/applications`, each answered only
///     once its transaction is on disk; afterwards every acknowledged one must be stored and the
///     audit chain must verify;
///  2. requests per second of a service guide page against the same server's hello-world route
///     (`/healthz`), rounds alternating so the machine's drift hits both alike.
func benchApplications(app: Application, scratch: String, connections: Int, seconds: Double, rounds: Int) async throws -> [BenchFigure] {
    let tokens = try await applicantSessions(1_500, app: app)
    let server = ZhengwuServer(app: app)
    try await server.start()
    let base = "http://127.0.0.1:\(server.ports.portal)"
    func wrk(_ script: String, _ path: String) throws -> WrkResult {
        try Wrk.run(script: script, url: base + path, connections: connections, seconds: seconds, scratch: scratch)
    }

    let before = try await ServiceCase.query(on: app.db).count()
    let result = try wrk(submissionScript(tokens: tokens), "/api/v1/applications")
    // wrk stops with requests still in the server: let them finish, then count. Those may be
    // stored without wrk seeing the answer, so the check is that nothing acknowledged is missing.
    try await Task.sleep(for: .seconds(3))
    let stored = try await ServiceCase.query(on: app.db).count() - before
    let acknowledged = result.completed - result.failed
    let verification = try await app.zhengwu.audit.verify(on: app.db)
    print("  submissions: \(acknowledged) acknowledged, \(stored) stored, \(result.failed) refused")

    let guide = "/services/513329-MZJ-GF-002"
    _ = try wrk(Wrk.readScript, guide)  // warm-up: the rendered-page cache, connections
    var hello: [Double] = [], pages: [Double] = []
    for _ in 0..<max(rounds, 1) {
        let h = try wrk(Wrk.readScript, "/healthz"), g = try wrk(Wrk.readScript, guide)
        guard g.failed == 0 else { throw BenchError("\(guide): \(g.failed) requests failed") }
        hello.append(Double(h.completed) / h.seconds)
        pages.append(Double(g.completed) / g.seconds)
    }
    await stopAfterLoad(server)
    let helloWorld = Baseline(name: "hello-world", value: Timings(hello).median, unit: "requests/s")
    return [
        .rate("Durable submissions, `POST /api/v1/applications` (form, a PDF, two certificates)",
              Double(acknowledged) / result.seconds, unit: "/s", atLeast: 1_000, baseline: helloWorld),
        .holds("Acknowledged submissions stored", stored >= acknowledged && acknowledged > 0,
               "\(grouped(Double(acknowledged))) acknowledged, all stored: \(stored >= acknowledged ? "yes" : "NO")"),
        .holds("Audit chain after the submissions", verification.firstBreak == nil,
               "\(grouped(Double(verification.checked))) records, \(verification.firstBreak == nil ? "unbroken" : "BROKEN")"),
        .rate("Service guide page, visitor not signed in", Timings(pages).median, unit: "requests/s", baseline: helloWorld,
              ratioAtLeast: 0.5),
    ]
}

/// Applicants with API sessions, made directly (a Bcrypt hash each would take minutes).
private func applicantSessions(_ count: Int, app: Application) async throws -> [String] {
    let vault = app.zhengwu.vault
    let now = app.zhengwu.clock.now()
    return try await app.write { db in
        var tokens: [String] = []
        let hash = try await PasswordHasher(app: app).hash("Bench-2026-zw")
        for index in 0..<count {
            let phone = String(format: "139%08d", index)
            let stem = String(format: "51332919900101%03d", index % 1000)
            let id = "0123456789X".map { stem + String($0) }
                .first { (try? ResidentIDNumber(validating: $0, today: LocalDate(year: 2026, month: 1, day: 1)!)) != nil }!
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
}

/// Every request of the Lua script comes from its own address with the next applicant's token.
private func submissionScript(tokens: [String]) -> String {
    let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8).base64EncodedString()
    let body = """
    {"itemCode":"513329-MZJ-GF-002","form":{"applicant_name":"测试申请人","applicant_id_number":"513329198805120017",\
    "phone":"13800000001","home_address":"新龙县茹龙镇团结街22号","hardship_type":"急难型","amount_requested":"3000",\
    "description":"家中房屋失火，一家五口暂住亲戚家。"},"materials":[{"key":"application","fileName":"申请书.pdf","content":"\(pdf)"},\
    {"key":"household_register","certificateReference":"HK-1"},{"key":"id_card","certificateReference":"ID-1"}]}
    """
    let escapedBody = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return Wrk.script("local tokens = \(Wrk.list(tokens))\nlocal body = \"\(escapedBody)\"", request: """
      local headers = {}
      headers["Authorization"] = "Bearer " .. tokens[(k % #tokens) + 1]
      headers["Content-Type"] = "application/json"
      headers["X-Forwarded-For"] = address
      return wrk.format("POST", "/api/v1/applications", headers, body)
    """)
}
