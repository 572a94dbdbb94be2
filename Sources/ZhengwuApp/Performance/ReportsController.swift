import Fluent
import Vapor
import ZhengwuCore

/// 周报 and 月报 on the workbench (the whole government, or one department), made on the
/// schedule or on demand, as a page and as CSV; and their public version on the portal
/// (办件统计: volumes and on-time rates, no personal data).
struct ReportsController {
    struct ListPage: Encodable {
        let reports: [Listed]
        let form: FormState
        let kinds: [SelectOption]
        let notice: String?
    }

    struct Listed: Encodable {
        let id: String
        let title: String
        let generatedAt: String
    }

    func list(_ req: Request) async throws -> Response {
        _ = try req.requireSupervisor()
        let notice = req.query[String.self, at: "made"] == "1" ? req.t("reports.made") : nil
        return try await renderList(req, form: FormState(), notice: notice)
    }

    private func renderList(_ req: Request, form: FormState, notice: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let reports = try await PerformanceReport.query(on: req.db).sort(\.$periodStart, .descending).sort(\.$kind).limit(200).all()
        let page = ListPage(
            reports: reports.map { Listed(id: $0.id?.uuidString ?? "", title: Self.title($0, on: req), generatedAt: DisplayTime.minute($0.generatedAt)) },
            form: form,
            kinds: PerformanceReport.Kind.allCases.map {
                .init(value: $0.rawValue, label: req.t("reports.kind.\($0.rawValue)"), selected: form.values["kind"] == $0.rawValue)
            },
            notice: notice)
        return try await req.renderPage("staff/reports", titleKey: "reports.title", page, status: status)
    }

    /// On demand: the report of the finished week or month that contains the day given.
    func make(_ req: Request) async throws -> Response {
        let actor = try req.requireSupervisor()
        var (form, raw) = FormState.reading(req, fields: ["kind", "day"])
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        guard let kind = PerformanceReport.Kind(rawValue: raw["kind"] ?? "") else { throw Abort(.badRequest) }
        var range: PerformanceQuery.Range?
        if let day = LocalDate(iso: raw["day"] ?? "") {
            let period = PerformanceReports.lastPeriod(kind, before: kind == .weekly ? day.adding(days: 7) : Self.nextMonth(day))
            if period.to < today { range = period } else { form.add("day", req.t("reports.not_finished")) }
        } else {
            form.add("day", req.t("performance.bad_dates"))
        }
        guard let range else { return try await renderList(req, form: form, notice: nil, status: .unprocessableEntity) }
        let report = try await PerformanceReports.generate(kind, range: range, by: actor.accountID, services: req.zhengwu, app: req.application)
        try await req.application.write { db in
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "report.generated",
                                               subject: "report:\(kind.rawValue):\(range.from.iso)")
        }
        return req.redirect(to: "/supervision/reports/\(try report.requireID())")
    }

    static func nextMonth(_ day: LocalDate) -> LocalDate {
        day.month == 12 ? LocalDate(year: day.year + 1, month: 1, day: 1)! : LocalDate(year: day.year, month: day.month + 1, day: 1)!
    }

    struct ReportPage: Encodable {
        let id: String
        let title: String
        let generatedAt: String
        let headers: [String]
        let rows: [PerformanceController.Row]
        let total: PerformanceController.Row?
        let departments: [SelectOption]
        let csv: String
    }

    func show(_ req: Request) async throws -> Response {
        _ = try req.requireSupervisor()
        let report = try await find(req)
        let only = req.query[String.self, at: "department"].flatMap(UUID.init(uuidString:))
        let lines = report.lines.filter { only == nil || $0.departmentID == only }
        func row(_ name: String, _ figures: PerformanceFigures) -> PerformanceController.Row {
            .init(id: "", name: name, cells: PerformanceController.values(figures).map { .init(text: $0, href: nil) })
        }
        let id = try report.requireID().uuidString
        let page = ReportPage(
            id: id, title: Self.title(report, on: req), generatedAt: DisplayTime.minute(report.generatedAt),
            headers: PerformanceController.columns.map { req.t($0.key) },
            rows: lines.map { row($0.department, $0.figures) },
            total: only == nil ? row(req.t("performance.total"), report.total) : nil,
            departments: report.lines.map { .init(value: $0.departmentID.uuidString, label: $0.department, selected: $0.departmentID == only) },
            csv: "/supervision/reports/\(id)/csv" + (only.map { "?department=\($0)" } ?? ""))
        return try await req.renderPage("staff/report", title: page.title, page)
    }

    func csv(_ req: Request) async throws -> Response {
        _ = try req.requireSupervisor()
        let report = try await find(req)
        let only = req.query[String.self, at: "department"].flatMap(UUID.init(uuidString:))
        var lines = [PerformanceController.csvHeader(req.t("performance.department"), on: req)]
        for line in report.lines where only == nil || line.departmentID == only {
            lines.append(PerformanceController.csvLine(line.department, line.figures))
        }
        if only == nil { lines.append(PerformanceController.csvLine(req.t("performance.total"), report.total)) }
        try await req.application.write { db in
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "report.exported",
                                               subject: "report:\(report.kind.rawValue):\(report.periodStart)")
        }
        return PerformanceController.csvResponse(lines, fileName: "report-\(report.kind.rawValue)-\(report.periodStart).csv")
    }

    struct PublicPage: Encodable {
        let reports: [PublicReport]
    }

    struct PublicReport: Encodable {
        let title: String
        let rows: [[String]]
    }

    /// 办件统计 on the portal: the last twelve monthly reports, volumes and on-time rates per
    /// department. Satisfaction appears once ratings (好差评) exist.
    func publicStatistics(_ req: Request) async throws -> Response {
        let reports = try await PerformanceReport.query(on: req.db).filter(\.$kind == .monthly)
            .sort(\.$periodStart, .descending).limit(12).all()
        let page = PublicPage(reports: reports.map { report in
            PublicReport(title: Self.title(report, on: req), rows: (report.lines.map { ($0.department, $0.figures) }
                + [(req.t("performance.total"), report.total)]).map { name, figures in
                    let values = PerformanceController.values(figures)
                    return [name, values[0], values[3], values[5], "—"]
                })
        })
        return try await req.renderPage("portal/statistics", titleKey: "statistics.title", page)
    }

    static func title(_ report: PerformanceReport, on req: Request) -> String {
        req.t("reports.title.\(report.kind.rawValue)", ["from": report.periodStart, "to": report.periodEnd])
    }

    private func find(_ req: Request) async throws -> PerformanceReport {
        guard let id = req.parameters.get("id", as: UUID.self), let report = try await PerformanceReport.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return report
    }
}
