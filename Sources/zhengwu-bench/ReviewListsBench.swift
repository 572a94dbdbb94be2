import Fluent
import Foundation
import SQLKit
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// The approval figures: a handler's to-do list and a supervisor's list of open cases with
/// `openCases` cases under review in the database (95th percentile of page loads, through the
/// same queries the pages run) beside one case read by its key, and cases advanced per second
/// through a 4-step workflow beside the durable one-row commits SQLite alone manages on the same file.
func benchReviewLists(app: Application, openCases: Int, samples: Int) async throws -> [BenchFigure] {
    let db = app.db
    let services = app.zhengwu
    guard let item = try await ApplicableItem.published(code: "513329-MZJ-GG-001", on: db) else { fatalError("demo item missing") }
    let calendar = try await services.calendars.calendar(on: db, now: services.clock.now())
    let departments = try await DepartmentCodes.load(on: db)
    let mzj = departments.byCode["MZJ"]!, wjj = departments.byCode["WJJ"]!
    let applicant = Applicant(kind: .person, name: "扎西平措", identityNumber: "513329198805120017", phone: "13800000001")
    let start = LocalDate(iso: "2026-09-01")!

    @Sendable func makeCase(_ n: Int, guide: ServiceGuide, on db: Database) async throws -> UUID {
        let record = ServiceCase(item: item, applicant: applicant, accountID: nil, channel: .window, vault: services.vault,
                                 now: services.clock.now())
        record.receiptNumber = String(format: "BENCH-%08d", n)
        record.status = .accepted
        let accepted = calendar.addingWorkingDays(n % 40, to: start)
        record.receivedOn = accepted.iso
        record.acceptedOn = accepted.iso
        try await record.create(with: item, on: db)
        try await record.beginReview(guide: guide, acceptedOn: accepted, calendar: calendar, vault: services.vault, on: db)
        try await record.save(on: db)
        return try record.requireID()
    }

    print("  seeding \(openCases) cases under review…")
    let seedStart = Date()
    var made = 0
    while made < openCases {
        let batch = min(500, openCases - made)
        let first = made
        try await app.write { db in
            for n in first..<(first + batch) { _ = try await makeCase(n, guide: item.guide, on: db) }
        }
        made += batch
    }
    print(String(format: "  seeded in %.0f s", Date().timeIntervalSince(seedStart)))

    let today = LocalDate(services.clock.now(), in: calendar.timeZone)
    let handler = Actor(accountID: UUID().uuidString, kind: .staff, roles: [.departmentHandler], departmentID: mzj.uuidString,
                        regionCode: "513329")
    let supervisor = Actor(accountID: UUID().uuidString, kind: .staff, roles: [.supervisor], departmentID: nil, regionCode: "513329")
    var shown = 0
    let todo = try await Timings.measure(samples) {
        let (rows, _) = try await TodoQuery.list(for: handler, filter: .init(), page: 1, calendar: calendar, today: today, on: db)
        _ = try await TodoQuery.items(for: handler, on: db)
        shown = rows.count
    }
    let todoRows = shown
    let queue = try await Timings.measure(samples) {
        let (rows, _) = try await CaseQueue.list(for: supervisor, group: .accepted, order: .due, page: 1, on: db)
        shown = rows.count
    }
    let queueRows = shown
    // The baseline: one case read by its key through the same database, as cheap as a read gets.
    let someCase = try await ServiceCase.query(on: db).first()!.requireID()
    let keyed = try await Timings.measure(samples) { _ = try await ServiceCase.find(someCase, on: db) }

    // Cases advanced through four steps, each by its own person, every step a real operation.
    var guide = item.guide
    guide.workflow = WorkflowDefinition(stages: [
        .init(name: "受理审查", steps: [.init(key: "s1", name: "审查", assignee: .role(.departmentHandler, departmentCode: "MZJ"), allottedDays: 2)]),
        .init(name: "联合审查", steps: [.init(key: "s2", name: "联审", assignee: .role(.departmentHandler, departmentCode: "WJJ"), allottedDays: 2)]),
        .init(name: "复核", steps: [.init(key: "s3", name: "复核", assignee: .role(.departmentHead, departmentCode: "WJJ"), allottedDays: 2)]),
        .init(name: "决定", steps: [.init(key: "s4", name: "决定", assignee: .role(.departmentHead, departmentCode: "MZJ"), allottedDays: 2)]),
    ])
    let count = 400
    let workflowGuide = guide
    let ids = try await app.write { db in
        var ids: [UUID] = []
        for n in 0..<count { ids.append(try await makeCase(openCases + n, guide: workflowGuide, on: db)) }
        return ids
    }
    let people: [(String, Actor)] = [
        ("s1", handler),
        ("s2", Actor(accountID: UUID().uuidString, kind: .staff, roles: [.departmentHandler], departmentID: wjj.uuidString, regionCode: "513329")),
        ("s3", Actor(accountID: UUID().uuidString, kind: .staff, roles: [.departmentHead], departmentID: wjj.uuidString, regionCode: "513329")),
        ("s4", Actor(accountID: UUID().uuidString, kind: .staff, roles: [.departmentHead], departmentID: mzj.uuidString, regionCode: "513329")),
    ]
    let began = Date()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for id in ids {
            group.addTask {
                for (step, actor) in people {
                    let outcome = try await WorkCase.run(.approve(step: step, note: ""), caseID: id, who: .staff(actor), by: .system,
                                                         services: services, calendar: calendar, app: app)
                    guard case .done = outcome else { fatalError("step \(step) not done: \(outcome)") }
                }
            }
        }
        try await group.waitForAll()
    }
    let seconds = Date().timeIntervalSince(began)
    let commits = try await MachineBaseline.rawCommitsPerSecond(db as! SQLDatabase)
    let cases = grouped(Double(openCases))
    return [
        .latency("Handler's to-do list, \(cases) cases under review (page of \(todoRows), count, item filter)", todo, below: 50,
                 baseline: keyed, baselineName: "one case by key"),
        .latency("Supervisor's open cases by due date, \(cases) under review (page of \(queueRows), count)", queue, below: 50,
                 baseline: keyed, baselineName: "one case by key"),
        .rate("Workflow operations (4 steps per case, each its own durable commit)", Double(count * 4) / seconds, unit: "/s",
              baseline: Baseline(name: "SQLite one-row commits", value: commits, unit: "/s")),
    ]
}
