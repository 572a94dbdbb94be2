import Fluent
import Foundation
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The supervision figure: the department scoreboard for a year with `cases` cases of history
/// in the database (95th percentile of loads through the query the page runs), beside a full
/// recount from the cases (what the page would cost without the daily rollup).
func benchPerformance(app: Application, cases: Int, samples: Int) async throws -> [BenchFigure] {
    let db = app.db
    let sql = db as! SQLDatabase
    let services = app.zhengwu
    let calendar = try await services.calendars.calendar(on: db, now: services.clock.now())
    let items = try await ServiceItem.query(on: db).all().compactMap { item -> ServiceItem? in item.publishedRevisionID == nil ? nil : item }
    let regions = Dictionary(uniqueKeysWithValues: try await Department.query(on: db).all().compactMap { d in d.id.map { ($0, d.regionCode) } })
    let applicant = Applicant(kind: .person, name: "扎西平措", identityNumber: "513329198805120017", phone: "13800000001")
    let sealedID = services.vault.seal(applicant.identityNumber), sealedPhone = services.vault.seal(applicant.phone)
    let tail = Applicant.tailIndex(applicant.identityNumber, vault: services.vault)
    let phoneIndex = Applicant.phoneIndex(applicant.phone, vault: services.vault)
    let first = LocalDate(iso: "2025-01-01")!
    let days = 669   // to 31 October 2026
    let names = ["扎西平措", "张丽华", "王建华", "卓玛", "李明", "次仁", "央金", "刘芳"]
    let columns = ["id", "receipt_number", "item_id", "revision_id", "item_code", "item_name", "department_id", "region_code",
                   "applicant_kind", "applicant_name", "applicant_id_sealed", "applicant_id_tail_index", "applicant_phone_sealed",
                   "applicant_phone_index", "form_values", "status", "channel", "visits", "handling", "promised_limit_days",
                   "legal_limit_days", "received_at", "received_on", "acceptance_due_on", "accepted_on", "deemed_accepted",
                   "decision_due_on", "decision", "decided_on", "deadline_met", "working_days_used", "created_at", "updated_at"]
    var random = SystemRandomNumberGenerator()

    print("  generating \(cases) cases of history (2025-01-01 to 2026-10-31)…")
    let began = Date()
    var made = 0
    while made < cases {
        let batch = min(500, cases - made)
        var rows: [[any Encodable & Sendable]] = []
        var timeline: [[any Encodable & Sendable]] = []
        for n in made..<(made + batch) {
            let item = items[n % items.count]
            let received = calendar.addingWorkingDays(0, to: first.adding(days: Int.random(in: 0..<days, using: &random)))
            let promised = 10, legal = 20
            let roll = Int.random(in: 0..<100, using: &random)
            // 85% concluded, 5% refused, 3% withdrawn, the rest still open.
            let status: CaseStatus = roll < 85 ? .concluded : roll < 90 ? .refused : roll < 93 ? .withdrawn : .accepted
            let accepted = status == .refused ? nil : calendar.addingWorkingDays(Int.random(in: 0...3, using: &random), to: received)
            let used = Int.random(in: 0...24, using: &random)
            let decided = status == .concluded ? accepted.map { calendar.addingWorkingDays(used, to: $0) } : nil
            let met = decided == nil ? nil : used <= promised ? "promised" : used <= legal ? "legal" : "late"
            let id = UUID()
            let at = received.startOfDay(in: calendar.timeZone).addingTimeInterval(36_000)
            rows.append([id, String(format: "B%09d", n), item.id!, item.publishedRevisionID!, item.code, item.name, item.departmentID,
                         regions[item.departmentID] ?? "513329", ApplicantKind.person.rawValue, names[n % names.count], sealedID, tail,
                         sealedPhone, phoneIndex, "{}", status.rawValue, ServiceCase.Channel.online.rawValue, Int.random(in: 0...2, using: &random),
                         "promised", promised, legal, at, received.iso, calendar.addingWorkingDays(5, to: received).iso, accepted?.iso,
                         false, accepted.map { calendar.addingWorkingDays(promised, to: $0).iso }, decided == nil ? nil : "granted",
                         decided?.iso, met, decided == nil ? nil : used, at, at])
            timeline.append([UUID(), id, at, CaseEvent.submitted.rawValue, "applicant", names[n % names.count], ""])
            if let decided {
                timeline.append([UUID(), id, decided.startOfDay(in: calendar.timeZone).addingTimeInterval(50_000),
                                 CaseEvent.granted.rawValue, "account:bench", "审批人", ""])
            }
            if let accepted, roll % 12 == 0 {
                timeline.append([UUID(), id, accepted.adding(days: 2).startOfDay(in: calendar.timeZone).addingTimeInterval(40_000),
                                 CaseEvent.returned.rawValue, "account:bench", "审批人", "复核"])
            }
            if let accepted, roll % 20 == 1 {
                timeline.append([UUID(), id, accepted.adding(days: 5).startOfDay(in: calendar.timeZone).addingTimeInterval(40_000),
                                 CaseEvent.extended.rawValue, "account:bench", "审批人", "+5"])
            }
        }
        let applications = rows, entries = timeline
        try await app.write { db in
            let sql = db as! SQLDatabase
            try await sql.writeRows(into: ServiceCase.schema, columns: columns, applications)
            try await sql.writeRows(into: CaseTimelineEntry.schema,
                                    columns: ["id", "application_id", "at", "event", "actor_id", "actor_name", "note"], entries)
        }
        made += batch
        if made % 100_000 == 0 { print("  \(made) cases, \(Int(Date().timeIntervalSince(began))) s") }
    }
    print(String(format: "  generated in %.0f s", Date().timeIntervalSince(began)))

    let rollupStart = Date()
    try await PerformanceRollup.markAll(.init(from: first, to: first.adding(days: days)), on: db)
    try await PerformanceRollup.refresh(calendar: calendar, app: app)
    print(String(format: "  daily rollup of %d days counted in %.0f s", days + 1, Date().timeIntervalSince(rollupStart)))

    let supervisor = Actor(accountID: UUID().uuidString, kind: .staff, roles: [.supervisor], departmentID: nil, regionCode: "513329")
    let year = PerformanceQuery.Range(from: LocalDate(iso: "2026-01-01")!, to: LocalDate(iso: "2026-10-31")!)
    let inYear = try await sql.raw("SELECT COUNT(*) AS n FROM applications WHERE received_on >= '2026-01-01'").first()?
        .decode(column: "n", as: Int.self) ?? 0
    var checked = PerformanceFigures()
    let board = try await Timings.measure(samples) {
        let departments = try await PerformanceQuery.grouped(by: .department, for: supervisor, range: year, calendar: calendar, app: app)
        checked = departments.reduce(into: PerformanceFigures()) { $0.add($1.figures) }
    }
    let recount = try await Timings.measure(5) {
        _ = try await PerformanceQuery.recount(for: supervisor, range: year, calendar: calendar, on: db)
    }
    let counted = try await PerformanceQuery.recount(for: supervisor, range: year, calendar: calendar, on: db)
        .values.reduce(into: PerformanceFigures()) { $0.add($1) }
    let database = sql.dialect.name == "sqlite" ? "SQLite" : "PostgreSQL"
    return [
        .latency("Department scoreboard for 2026 (\(grouped(Double(inYear))) cases in the range, \(grouped(Double(cases))) in all, \(database))",
                 board, below: 200, baseline: recount, baselineName: "a recount from the cases"),
        .holds("Scoreboard's rollup equals a recount from the cases", checked == counted, checked == counted ? "equal" : "DIFFERENT"),
    ]
}
