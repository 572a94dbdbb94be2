import Vapor
import ZhengwuCore

/// 我的待办: the handler's open steps across all cases, with filters, and signing for several
/// role steps at once (签收), the one bulk action that cannot decide anything by mistake.
struct TodoController {
    struct Page: Encodable {
        let rows: [Row]
        let total: Int
        let pager: Pager
        let items: [SelectOption]
        let statuses: [SelectOption]
        let windows: [SelectOption]
        let anySignable: Bool
        let notice: String?
    }

    struct Row: Encodable {
        let caseID: String
        let receipt: String
        let item: String
        let applicant: String
        let step: String
        let stepKey: String
        let status: String
        let due: String
        let daysLeft: String
        let urgency: String
        let caseDue: String
        /// A role step nobody has signed for: can be signed for in bulk.
        let signable: Bool
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try staffActor(req)
        var filter = TodoQuery.Filter()
        filter.itemCode = req.query[String.self, at: "item"].flatMap { $0.isEmpty ? nil : $0 }
        filter.status = req.query[String.self, at: "status"].flatMap(CaseStatus.init(rawValue:)).flatMap { $0.isUnderReview ? $0 : nil }
        filter.due = req.query[String.self, at: "due"].flatMap(TodoQuery.DueWindow.init(rawValue:)) ?? .all
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let (rows, total) = try await TodoQuery.list(for: actor, filter: filter, page: req.pageNumber, calendar: calendar,
                                                     today: today, on: req.db)
        let items = try await TodoQuery.items(for: actor, on: req.db)
        let rules = try await WarningRulesStore.current(on: req)
        let shown = rows.map { row -> Row in
            let status = CaseStatus(rawValue: row.status) ?? .accepted
            let mark = DeadlineMark.make(start: row.startedOn, due: row.dueOn, paused: status.isPaused, rules: rules, today: today,
                                         calendar: calendar, on: req)
            let isDecision = row.stepKey == OpenStep.decisionKey
            return Row(
                caseID: row.applicationId.uuidString, receipt: row.receiptNumber, item: row.itemName,
                applicant: Masking.applicantName(row.applicantName, kind: ApplicantKind(rawValue: row.applicantKind) ?? .person),
                step: isDecision ? req.t("todo.decision_step") : row.stepName, stepKey: row.stepKey,
                status: req.t(status.messageKey), due: row.dueOn,
                daysLeft: mark?.text ?? "", urgency: mark?.badge ?? "badge-muted", caseDue: row.decisionDueOn ?? "",
                signable: !isDecision && row.accountId == nil && row.signedForBy == nil && row.status == CaseStatus.accepted.rawValue)
        }
        var query: [String] = []
        if let code = filter.itemCode { query.append("item=\(code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
        if let status = filter.status { query.append("status=\(status.rawValue)") }
        if filter.due != .all { query.append("due=\(filter.due.rawValue)") }
        let signed = req.query[Int.self, at: "signed"]
        let page = Page(
            rows: shown, total: total, pager: Pager(number: req.pageNumber, total: total, path: "/todo", query: query.joined(separator: "&")),
            items: items.map { SelectOption(value: $0.0, label: "\($0.1)（\($0.0)）", selected: $0.0 == filter.itemCode) },
            statuses: [CaseStatus.accepted, .awaitingMaterial, .specialProcedure].map {
                SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0 == filter.status)
            },
            windows: TodoQuery.DueWindow.allCases.map { SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0 == filter.due) },
            anySignable: shown.contains { $0.signable },
            notice: signed.map { req.t("todo.signed", ["count": String($0)]) })
        return try await req.renderPage("staff/todo", titleKey: "todo.title", page)
    }

    /// Signs for every ticked step; each one on its own, so one taken meanwhile by a colleague
    /// does not stop the others.
    func signFor(_ req: Request) async throws -> Response {
        let actor = try staffActor(req)
        let picked = (try? req.content.get([String].self, at: "pick")) ?? ((try? req.content.get(String.self, at: "pick")).map { [$0] } ?? [])
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let caseActor = try CaseActor.staff(on: req)
        var signed = 0
        for pick in picked.prefix(Pager.pageSize) {
            let parts = pick.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let caseID = UUID(uuidString: parts[0]) else { continue }
            if case .done = try await WorkCase.run(.signFor(step: parts[1]), caseID: caseID, who: .staff(actor), by: caseActor,
                                                   services: req.zhengwu, calendar: calendar, app: req.application) {
                signed += 1
            }
        }
        return req.redirect(to: "/todo?signed=\(signed)")
    }

    private func staffActor(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, actor.kind == .staff else { throw AppError.forbidden }
        return actor
    }
}
