import Fluent
import Vapor
import ZhengwuCore

/// 网民反映问题办理情况周报: the week's tickets by type, category and department, replies on time,
/// satisfaction and the top topics (TicketWeeklyFigures), as a page and as CSV. The hotline office
/// and supervisors read it; the week runs Monday to Sunday.
struct TicketReportController {
    struct Line: Encodable {
        let name: String
        let count: Int
    }

    struct DepartmentLine: Encodable {
        let name: String
        let received: Int
        let replied: Int
        let onTime: String
        let satisfied: String
    }

    struct ReportPage: Encodable {
        let week: String
        let weekEnd: String
        let previous: String
        let next: String
        let received: Int
        let replied: Int
        let onTime: String
        let satisfied: String
        let ratings: Int
        let types: [Line]
        let categories: [Line]
        let departments: [DepartmentLine]
        let topics: [Line]
    }

    func page(_ req: Request) async throws -> Response {
        let page = try await report(req)
        return try await req.renderPage("staff/ticket-report", title: req.t("ticket_report.title_week", ["from": page.week, "to": page.weekEnd]), page)
    }

    func csv(_ req: Request) async throws -> Response {
        let page = try await report(req)
        let field = PerformanceController.csvField
        var lines = [[req.t("ticket_report.section"), req.t("ticket_report.item"), req.t("ticket_report.received"),
                      req.t("ticket_report.replied"), req.t("ticket_report.on_time"), req.t("ticket_report.satisfied")].map(field).joined(separator: ",")]
        lines.append([req.t("ticket_report.total"), "", String(page.received), String(page.replied), page.onTime, page.satisfied].map(field).joined(separator: ","))
        for line in page.types { lines.append([req.t("ticket.type"), line.name, String(line.count), "", "", ""].map(field).joined(separator: ",")) }
        for line in page.categories { lines.append([req.t("ticket.category"), line.name, String(line.count), "", "", ""].map(field).joined(separator: ",")) }
        for line in page.departments {
            lines.append([req.t("ticket.lead"), line.name, String(line.received), String(line.replied), line.onTime, line.satisfied].map(field).joined(separator: ","))
        }
        for line in page.topics { lines.append([req.t("ticket_report.topics"), line.name, String(line.count), "", "", ""].map(field).joined(separator: ",")) }
        try await req.application.write { db in
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "ticket_report.exported", subject: "ticket_report:\(page.week)")
        }
        return PerformanceController.csvResponse(lines, fileName: "12345-weekly-\(page.week).csv")
    }

    private func report(_ req: Request) async throws -> ReportPage {
        guard let actor = try req.requireSignedIn().completeActor, actor.has(.hotlineOperator) || actor.has(.supervisor) else {
            throw AppError.forbidden
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let asked = req.query[String.self, at: "week"].flatMap(LocalDate.init(iso:)) ?? today
        let monday = asked.adding(days: 1 - asked.weekday)
        let sunday = monday.adding(days: 6)
        let start = monday.instant(atMinute: 0, in: calendar.timeZone), end = monday.adding(days: 7).instant(atMinute: 0, in: calendar.timeZone)
        let catalogue = try await TicketCatalogue.current(req)
        let names = try await Department.names(on: req.db)
        func top(_ code: String) -> String { catalogue.tree.path(of: code).first?.name ?? code }
        func leaf(_ code: String) -> String { catalogue.tree.category(code)?.name ?? code }
        let received = try await Ticket.query(on: req.db).filter(\.$createdOn >= monday.iso).filter(\.$createdOn <= sunday.iso).all()
        let replied = try await Ticket.query(on: req.db).filter(\.$repliedAt >= start).filter(\.$repliedAt < end).filter(\.$articleID == nil).all()
        var ratings = try await Rating.query(on: req.db).filter(\.$subject == .ticket).filter(\.$createdOn >= monday.iso)
            .filter(\.$createdOn <= sunday.iso).all()
        // A review whose appeal was upheld does not count, as on the public satisfaction page.
        let withdrawn = Set(try await Rectification.query(on: req.db).filter(\.$ratingID ~~ ratings.compactMap(\.id))
            .filter(\.$appeal == .upheld).all().map(\.ratingID))
        ratings.removeAll { $0.id.map(withdrawn.contains) ?? false }
        let types = Dictionary(try await Ticket.query(on: req.db).filter(\.$id ~~ ratings.map(\.subjectID)).all().map { ($0.id, $0.type) },
                               uniquingKeysWith: { a, _ in a })
        var facts = received.map {
            TicketWeeklyFigures.Fact(type: $0.type, category: top($0.categoryCode), department: $0.leadDepartmentID.flatMap { names[$0] },
                                     received: true, topics: [leaf($0.categoryCode)])
        }
        facts += replied.map {
            TicketWeeklyFigures.Fact(type: $0.type, category: top($0.categoryCode), department: $0.leadDepartmentID.flatMap { names[$0] },
                                     received: false, repliedOnTime: $0.repliedOnTime ?? true)
        }
        facts += ratings.map {
            TicketWeeklyFigures.Fact(type: types[$0.subjectID] ?? .complaint, category: $0.serviceName, department: names[$0.departmentID],
                                     received: false, rating: $0.satisfaction)
        }
        let figures = TicketWeeklyFigures(facts)
        func percent(_ perMille: Int?) -> String { perMille.map { String(format: "%.1f%%", Double($0) / 10) } ?? "—" }
        return ReportPage(
            week: monday.iso, weekEnd: sunday.iso, previous: monday.adding(days: -7).iso, next: monday.adding(days: 7).iso,
            received: figures.received, replied: figures.replied, onTime: percent(figures.onTimePerMille),
            satisfied: percent(figures.satisfaction.satisfiedPerMille), ratings: figures.satisfaction.total,
            types: TicketType.allCases.map { Line(name: req.t($0.messageKey), count: figures.byType[$0] ?? 0) },
            categories: figures.byCategory.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { Line(name: $0.key, count: $0.value) },
            departments: figures.departments.values.sorted { ($0.received, $1.department) > ($1.received, $0.department) }.map {
                DepartmentLine(name: $0.department, received: $0.received, replied: $0.replied, onTime: percent($0.onTimePerMille),
                               satisfied: percent($0.satisfaction.satisfiedPerMille))
            },
            topics: figures.topTopics(10).map { Line(name: $0.topic, count: $0.tickets) })
    }
}
