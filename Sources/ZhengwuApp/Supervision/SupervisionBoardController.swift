import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// 电子监察 for supervisors: the live board, the cases behind each of its figures, and the
/// warning rules.
struct SupervisionBoardController {
    struct BoardPage: Encodable {
        let departments: [WatchBoard.DepartmentCounts]
        let totals: [String: Int]
        let open: Int
        let rules: WarningRules
        let supervisions: [OpenSupervision]
        let audit: AuditState
        let reuses: Int
        let flags: [Flag]
        /// 依申请公开: open requests by colour.
        let requests: RequestWatch.Counts
        let tickets: TicketWatch.Counts
    }

    struct Flag: Encodable {
        let caseID: String
        let receipt: String
        let text: String
        let at: String
    }

    struct OpenSupervision: Encodable {
        let caseID: String
        let receipt: String
        let item: String
        let answerDueOn: String
        let isOverdue: Bool
    }

    struct AuditState: Encodable {
        let checked: Bool
        let broken: Bool
        let text: String
    }

    func board(_ req: Request) async throws -> Response {
        let actor = try req.requireSupervisor()
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: req)
        let cases = try await WatchBoard.cases(for: actor, rules: rules, calendar: calendar, today: today, on: req.db)
        let sql = req.db as! SQLDatabase
        let open = try await sql.raw("""
            SELECT s.application_id, s.answer_due_on, a.receipt_number, a.item_name FROM supervisions s
            JOIN applications a ON a.id = s.application_id
            WHERE s.answered_at IS NULL AND \(CaseScope.condition(for: actor)) ORDER BY s.answer_due_on LIMIT 200
            """).all()
        let audit = try await ScheduledAuditCheck.last(on: req.db, services: req.zhengwu, now: req.now)
        let flags = try await sql.raw("""
            SELECT f.application_id, f.text, f.created_at, a.receipt_number FROM case_flags f
            JOIN applications a ON a.id = f.application_id
            WHERE \(CaseScope.condition(for: actor)) ORDER BY f.created_at DESC LIMIT 50
            """).all()
        let page = BoardPage(
            departments: WatchBoard.counts(cases),
            totals: WatchBoard.byLevel(cases),
            open: cases.count, rules: rules,
            supervisions: try open.map { row in
                let due = try row.decode(column: "answer_due_on", as: String.self)
                return OpenSupervision(caseID: try row.decode(column: "application_id", as: UUID.self).uuidString,
                                       receipt: try row.decode(column: "receipt_number", as: String?.self) ?? "",
                                       item: try row.decode(column: "item_name", as: String.self),
                                       answerDueOn: due, isOverdue: today.iso > due)
            },
            audit: AuditState(
                checked: audit != nil, broken: audit?.brokenAt != nil,
                text: audit.map { outcome in
                    outcome.brokenAt.map { req.t("watch_board.audit_broken", ["record": String($0), "at": DisplayTime.minute(outcome.checkedAt)]) }
                        ?? req.t("watch_board.audit_ok", ["count": String(outcome.checked), "at": DisplayTime.minute(outcome.checkedAt)])
                } ?? req.t("watch_board.audit_unchecked")),
            reuses: try await CertificateLibrary.reuseCount(on: req.db),
            flags: try flags.map { row in
                Flag(caseID: try row.decode(column: "application_id", as: UUID.self).uuidString,
                     receipt: try row.decode(column: "receipt_number", as: String?.self) ?? "",
                     text: try row.decode(column: "text", as: String.self),
                     at: DisplayTime.minute(try row.decode(column: "created_at", as: Date.self)))
            },
            requests: try await RequestWatch.counts(for: actor, on: req),
            tickets: try await TicketWatch.counts(for: actor, on: req))
        return try await req.renderPage("staff/supervision", titleKey: "watch_board.title", page)
    }

    struct CasesPage: Encodable {
        let level: String
        let department: String
        let rows: [CaseRow]
        let total: Int
        let pager: Pager
    }

    struct CaseRow: Encodable {
        let id: String
        let receipt: String
        let item: String
        let department: String
        let status: String
        let due: String
        let badge: String
    }

    /// The cases behind one figure of the board.
    func cases(_ req: Request) async throws -> Response {
        let actor = try req.requireSupervisor()
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let level = req.query[String.self, at: "level"].flatMap(WarningLevel.init(rawValue:))
        let department = req.query[String.self, at: "department"].flatMap(UUID.init(uuidString:))
        let found = try await WatchBoard.cases(for: actor, rules: try await WarningRulesStore.current(on: req), calendar: calendar,
                                               today: today, department: department, level: level, on: req.db)
        // Soonest due first, a page at a time.
        let sorted = found.sorted { ($0.0.clock.due ?? "", $0.0.receiptNumber ?? "") < ($1.0.clock.due ?? "", $1.0.receiptNumber ?? "") }
        var query: [String] = []
        if let level { query.append("level=\(level.rawValue)") }
        if let department { query.append("department=\(department)") }
        let pager = Pager(number: req.pageNumber, total: sorted.count, path: "/supervision/cases", query: query.joined(separator: "&"))
        let rows = sorted[min(pager.range.lowerBound, sorted.count)..<min(pager.range.upperBound, sorted.count)].map { row, level in
            CaseRow(id: row.id.uuidString, receipt: row.receiptNumber ?? "", item: row.itemName, department: row.departmentName,
                    status: req.t((CaseStatus(rawValue: row.status) ?? .accepted).messageKey), due: row.clock.due ?? "",
                    badge: DeadlineMark.badge(level))
        }
        let page = CasesPage(level: level.map { req.t($0.messageKey) } ?? req.t("watch_board.all_levels"),
                             department: department == nil ? "" : found.first?.0.departmentName ?? "", rows: rows,
                             total: sorted.count, pager: pager)
        return try await req.renderPage("staff/supervision-cases", titleKey: "watch_board.cases_title", page)
    }

    struct RulesPage: Encodable {
        let form: FormState
        let notice: String?
    }

    func showRules(_ req: Request) async throws -> Response {
        _ = try req.requireSupervisor(.editRules)
        let rules = try await WarningRulesStore.current(on: req)
        var form = FormState()
        form.values["days_left"] = String(rules.yellowDaysLeft)
        form.values["percent_used"] = String(rules.yellowPercentUsed)
        let notice = req.query[String.self, at: "saved"] == "1" ? req.t("settings.saved") : nil
        return try await req.renderPage("staff/warning-rules", titleKey: "warning_rules.title", RulesPage(form: form, notice: notice))
    }

    func saveRules(_ req: Request) async throws -> Response {
        _ = try req.requireSupervisor(.editRules)
        var (form, raw) = FormState.reading(req, fields: ["days_left", "percent_used"])
        let days = Int(raw["days_left"] ?? ""), percent = Int(raw["percent_used"] ?? "")
        if days == nil { form.add("days_left", req.t("form.not_a_number")) }
        if percent == nil { form.add("percent_used", req.t("form.not_a_number")) }
        if let days, let percent {
            for problem in WarningRules(yellowDaysLeft: days, yellowPercentUsed: percent).problems {
                form.add(problem == .daysLeftOutOfRange ? "days_left" : "percent_used", problem.message, on: req)
            }
        }
        guard form.isValid, let days, let percent else {
            return try await req.renderPage("staff/warning-rules", titleKey: "warning_rules.title", RulesPage(form: form, notice: nil),
                                            status: .unprocessableEntity)
        }
        let rules = WarningRules(yellowDaysLeft: days, yellowPercentUsed: percent)
        let value = String(decoding: try JSONEncoder.sorted.encode(rules), as: UTF8.self)
        let audit = req.zhengwu.audit, actor = req.auditActor
        try await req.application.write { db in
            try await SiteSetting.put(WarningRulesStore.key, value, on: db)
            try await audit.append(on: db, actor: actor, action: "supervision.rules_saved", subject: "warning_rules",
                                   detail: ["days_left": String(days), "percent_used": String(percent)])
        }
        req.zhengwu.siteSettings.invalidate()
        return req.redirect(to: "/supervision/rules?saved=1")
    }
}
