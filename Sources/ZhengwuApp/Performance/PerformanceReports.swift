import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// 周报 and 月报: the performance figures of every department for a finished week or month,
/// kept as they stood when generated (on the schedule, or when a supervisor asks again).
/// `@unchecked Sendable`: see ServiceCase.
final class PerformanceReport: Model, @unchecked Sendable {
    static let schema = "performance_reports"

    enum Kind: String, Codable, CaseIterable {
        case weekly
        case monthly
    }

    struct Line: Codable {
        let departmentID: UUID
        let department: String
        let figures: PerformanceFigures
    }

    @ID(key: .id) var id: UUID?
    @Enum(key: "kind") var kind: Kind
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @Field(key: "lines") var linesJSON: String
    @Field(key: "generated_at") var generatedAt: Date
    @Field(key: "generated_by") var generatedBy: String

    init() {}

    var lines: [Line] { (try? JSONDecoder().decode([Line].self, from: Data(linesJSON.utf8))) ?? [] }

    var total: PerformanceFigures {
        var total = PerformanceFigures()
        for line in lines { total.add(line.figures) }
        return total
    }
}

enum PerformanceReports {
    static let leaseName = "performance-reports"

    /// The last finished week (Monday to Sunday) or month before `today`.
    static func lastPeriod(_ kind: PerformanceReport.Kind, before today: LocalDate) -> PerformanceQuery.Range {
        switch kind {
        case .weekly:
            let thisMonday = today.adding(days: 1 - today.weekday)
            return .init(from: thisMonday.adding(days: -7), to: thisMonday.adding(days: -1))
        case .monthly:
            let firstOfThis = LocalDate(year: today.year, month: today.month, day: 1)!
            let lastOfPrevious = firstOfThis.adding(days: -1)
            return .init(from: LocalDate(year: lastOfPrevious.year, month: lastOfPrevious.month, day: 1)!, to: lastOfPrevious)
        }
    }

    /// Reads the figures of `range` for the whole install and stores them as the report of that
    /// period, replacing an earlier one of the same period.
    @discardableResult
    static func generate(_ kind: PerformanceReport.Kind, range: PerformanceQuery.Range, by who: String,
                         services: ZhengwuServices, app: Vapor.Application) async throws -> PerformanceReport {
        let everything = Actor(accountID: "system", kind: .staff, roles: [.supervisor], departmentID: nil, regionCode: "")
        let calendar = try await services.calendars.calendar(on: app.db, now: services.clock.now())
        let departments = try await PerformanceQuery.grouped(by: .department, for: everything, range: range, calendar: calendar, app: app)
        let lines = departments.compactMap { group in
            UUID(uuidString: group.key).map { PerformanceReport.Line(departmentID: $0, department: group.name, figures: group.figures) }
        }
        let json = String(decoding: try JSONEncoder.sorted.encode(lines), as: UTF8.self)
        let now = services.clock.now()
        return try await app.write { db in
            try await CaseLock.serialise("performance-report:\(kind.rawValue):\(range.from.iso)", on: db)
            let report = try await PerformanceReport.query(on: db).filter(\.$kind == kind)
                .filter(\.$periodStart == range.from.iso).first() ?? PerformanceReport()
            report.kind = kind
            report.periodStart = range.from.iso
            report.periodEnd = range.to.iso
            report.linesJSON = json
            report.generatedAt = now
            report.generatedBy = who
            try await report.save(on: db)
            return report
        }
    }

    /// The schedule: last week's and last month's reports, each made once (by one instance,
    /// under a lease; a report already there is left as it is).
    static func runSchedule(services: ZhengwuServices, app: Vapor.Application, worker: String) async throws -> Int {
        let now = services.clock.now()
        guard try await JobLease.acquire(leaseName, holder: worker, for: 3000, now: now, on: app.db) else { return 0 }
        let today = LocalDate(now, in: WorkingCalendar.default.timeZone)
        var made = 0
        for kind in PerformanceReport.Kind.allCases {
            let range = lastPeriod(kind, before: today)
            let exists = try await PerformanceReport.query(on: app.db).filter(\.$kind == kind)
                .filter(\.$periodStart == range.from.iso).count() > 0
            if !exists {
                try await generate(kind, range: range, by: "system", services: services, app: app)
                made += 1
            }
        }
        return made
    }
}
