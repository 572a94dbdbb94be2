import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// 绩效评估 for supervisors: per department, item, window or handler over a date range, with the
/// definitions, a chart of on-time rates beside the table, every count linking to the cases
/// behind it, and CSV.
struct PerformanceController {
    struct Page: Encodable {
        let from: String
        let to: String
        /// What the figures are grouped by (department, item, window, handler), and the choice offered.
        let by: String
        let groupHeading: String
        let dimensions: [SelectOption]
        let headers: [String]
        let rows: [Row]
        let total: Row
        let chart: String
        /// The trend and overdue-by-age charts, each with its table.
        let charts: [PerformanceCharts.Chart]
        let csv: String
        let error: String?
    }

    struct Row: Encodable {
        let id: String
        let name: String
        let cells: [Cell]
    }

    struct Cell: Encodable {
        let text: String
        /// The cases behind a count.
        let href: String?
    }

    /// The columns, in order: heading key, the value's text, and which cases a count stands for.
    static let columns: [(key: String, figure: String?)] = [
        ("performance.received", "received"), ("performance.accepted", "accepted"), ("performance.refused", "refused"),
        ("performance.concluded", "concluded"), ("performance.early_rate", nil), ("performance.on_time_rate", nil),
        ("performance.overdue", "overdue"), ("performance.average_days", nil), ("performance.p90_days", nil),
        ("performance.extensions", nil), ("performance.returns", nil), ("performance.visits_per_case", nil),
        ("performance.one_visit_rate", nil), ("performance.reuses", nil),
    ]

    static func values(_ f: PerformanceFigures) -> [String] {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        func decimal(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
        return [String(f.received), String(f.accepted), String(f.refused), String(f.concluded), percent(f.earlyRate),
                percent(f.onTimeRate), String(f.overdue), decimal(f.averageDaysUsed), f.p90DaysUsed.map(String.init) ?? "—",
                String(f.extensions), String(f.returns), decimal(f.visitsPerCase), percent(f.oneVisitRate), String(f.reuses)]
    }

    func page(_ req: Request) async throws -> Response {
        let actor = try req.requireSupervisor()
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let (range, error) = Self.range(req, calendar: calendar)
        let dimension = Self.dimension(req)
        let groups = try await Self.groups(by: dimension, for: actor, range: range, calendar: calendar, on: req)
        var total = PerformanceFigures()
        for group in groups { total.add(group.figures) }
        let query = "from=\(range.from.iso)&to=\(range.to.iso)"
        func row(_ key: String, _ name: String, _ figures: PerformanceFigures) -> Row {
            let only = key.isEmpty ? "" : "&\(dimension.rawValue)=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            return Row(id: key, name: name, cells: zip(Self.columns, Self.values(figures)).map { column, text in
                Cell(text: text, href: column.figure.map { "/supervision/performance/cases?\(query)&figure=\($0)" + only })
            })
        }
        let chart = BarChart(title: req.t("performance.chart_on_time_by.\(dimension.rawValue)"), bars: groups.map {
            .init(label: $0.name, value: $0.figures.onTimeRate ?? 0, text: Self.values($0.figures)[5])
        }, scaleMax: 1).svg(id: "on-time")
        let page = Page(from: range.from.iso, to: range.to.iso, by: dimension.rawValue,
                        groupHeading: req.t("performance.\(dimension.rawValue)"),
                        dimensions: PerformanceQuery.Dimension.allCases.map {
                            SelectOption(value: $0.rawValue, label: req.t("performance.by.\($0.rawValue)"), selected: $0 == dimension)
                        },
                        headers: Self.columns.map { req.t($0.key) },
                        rows: groups.map { row($0.key, $0.name, $0.figures) },
                        total: row("", req.t("performance.total"), total), chart: chart,
                        charts: [try await PerformanceCharts.trend(for: actor, range: range, on: req),
                                 try await PerformanceCharts.overdueByAge(for: actor, calendar: calendar, on: req)],
                        csv: "/supervision/performance.csv?\(query)&by=\(dimension.rawValue)", error: error)
        return try await req.renderPage("staff/performance", titleKey: "performance.title", page,
                                        status: error == nil ? .ok : .unprocessableEntity)
    }

    /// The same figures as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
    /// Chinese); each export is on the audit trail.
    func csv(_ req: Request) async throws -> Response {
        let actor = try req.requireSupervisor()
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let (range, error) = Self.range(req, calendar: calendar)
        guard error == nil else { throw Abort(.unprocessableEntity, reason: error) }
        let dimension = Self.dimension(req)
        let groups = try await Self.groups(by: dimension, for: actor, range: range, calendar: calendar, on: req)
        var lines = [Self.csvHeader(req.t("performance.\(dimension.rawValue)"), on: req)]
        var total = PerformanceFigures()
        for group in groups {
            total.add(group.figures)
            lines.append(Self.csvLine(group.name, group.figures))
        }
        lines.append(Self.csvLine(req.t("performance.total"), total))
        try await req.application.write { db in
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "performance.exported", subject: "performance",
                                               detail: ["from": range.from.iso, "to": range.to.iso])
        }
        return Self.csvResponse(lines, fileName: "performance-\(range.from.iso)-\(range.to.iso).csv")
    }

    static func csvHeader(_ first: String, on req: Request) -> String {
        ([first] + columns.map { req.t($0.key) }).map(csvField).joined(separator: ",")
    }

    /// The groups with the one of cases without a window or handler named in the reader's language.
    static func groups(by dimension: PerformanceQuery.Dimension, for actor: Actor, range: PerformanceQuery.Range,
                       calendar: WorkingCalendar, on req: Request) async throws -> [PerformanceQuery.Group] {
        try await PerformanceQuery.grouped(by: dimension, for: actor, range: range, calendar: calendar, app: req.application).map {
            $0.key == PerformanceQuery.Dimension.none
                ? PerformanceQuery.Group(key: $0.key, name: req.t("performance.none.\(dimension.rawValue)"), figures: $0.figures) : $0
        }
    }

    static func dimension(_ req: Request) -> PerformanceQuery.Dimension {
        req.query[String.self, at: "by"].flatMap(PerformanceQuery.Dimension.init(rawValue:)) ?? .department
    }

    static func csvLine(_ name: String, _ figures: PerformanceFigures) -> String {
        ([name] + values(figures)).map(csvField).joined(separator: ",")
    }

    /// UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese; CRLF line ends.
    static func csvResponse(_ lines: [String], fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(string: "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return response
    }

    /// A field as CSV writes it; a leading =, +, - or @ is defused so a spreadsheet never runs it.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        return text.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    struct CasesPage: Encodable {
        let heading: String
        let rows: [CaseRow]
        let total: Int
        let pager: Pager
        let back: String
    }

    struct CaseRow: Encodable {
        let id: String
        let receipt: String
        let item: String
        let status: String
        let receivedOn: String
        let decidedOn: String
        let used: String
    }

    /// The cases behind one count.
    func cases(_ req: Request) async throws -> Response {
        let actor = try req.requireSupervisor()
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let (range, _) = Self.range(req, calendar: calendar)
        let figure = req.query[String.self, at: "figure"] ?? "received"
        let (fromISO, toISO) = (range.from.iso, range.to.iso)
        let received: SQLQueryString = "a.received_on >= \(bind: fromISO) AND a.received_on <= \(bind: toISO)"
        let concluded: SQLQueryString = """
            a.status = \(bind: CaseStatus.concluded.rawValue) AND a.decided_on >= \(bind: fromISO) AND a.decided_on <= \(bind: toISO) \
            AND a.working_days_used IS NOT NULL
            """
        let condition: SQLQueryString = switch figure {
        case "accepted": received + " AND a.accepted_on IS NOT NULL"
        case "refused": received + " AND a.status = \(bind: CaseStatus.refused.rawValue)"
        case "concluded": concluded
        case "overdue": concluded + " AND (a.deadline_met IS NULL OR a.deadline_met <> \(bind: CaseDeadlines.Met.promised.rawValue))"
        default: received
        }
        var only: SQLQueryString = ""
        var query = "from=\(fromISO)&to=\(toISO)&figure=\(figure)"
        for dimension in PerformanceQuery.Dimension.allCases {
            guard let key = req.query[String.self, at: dimension.rawValue] else { continue }
            // A key that names nothing shows no cases rather than all of them.
            only = only + " AND " + (dimension.only(key) ?? "1 = 0")
            query += "&\(dimension.rawValue)=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }
        let sql = req.db as! SQLDatabase
        let scope = CaseScope.condition(for: actor)
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM applications a WHERE \(condition) AND \(scope) \(only)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let pager = Pager(number: req.pageNumber, total: total, path: "/supervision/performance/cases", query: query)
        let rows = try await sql.raw("""
            SELECT a.id, a.receipt_number, a.item_name, a.status, a.received_on, a.decided_on, a.working_days_used
            FROM applications a WHERE \(condition) AND \(scope) \(only)
            ORDER BY a.received_on, a.receipt_number
            LIMIT \(literal: pager.range.count) OFFSET \(literal: pager.range.lowerBound)
            """).all()
        let page = CasesPage(
            heading: req.t("performance.cases_of", ["figure": req.t("performance.\(["received", "accepted", "refused", "concluded", "overdue"].contains(figure) ? figure : "received")"),
                                                    "from": fromISO, "to": toISO]),
            rows: try rows.map { row in
                CaseRow(id: try row.decode(column: "id", as: UUID.self).uuidString,
                        receipt: try row.decode(column: "receipt_number", as: String?.self) ?? "",
                        item: try row.decode(column: "item_name", as: String.self),
                        status: req.t((CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted).messageKey),
                        receivedOn: try row.decode(column: "received_on", as: String?.self) ?? "",
                        decidedOn: try row.decode(column: "decided_on", as: String?.self) ?? "",
                        used: (try row.decode(column: "working_days_used", as: Int?.self)).map(String.init) ?? "")
            },
            total: total, pager: pager, back: "/supervision/performance?from=\(fromISO)&to=\(toISO)")
        return try await req.renderPage("staff/performance-cases", titleKey: "performance.cases_title", page)
    }

    /// The range asked for; this year so far when none is given, or with an error when the
    /// dates cannot be read or are the wrong way round.
    static func range(_ req: Request, calendar: WorkingCalendar) -> (PerformanceQuery.Range, String?) {
        let today = LocalDate(req.now, in: calendar.timeZone)
        let fallback = PerformanceQuery.Range(from: LocalDate(year: today.year, month: 1, day: 1)!, to: today)
        let typedFrom = req.query[String.self, at: "from"] ?? "", typedTo = req.query[String.self, at: "to"] ?? ""
        if typedFrom.isEmpty && typedTo.isEmpty { return (fallback, nil) }
        guard let from = LocalDate(iso: typedFrom), let to = LocalDate(iso: typedTo) else {
            return (fallback, req.t("performance.bad_dates"))
        }
        guard from <= to else { return (fallback, req.t("performance.reversed_dates")) }
        return (PerformanceQuery.Range(from: from, to: to), nil)
    }
}
