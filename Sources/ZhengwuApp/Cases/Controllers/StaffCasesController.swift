import Fluent
import Vapor
import ZhengwuCore

/// 办件受理: the department's (or the centre's) queue of cases, each case in full, and the
/// acceptance decisions with their written notices. What each person sees is CasePolicy's.
struct StaffCasesController {
    struct Tab: Encodable {
        let label: String
        let href: String
        let current: Bool
    }

    struct Row: Encodable {
        let id: String
        let receipt: String
        let item: String
        let applicant: String
        let department: String
        let status: String
        let channel: String
        let receivedOn: String
        let due: String
        let daysLeft: String
        let urgency: String
    }

    struct QueuePage: Encodable {
        let tabs: [Tab]
        let orders: [Tab]
        let rows: [Row]
        let total: Int
        let pager: Pager
    }

    struct DetailPage: Encodable {
        let view: CaseView
        let canDecide: Bool
        /// The applicant brings the corrections to the window: the clerk adds them and resubmits.
        let canCorrect: Bool
        let canRecordVisit: Bool
        let departments: [Option]
        let form: FormState
        let notice: String?
        /// Personal numbers are masked and this person may ask to see them in full.
        let canReveal: Bool
        /// The review once accepted: steps, deadlines, and what this person may do.
        let review: ReviewView?
        /// 催办 and 督办, for supervisors and the lead department's head.
        let supervision: SupervisionView?
    }

    struct Option: Encodable {
        let value: String
        let label: String
    }

    func queue(_ req: Request) async throws -> Response {
        let actor = try staffActor(req)
        let group = req.query[String.self, at: "group"].flatMap(CaseQueue.Group.init(rawValue:)) ?? .awaiting
        let order = req.query[String.self, at: "order"].flatMap(CaseQueue.Order.init(rawValue:)) ?? .due
        let (rows, total) = try await CaseQueue.list(for: actor, group: group, order: order, page: req.pageNumber, on: req.db)
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: req)
        let page = QueuePage(
            tabs: CaseQueue.Group.allCases.map {
                Tab(label: req.t($0.messageKey), href: "/cases?group=\($0.rawValue)&order=\(order.rawValue)", current: $0 == group)
            },
            orders: CaseQueue.Order.allCases.map {
                Tab(label: req.t($0.messageKey), href: "/cases?group=\(group.rawValue)&order=\($0.rawValue)", current: $0 == order)
            },
            rows: rows.map { row in
                let status = CaseStatus(rawValue: row.status) ?? .submitted
                // Before acceptance the 5-day acceptance clock runs, then the decision's.
                let (start, due) = CaseClock.current(status: status, receivedOn: row.receivedOn, acceptanceDueOn: row.acceptanceDueOn,
                                                     acceptedOn: row.acceptedOn, decisionDueOn: row.decisionDueOn)
                let mark = status.isFinished ? nil : DeadlineMark.make(start: start, due: due, paused: status.isPaused, rules: rules,
                                                                       today: today, calendar: calendar, on: req)
                return Row(
                    id: row.id.uuidString, receipt: row.receiptNumber, item: row.itemName,
                    applicant: Masking.applicantName(row.applicantName, kind: ApplicantKind(rawValue: row.applicantKind) ?? .person), department: row.departmentName,
                    status: req.t(status.messageKey),
                    channel: req.t("case.channel.\(row.channel)"), receivedOn: row.receivedOn ?? "", due: due ?? "",
                    daysLeft: mark?.text ?? "", urgency: mark?.badge ?? "badge-muted")
            },
            total: total,
            pager: Pager(number: req.pageNumber, total: total, path: "/cases", query: "group=\(group.rawValue)&order=\(order.rawValue)"))
        return try await req.renderPage("staff/cases", titleKey: "queue.title", page)
    }

    func show(_ req: Request) async throws -> Response {
        let (record, item, actor) = try await load(req, .view)
        let notice: String? = req.query[String.self, at: "done"].flatMap { done in
            ["accepted", "correction", "refused", "visit", "walk_in", "added", "resubmitted", "deemed"].contains(done)
                ? req.t("case.done.\(done)") : CaseEvent(rawValue: done).map { req.t($0.messageKey) }
        }
        return try await render(req, record, item, actor, form: FormState(), notice: notice)
    }

    /// The case page again after a refused form, showing what went wrong (422).
    func showAgain(_ req: Request, caseID: UUID, form: FormState) async throws -> Response {
        let (record, item, actor) = try await load(req, .view)
        return try await render(req, record, item, actor, form: form, notice: nil, status: .unprocessableEntity)
    }

    func render(_ req: Request, _ record: ServiceCase, _ item: ApplicableItem, _ actor: Actor, form: FormState,
                notice: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let subject = try await CaseScope.subject(of: record, on: req.db)
        // Masked by default (identity.md); those whose role needs the full numbers ask for them
        // on purpose, and each such view is on the record.
        let mayReveal = CasePolicy.permits(actor, .viewPersonalData, on: subject)
        let reveal = mayReveal && req.query[String.self, at: "reveal"] == "1"
        if reveal {
            // Every full view of someone's ID and phone number is on the record (PIPL, 等保).
            try await req.application.write { db in
                try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "case.personal_data_viewed",
                                                   subject: "case:\(record.receiptNumber ?? "")")
            }
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let view = try await CaseView.make(record, item: item, revealPersonalData: reveal, calendar: calendar, on: req)
        let departments = try await Department.query(on: req.db).filter(\.$id != record.departmentID).sort(\.$sortOrder).all()
        let page = DetailPage(
            view: view, canDecide: CasePolicy.permits(actor, .decideAcceptance, on: subject) && record.status.awaitsAcceptance,
            canCorrect: CasePolicy.permits(actor, .decideAcceptance, on: subject) && record.status == .correctionRequested,
            canRecordVisit: CasePolicy.permits(actor, .recordWalkIn, on: subject) && record.status.allows(.visitRecorded),
            departments: departments.map { Option(value: $0.id?.uuidString ?? "", label: $0.name) }, form: form, notice: notice,
            canReveal: mayReveal && !reveal,
            review: try await ReviewView.make(record, guide: item.guide, actor: actor, subject: subject, calendar: calendar, on: req),
            supervision: try await SupervisionView.make(record, actor: actor, subject: subject, calendar: calendar, on: req))
        return try await req.renderPage("staff/case", title: record.receiptNumber ?? record.itemName, page, status: status)
    }

    func decide(_ req: Request) async throws -> Response {
        let (record, item, actor) = try await load(req, .view)
        var (form, raw) = FormState.reading(req, fields: ["decision", "corrections", "reason", "referral"])
        let decision: DecideAcceptance.Decision
        switch raw["decision"] {
        case "accept":
            decision = .accept
        case "correct":
            decision = .requestCorrection(items: GuideText.lines(raw["corrections"] ?? ""))
        case "refuse":
            decision = .refuse(reason: raw["reason"] ?? "", referralDepartmentID: raw["referral"].flatMap(UUID.init(uuidString:)))
        default:
            throw Abort(.badRequest)
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let caseActor = try CaseActor.staff(on: req)
        switch try await DecideAcceptance.run(decision, caseID: try record.requireID(), actor: actor, by: caseActor,
                                              services: req.zhengwu, calendar: calendar, app: req.application) {
        case .decided:
            let done = raw["decision"] == "accept" ? "accepted" : raw["decision"] == "correct" ? "correction" : "refused"
            return req.redirect(to: "/cases/\(try record.requireID())?done=\(done)")
        case .deemedAccepted:
            return req.redirect(to: "/cases/\(try record.requireID())?done=deemed")
        case .invalid(let issues):
            for issue in issues { form.add(issue.field, issue.message, on: req) }
            return try await render(req, record, item, actor, form: form, notice: nil, status: .unprocessableEntity)
        case .forbidden:
            throw AppError.forbidden
        case .notAllowed:
            throw AppError.conflict
        }
    }

    func recordVisit(_ req: Request) async throws -> Response {
        let (record, _, actor) = try await load(req, .recordWalkIn)
        let caseActor = try CaseActor.staff(on: req)
        guard try await RecordVisit.run(caseID: try record.requireID(), actor: actor, by: caseActor, services: req.zhengwu,
                                        app: req.application) else { throw AppError.conflict }
        return req.redirect(to: "/cases/\(try record.requireID())?done=visit")
    }

    /// A correction handed in at the window: a scanned material (or a certificate number).
    func addMaterial(_ req: Request) async throws -> Response {
        let (record, item, actor) = try await load(req, .decideAcceptance)
        let upload = try PostedMaterial(req)
        guard let payload = upload.payload else {
            var form = FormState()
            form.add("material", req.t("upload.empty"))
            return try await render(req, record, item, actor, form: form, notice: nil, status: .unprocessableEntity)
        }
        switch try await AttachMaterial.add(payload, key: upload.key, to: try record.requireID(), guide: item.guide,
                                            now: req.now, app: req.application) {
        case .added:
            return req.redirect(to: "/cases/\(try record.requireID())?done=added")
        case .rejected(let message):
            var form = FormState()
            form.add("material", req.t(message))
            return try await render(req, record, item, actor, form: form, notice: nil, status: .unprocessableEntity)
        case .notAllowed:
            throw AppError.conflict
        }
    }

    /// The corrected application goes back to acceptance, received today; the applicant came
    /// in person, so the visit is counted.
    func resubmit(_ req: Request) async throws -> Response {
        let (record, item, actor) = try await load(req, .decideAcceptance)
        let caseID = try record.requireID()
        let caseActor = try CaseActor.staff(on: req)
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        switch try await SubmitApplication.run(caseID: caseID, item: item, by: caseActor, services: req.zhengwu,
                                               calendar: calendar, on: req.db) {
        case .submitted:
            _ = try await RecordVisit.run(caseID: caseID, actor: actor, by: caseActor, services: req.zhengwu, app: req.application)
            return req.redirect(to: "/cases/\(caseID)?done=resubmitted")
        case .invalid(let issues):
            var form = FormState()
            for issue in issues { form.add(issue.field, issue.message, on: req) }
            return try await render(req, record, item, actor, form: form, notice: nil, status: .unprocessableEntity)
        case .notAllowed, .itemUnavailable:
            throw AppError.conflict
        }
    }

    func download(_ req: Request) async throws -> Response {
        let (record, _, _) = try await load(req, .view)
        return try await MaterialDownload.response(caseID: try record.requireID(), on: req)
    }

    func notice(_ req: Request) async throws -> Response {
        let (record, _, _) = try await load(req, .view)
        return try await NoticeDocument.render(caseRecord: record, back: "/cases/\(try record.requireID())", on: req)
    }

    private func staffActor(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, CasePolicy.scope(for: actor) != .nothing else {
            throw AppError.forbidden
        }
        return actor
    }

    private func load(_ req: Request, _ action: CasePolicy.Action) async throws -> (ServiceCase, ApplicableItem, Actor) {
        let actor = try staffActor(req)
        guard let id = req.parameters.get("id", as: UUID.self),
              let record = try await CaseScope.load(id, for: actor, action, on: req.db),
              let item = try await ApplicableItem.version(itemID: record.itemID, revisionID: record.revisionID, on: req.db)
        else { throw Abort(.notFound) }
        return (record, item, actor)
    }
}
