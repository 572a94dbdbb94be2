import Fluent
import Vapor
import ZhengwuCore

/// 12345 in the workbench: the operator's call screen, the queues (the office's by stage, a
/// department's by reply day) and one ticket with every step its viewer may take. Each write
/// goes through SubmitTicket or HandleTicket, which check TicketPolicy.
struct StaffTicketsController {
    struct Row: Encodable {
        let id: String
        let number: String
        let type: String
        let category: String
        let summary: String
        let status: String
        let createdAt: String
        let replyBy: String?
        let deadline: DeadlineMark?
        let role: String?
    }


    struct QueuePage: Encodable {
        let rows: [Row]
        let tabs: [ListTab]
        let canTakeCalls: Bool
        let pager: Pager
    }

    struct CallPage: Encodable {
        let form: FormState
        let options: TicketForm.Options
        let answers: [KnowledgeBase.Match]
        let searched: Bool
    }

    struct Duplicate: Encodable {
        let id: String
        let number: String
        let summary: String
        let similarity: Int
        let distance: String?
    }

    struct DetailPage: Encodable {
        let ticket: TicketView
        let form: FormState
        let notice: String?
        let may: Permissions
        let departments: [SelectOption]
        let helpers: [SelectOption]
        let duplicates: [Duplicate]
        let levels: [SelectOption]
        let extensionCap: Int
        let canReveal: Bool
    }

    struct Permissions: Encodable {
        var dispatch = false
        var returnTicket = false
        var sign = false
        var reply = false
        var askExtension = false
        var decideExtension = false
        var urge = false
        var followUp = false
        var merge = false
    }

    enum Show: String, CaseIterable {
        case received, returned, `extension`, replied, open, red, yellow, closed
    }

    // MARK: queues

    func queue(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        let reach = TicketScope.reach(of: actor)
        let office = actor.has(.hotlineOperator) || actor.has(.supervisor)
        let shows: [Show] = office ? Show.allCases : [.open, .red, .yellow, .closed]
        let show = req.query[String.self, at: "show"].flatMap(Show.init(rawValue:)).flatMap { shows.contains($0) ? $0 : nil } ?? shows[0]
        let marks = try await TicketDeadlineMark.load(on: req)
        let catalogue = try await TicketCatalogue.current(req)
        var query = Ticket.query(on: req.db)
        var roles: [UUID: TicketDepartment.Role] = [:]
        switch reach {
        case .nothing: throw AppError.forbidden
        case .everything:
            switch show {
            case .received: query = query.filter(\.$status == .received).sort(\.$createdAt)
            case .returned: query = query.filter(\.$status == .returned).sort(\.$updatedAt)
            case .extension: query = query.filter(\.$status == .signed).filter(\.$pendingExtensionDays != nil).sort(\.$updatedAt)
            case .replied: query = query.filter(\.$status == .replied).sort(\.$repliedAt)
            case .open, .red, .yellow: query = query.filter(\.$status ~~ [.dispatched, .signed]).sort(\.$replyBy)
            case .closed: query = query.filter(\.$status ~~ [.closed, .merged]).sort(\.$updatedAt, .descending)
            }
        case .department(let department):
            // One index range of ticket_departments, however many tickets the years have piled up.
            query = query.join(TicketDepartment.self, on: \TicketDepartment.$ticketID == \Ticket.$id)
                .filter(TicketDepartment.self, \.$departmentID == department)
                .filter(TicketDepartment.self, \.$open == (show != .closed))
                .sort(TicketDepartment.self, \.$replyBy, show == .closed ? .descending : .ascending)
        }
        let path = "/tickets"
        let pager: Pager
        var tickets: [Ticket]
        if show == .red || show == .yellow {
            // Colours depend on today: read from the open tickets, a few hundred at most.
            let level = show == .red ? WarningLevel.red.rawValue : WarningLevel.yellow.rawValue
            let all = try await query.all().filter { marks.mark($0, on: req)?.level == level }
            pager = Pager(number: req.pageNumber, total: all.count, path: path, query: "show=\(show.rawValue)")
            tickets = Array(all.dropFirst((pager.number - 1) * Pager.pageSize).prefix(Pager.pageSize))
        } else {
            pager = Pager(number: req.pageNumber, total: try await query.count(), path: path, query: "show=\(show.rawValue)")
            tickets = try await query.range(pager.range).all()
        }
        if case .department(let department) = reach {
            let ids = tickets.compactMap(\.id)
            for row in try await TicketDepartment.query(on: req.db).filter(\.$ticketID ~~ ids).filter(\.$departmentID == department).all() {
                roles[row.ticketID] = row.role
            }
        }
        let rows = tickets.map { ticket in
            Row(id: ticket.id?.uuidString ?? "", number: ticket.number, type: req.t(ticket.type.messageKey),
                category: catalogue.tree.category(ticket.categoryCode)?.name ?? ticket.categoryCode, summary: ticket.summary,
                status: req.t(ticket.status.messageKey), createdAt: DisplayTime.minute(ticket.createdAt), replyBy: ticket.replyBy,
                deadline: marks.mark(ticket, on: req), role: ticket.id.flatMap { roles[$0] }.map { req.t($0.messageKey) })
        }
        let tabs = ListTab.tabs(shows, current: show, labelPrefix: "tickets.show", on: req)
        return try await req.renderPage("staff/tickets", titleKey: "tickets.title", QueuePage(
            rows: rows, tabs: tabs, canTakeCalls: TicketPolicy.permits(actor, .intake), pager: pager))
    }

    // MARK: the operator's call screen

    func showCall(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard TicketPolicy.permits(actor, .intake) else { throw AppError.forbidden }
        return try await renderCall(req, form: TicketForm(defaults: ["type": TicketType.consultation.rawValue]).state, answers: [], searched: false)
    }

    func takeCall(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard TicketPolicy.permits(actor, .intake) else { throw AppError.forbidden }
        var form = TicketForm(reading: req)
        let catalogue = try await TicketCatalogue.current(req)
        // "Search the knowledge base" re-shows the call with answers, keeping what was typed.
        if (try? req.content.get(String.self, at: "action")) == "search" {
            let text = (form.raw["q"] ?? "").isEmpty ? (form.raw["content"] ?? "") : (form.raw["q"] ?? "")
            let answers = try await KnowledgeBase.search(text, category: form.raw["category"], on: req)
            return try await renderCall(req, form: form.state, answers: answers, searched: true)
        }
        switch form.read(channel: .phone, caller: nil, accountID: nil, catalogue: catalogue, photos: [], on: req) {
        case .invalid:
            return try await renderCall(req, form: form.state, answers: [], searched: false, status: .unprocessableEntity)
        case .referred(let referral):
            form.state.add("category", req.t("ticket.referred", ["advice": req.t(referral.messageKey + ".advice")]))
            return try await renderCall(req, form: form.state, answers: [], searched: false, status: .unprocessableEntity)
        case .input(var input):
            let signedIn = try req.requireSignedIn()
            input.recordedBy = signedIn.accountID
            if let article = UUID(uuidString: form.raw["article"] ?? "") {
                guard input.type == .consultation else {
                    form.state.add("article", req.t("ticket.error.answer_consultation_only"))
                    return try await renderCall(req, form: form.state, answers: [], searched: false, status: .unprocessableEntity)
                }
                input.answeredWith = article
            }
            let ticket: Ticket
            do {
                ticket = try await SubmitTicket.run(input, by: .staff(actor, name: signedIn.displayName), services: req.zhengwu,
                                                    auditActor: req.auditActor, now: req.now).ticket
            } catch AppError.conflict {
                form.state.add("article", req.t("ticket.error.article_gone"))
                return try await renderCall(req, form: form.state, answers: [], searched: false, status: .unprocessableEntity)
            }
            return req.redirect(to: "/tickets/\(try ticket.requireID())?done=received")
        }
    }

    private func renderCall(_ req: Request, form: FormState, answers: [KnowledgeBase.Match], searched: Bool,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let catalogue = try await TicketCatalogue.current(req)
        return try await req.renderPage("staff/ticket-call", titleKey: "tickets.call_title", CallPage(
            form: form, options: TicketForm.options(selected: form.values, catalogue: catalogue, on: req), answers: answers,
            searched: searched), status: status)
    }

    // MARK: one ticket

    static let steps = ["dispatch", "sign", "return", "extension", "extension-approve", "extension-decline", "reply", "urge",
                        "follow-up", "merge"]

    func show(_ req: Request) async throws -> Response {
        let (ticket, actor) = try await load(req)
        let done = req.query[String.self, at: "done"].flatMap { done in
            (["received"] + Self.steps).contains(done) ? req.t("ticket.done.\(done)") : nil
        }
        return try await render(req, ticket, actor, form: FormState(), notice: done)
    }

    func step(_ req: Request) async throws -> Response {
        let (ticket, actor) = try await load(req)
        guard let name = req.parameters.get("step"), Self.steps.contains(name) else { throw Abort(.notFound) }
        let (state, raw) = FormState.reading(req, fields: ["lead", "note", "reason", "days", "text", "level", "comment", "parent"])
        var form = state
        let key = name.replacingOccurrences(of: "-", with: "_")
        // Longer than the notes hold, a text gets a message rather than being cut short.
        func text(_ field: String) -> String { form.text(field, in: raw, atMost: 4000, on: req) }
        let known = Set(try await Department.query(on: req.db).all().compactMap(\.id))
        let helpers = ((try? req.content.get([String].self, at: "helpers")) ?? []).compactMap(UUID.init(uuidString:)).filter(known.contains)
        let settings = try await TicketSettings.load(on: req.db)
        var step: HandleTicket.Step?
        switch name {
        case "dispatch":
            if let lead = UUID(uuidString: raw["lead"] ?? ""), known.contains(lead) {
                step = .dispatch(lead: lead, helpers: helpers, note: text("note"))
            } else { form.add(key, req.t("ticket.error.lead")) }
        case "sign": step = .sign
        case "return": step = .returnToDispatcher(reason: text("reason"))
        case "extension":
            if let days = Int(raw["days"] ?? "") {
                do { try settings.deadlines.checkExtension(days: days, alreadyGranted: ticket.extensionDays) } catch {
                    form.add(key, error.message, on: req)
                }
                if form.isValid { step = .askExtension(days: days, reason: text("reason")) }
            } else {
                form.add(key, req.t(TicketDeadlines.Problem.extensionOutOfRange(max: settings.deadlines.extensionCap - ticket.extensionDays).message))
            }
        case "extension-approve": step = .decideExtension(approve: true, note: "")
        case "extension-decline": step = .decideExtension(approve: false, note: text("note"))
        case "reply": step = .reply(text: text("text"))
        case "urge": step = .urge(note: text("note"))
        case "follow-up":
            let level = Int(raw["level"] ?? "").flatMap(SatisfactionLevel.init(rawValue:))
            if (raw["level"] ?? "").isEmpty || level != nil {
                step = .followUp(note: text("note"), level: level, comment: text("comment"))
            } else { form.add(key, req.t("rating.error.level")) }
        default:
            if let parent = try await Ticket.query(on: req.db).filter(\.$number == (ReceiptNumber(parsing: raw["parent"] ?? "")?.value ?? "")).first() {
                step = .merge(into: try parent.requireID())
            } else { form.add(key, req.t("ticket.error.merge_target")) }
        }
        guard let step, form.isValid else { return try await render(req, ticket, actor, form: form, notice: nil, status: .unprocessableEntity) }
        let signedIn = try req.requireSignedIn()
        let id = try ticket.requireID()
        let outcome = try await req.application.write { db in
            try await HandleTicket.run(step, ticketID: id, actor: actor, name: signedIn.displayName, services: req.zhengwu,
                                       auditActor: req.auditActor, now: req.now, on: db)
        }
        switch outcome {
        case .done: return req.redirect(to: "/tickets/\(id)?done=\(name)")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .conflict: throw AppError.conflict
        case .problem(let message):
            form.add(key, message, on: req)
            return try await render(req, ticket, actor, form: form, notice: nil, status: .unprocessableEntity)
        }
    }

    func photo(_ req: Request) async throws -> Response {
        let (ticket, _) = try await load(req)
        guard let photoID = req.parameters.get("photo", as: UUID.self),
              let photo = try await TicketPhoto.query(on: req.db).filter(\.$id == photoID).filter(\.$ticketID == ticket.requireID()).first(),
              let file = try await StoredFile.find(photo.fileID, on: req.db) else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: file.bytes))
        response.headers.contentType = HTTPMediaType(type: "image", subType: photo.contentType == "image/png" ? "png" : "jpeg")
        response.headers.replaceOrAdd(name: "Content-Disposition", value: "inline")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }

    // MARK: helpers

    private func render(_ req: Request, _ ticket: Ticket, _ actor: Actor, form: FormState, notice: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let lead = ticket.leadDepartmentID?.uuidString
        let handles = lead.map { TicketPolicy.permits(actor, .handle(departmentID: $0)) } ?? false
        let office = { (action: TicketPolicy.Action) in TicketPolicy.permits(actor, action) }
        var may = Permissions()
        may.dispatch = office(.dispatch) && ticket.status.allows(.dispatch)
        may.returnTicket = handles && ticket.status.allows(.returnToDispatcher)
        may.sign = handles && ticket.status.allows(.sign)
        may.reply = handles && ticket.status.allows(.reply)
        may.askExtension = handles && ticket.status.allows(.askExtension) && ticket.pendingExtensionDays == nil
        may.decideExtension = office(.approveExtension) && ticket.status.allows(.decideExtension) && ticket.pendingExtensionDays != nil
        may.urge = office(.urge) && ticket.status.allows(.urge)
        may.followUp = office(.followUp) && ticket.status.allows(.followUp)
        may.merge = office(.merge) && ticket.status.allows(.merge)
        let canSeeContacts = office(.intake) || handles
        let reveal = canSeeContacts && req.query[String.self, at: "reveal"] == "1"
        if reveal {
            try await req.application.write { db in
                try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "ticket.personal_data_viewed",
                                                   subject: "ticket:\(ticket.number)")
            }
        }
        let view = try await TicketView.make(ticket, viewer: .staff(reveal: reveal), on: req)
        let catalogue = try await TicketCatalogue.current(req)
        let suggestion = catalogue.suggestion(category: ticket.categoryCode, address: ticket.address)
        let chosenLead = form.values["lead"] ?? suggestion?.lead.uuidString
        let departments = try await Department.query(on: req.db).sort(\.$sortOrder).all()
        let helperIDs = Set(suggestion?.helpers.map(\.uuidString) ?? [])
        let page = DetailPage(
            ticket: view, form: form, notice: notice, may: may,
            departments: departments.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id?.uuidString == chosenLead) },
            helpers: departments.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.shortName, selected: helperIDs.contains($0.id?.uuidString ?? "")) },
            duplicates: may.merge ? try await duplicates(of: ticket, on: req) : [],
            levels: SatisfactionLevel.choices(selected: nil, on: req),
            extensionCap: (try await TicketSettings.load(on: req.db)).deadlines.extensionCap - ticket.extensionDays,
            canReveal: canSeeContacts && !reveal)
        return try await req.renderPage("staff/ticket", title: ticket.number, page, status: status)
    }

    /// Open tickets of the same category from the last 30 days that read alike and lie close by.
    private func duplicates(of ticket: Ticket, on req: Request) async throws -> [Duplicate] {
        let since = req.now.addingTimeInterval(-30 * 86_400)
        let open = try await Ticket.query(on: req.db).filter(\.$categoryCode == ticket.categoryCode)
            .filter(\.$status ~~ [.received, .dispatched, .signed, .returned]).filter(\.$createdAt >= since)
            .filter(\.$id != ticket.requireID()).sort(\.$createdAt, .descending).limit(500).all()
        func candidate(_ t: Ticket) -> DuplicateCandidates.Ticket {
            .init(id: t.id?.uuidString ?? "", category: t.categoryCode, text: t.content, latitude: t.latitude, longitude: t.longitude)
        }
        let byID = Dictionary(open.map { ($0.id?.uuidString ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        return DuplicateCandidates().matches(for: candidate(ticket), among: open.map(candidate)).prefix(5).compactMap { match in
            byID[match.id].map {
                Duplicate(id: match.id, number: $0.number, summary: $0.summary, similarity: Int(match.similarity * 100),
                          distance: match.distance.map { "\(Int($0)) m" })
            }
        }
    }

    private func load(_ req: Request) async throws -> (Ticket, Actor) {
        let actor = try worker(req)
        guard let id = req.parameters.get("id", as: UUID.self), let ticket = try await Ticket.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let departments = try await TicketDepartment.query(on: req.db).filter(\.$ticketID == id).all()
        // Another department's ticket is "not found", as other lists do it.
        guard TicketPolicy.permits(actor, .view(departmentIDs: Set(departments.map(\.departmentID.uuidString)))) else { throw Abort(.notFound) }
        return (ticket, actor)
    }

    private func worker(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, TicketScope.seesTickets(actor) else { throw AppError.forbidden }
        return actor
    }
}
