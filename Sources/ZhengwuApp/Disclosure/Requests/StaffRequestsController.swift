import Fluent
import Vapor
import ZhengwuCore

/// 依申请公开 in the workbench: the organ's requests with their deadlines, paper requests typed
/// in, and every step of handling one up to the reply. Each write goes through
/// HandleInformationRequest, which checks DisclosurePolicy.
struct StaffRequestsController {
    struct Row: Encodable {
        let id: String
        let number: String
        let organ: String
        let applicant: String
        let applicantType: String
        let receivedOn: String
        let state: String
        let deadline: DeadlineMark?
        let outcome: String?
    }


    struct ListPage: Encodable {
        let rows: [Row]
        let tabs: [ListTab]
        let canRecord: Bool
        let pager: Pager
    }

    struct NewPage: Encodable {
        let form: FormState
        let options: RequestForm.Options
    }

    struct DetailPage: Encodable {
        let view: RequestView
        let form: FormState
        let notice: String?
        let canHandle: Bool
        let canApprove: Bool
        let canReveal: Bool
        let outcomes: [OutcomeGroup]
        let today: String
        let letterBase: String
    }

    /// The reply's choices, grouped as section 三 of the annual report groups them.
    struct OutcomeGroup: Encodable {
        let label: String
        let options: [SelectOption]
    }

    /// The tabs of the list: open ones (by colour) and closed ones.
    enum Show: String, CaseIterable {
        case open, red, yellow, closed, all
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard let scoped = RequestScope.query(for: actor, on: req.db) else { throw AppError.forbidden }
        let show = req.query[String.self, at: "show"].flatMap(Show.init(rawValue:)) ?? .open
        var query = scoped
        switch show {
        case .open, .red, .yellow: query = query.filter(\.$status == .open)
        case .closed: query = query.filter(\.$status == .closed)
        case .all: break
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: req)
        let organNames = try await Department.names(short: true, on: req.db)
        func row(_ request: InformationRequest) -> Row {
            var mark: DeadlineMark?
            var state = req.t(request.status.messageKey)
            if request.status == .open, let clock = try? request.clock {
                (mark, state) = RequestView.deadline(clock, rules: rules, today: today, calendar: calendar, on: req)
            }
            return Row(id: request.id?.uuidString ?? "", number: request.number, organ: organNames[request.organID] ?? "",
                       applicant: Masking.personName(request.applicantName), applicantType: req.t(request.applicantType.messageKey),
                       receivedOn: request.receivedOn, state: state, deadline: mark, outcome: request.outcome.map { req.t($0.messageKey) })
        }
        query = query.sort(\.$receivedOn, .descending).sort(\.$number, .descending)
        let pager: Pager
        let page: [Row]
        if show == .red || show == .yellow {
            // Colours depend on today and on pauses still running, so they are read from each
            // open request's clock; only the open ones, a few hundred at most, are read.
            let level = show == .red ? WarningLevel.red.rawValue : WarningLevel.yellow.rawValue
            let rows = try await query.all().map(row).filter { $0.deadline?.level == level }
            pager = Pager(number: req.pageNumber, total: rows.count, path: "/disclosure/requests", query: "show=\(show.rawValue)")
            page = Array(rows.dropFirst((pager.number - 1) * Pager.pageSize).prefix(Pager.pageSize))
        } else {
            // Closed requests accumulate year after year: count and page in the database.
            pager = Pager(number: req.pageNumber, total: try await query.count(), path: "/disclosure/requests", query: "show=\(show.rawValue)")
            page = try await query.range(pager.range).all().map(row)
        }
        let tabs = ListTab.tabs(Show.allCases, current: show, labelPrefix: "requests.show", on: req)
        return try await req.renderPage("staff/requests", titleKey: "requests.title", ListPage(
            rows: page, tabs: tabs, canRecord: !(try await organs(for: actor, on: req.db)).isEmpty, pager: pager))
    }

    // MARK: paper requests

    func showNew(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        let form = RequestForm(defaults: ["organ": actor.departmentID ?? "", "received_on": today.iso, "channel": "in_person",
                                          "applicant_type": ApplicantType.naturalPerson.rawValue, "format": "electronic"])
        return try await renderNew(req, actor: actor, form: form.state)
    }

    func create(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        let signedIn = try req.requireSignedIn()
        var form = RequestForm(reading: req, paper: true)
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        guard let input = try await form.input(paper: true, applicant: nil, accountID: nil, recordedBy: signedIn.accountID,
                                               today: today, on: req) else {
            return try await renderNew(req, actor: actor, form: form.state, status: .unprocessableEntity)
        }
        let organ = DisclosurePolicy.Organ(id: try input.organ.requireID().uuidString, regionCode: input.organ.regionCode)
        guard DisclosurePolicy.permits(actor, .handleRequests, organ: organ) else {
            form.state.add("organ", req.t("request.error.organ_not_yours"))
            return try await renderNew(req, actor: actor, form: form.state, status: .unprocessableEntity)
        }
        let request = try await req.application.write { db in
            try await SubmitInformationRequest.run(input, by: .staff(actor, name: signedIn.displayName), services: req.zhengwu,
                                                   auditActor: req.auditActor, now: req.now, on: db)
        }
        return req.redirect(to: "/disclosure/requests/\(try request.requireID())?done=received")
    }

    private func renderNew(_ req: Request, actor: Actor, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        var options = try await RequestForm.options(selected: form.values, paper: true, accountKind: nil, on: req)
        let mine = Set(try await organs(for: actor, on: req.db).compactMap { $0.id?.uuidString })
        options = .init(organs: options.organs.filter { mine.contains($0.value) }, types: options.types, formats: options.formats,
                        channels: options.channels)
        return try await req.renderPage("staff/request-new", titleKey: "requests.new", NewPage(form: form, options: options), status: status)
    }

    // MARK: one request

    func show(_ req: Request) async throws -> Response {
        let (request, actor) = try await load(req)
        let done = req.query[String.self, at: "done"].flatMap { done in
            (["received", "document_added", "document_removed"] + Self.steps).contains(done) ? req.t("request.done.\(done)") : nil
        }
        return try await render(req, request, actor, form: FormState(), notice: done)
    }

    static let steps = ["correction", "correction-received", "extension", "extension-approve", "extension-decline",
                        "consultation-start", "consultation-end", "fee", "fee-paid", "reply"]

    func step(_ req: Request) async throws -> Response {
        let (request, actor) = try await load(req)
        guard let name = req.parameters.get("step"), Self.steps.contains(name) else { throw Abort(.notFound) }
        let (state, raw) = FormState.reading(req, fields: ["correct_by", "what", "on", "text", "days", "reason", "note", "party",
                                                          "yuan", "outcome", "reasons"])
        var form = state
        // Each step's form shows its own error; Leaf reads keys without hyphens.
        let key = name.replacingOccurrences(of: "-", with: "_")
        let day = LocalDate(iso: raw["on"] ?? "")
        // Longer than the notes hold, a text gets a message rather than being cut short.
        func text(_ field: String) -> String { form.text(field, in: raw, atMost: 4000, on: req) }
        let step: HandleInformationRequest.Step?
        switch name {
        case "correction":
            step = LocalDate(iso: raw["correct_by"] ?? "").map { .requestCorrection(correctBy: $0, what: text("what")) }
            if step == nil { form.add(key, req.t("request.error.date")) }
        case "correction-received":
            step = day.map { .receiveCorrection(on: $0, text: text("text")) }
        case "extension":
            step = Int(raw["days"] ?? "").map { .requestExtension(days: $0, reason: text("reason")) }
            if step == nil { form.add(key, req.t("disclosure_clock.extension_range", ["max": String(DisclosureClock.extensionCap)])) }
        case "extension-approve": step = .approveExtension
        case "extension-decline": step = .declineExtension(note: text("note"))
        case "consultation-start": step = day.map { .startConsultation(on: $0, party: text("party")) }
        case "consultation-end": step = day.map { .endConsultation(on: $0, note: text("note")) }
        case "fee":
            step = Int(raw["yuan"] ?? "").map { .noticeFee(yuan: $0, note: text("note")) }
            if step == nil { form.add(key, req.t("request.error.fee")) }
        case "fee-paid": step = day.map { .feePaid(on: $0) }
        default:
            step = DisclosureOutcome(rawValue: raw["outcome"] ?? "").map { .reply(outcome: $0, reasons: text("reasons")) }
            if step == nil { form.add(key, req.t("request.error.outcome")) }
        }
        guard let step, form.isValid else {
            if form.isValid { form.add(key, req.t("request.error.date")) }
            return try await render(req, request, actor, form: form, notice: nil, status: .unprocessableEntity)
        }
        let signedIn = try req.requireSignedIn()
        let id = try request.requireID()
        let outcome = try await req.application.write { db in
            try await HandleInformationRequest.run(step, requestID: id, by: .staff(actor, name: signedIn.displayName),
                                                   services: req.zhengwu, auditActor: req.auditActor, now: req.now, on: db)
        }
        switch outcome {
        case .done: return req.redirect(to: "/disclosure/requests/\(id)?done=\(name)")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .closed: throw AppError.conflict
        case .problem(let message):
            form.add(key, message, on: req)
            let fresh = try await InformationRequest.find(id, on: req.db) ?? request
            return try await render(req, fresh, actor, form: form, notice: nil, status: .unprocessableEntity)
        }
    }

    func letter(_ req: Request) async throws -> Response {
        let (request, _) = try await load(req)
        return try await RequestLetterPage.render(request, back: "/disclosure/requests/\(try request.requireID())", on: req)
    }

    // MARK: documents handed over with the reply

    private struct Upload: Content {
        var file: File?
    }

    func addDocument(_ req: Request) async throws -> Response {
        let (request, actor) = try await load(req)
        guard DisclosurePolicy.permits(actor, .handleRequests, organ: request.organ) else { throw AppError.forbidden }
        guard request.status == .open else { throw AppError.conflict }
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            return try await uploadProblem(req, request, actor, req.t(AttachmentCheck.Rejection.empty.message))
        }
        let bytes = Array(Data(buffer: file.data))
        let type: AttachmentCheck.FileType
        do { type = try AttachmentCheck.check(bytes, name: file.filename) } catch {
            return try await uploadProblem(req, request, actor, req.t(error.message))
        }
        let id = try request.requireID()
        let existing = try await InformationRequestDocument.query(on: req.db).filter(\.$requestID == id).count()
        guard existing < AttachmentCheck.maxPerEdition else {
            return try await uploadProblem(req, request, actor, req.t("publication.error.too_many_attachments",
                                                                       ["max": String(AttachmentCheck.maxPerEdition)]))
        }
        try await req.application.write { db in
            let digest = SHA256.hash(data: bytes).lowercaseHex
            let stored = StoredFile(bytes: Data(bytes), contentType: type.contentType, sha256: digest, createdAt: req.now)
            try await stored.create(on: db)
            let document = InformationRequestDocument()
            document.requestID = id
            document.fileID = try stored.requireID()
            document.name = AttachmentCheck.displayName(file.filename, type: type)
            document.contentType = type.contentType
            document.size = bytes.count
            document.createdAt = req.now
            try await document.create(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "information_request.document_added",
                                               subject: "information_request:\(request.number)", detail: ["name": document.name, "sha256": digest])
        }
        return req.redirect(to: "/disclosure/requests/\(id)?done=document_added")
    }

    func removeDocument(_ req: Request) async throws -> Response {
        let (request, actor) = try await load(req)
        guard DisclosurePolicy.permits(actor, .handleRequests, organ: request.organ) else { throw AppError.forbidden }
        // What was handed over with a reply stays as it was.
        guard request.status == .open else { throw AppError.conflict }
        let id = try request.requireID()
        guard let documentID = req.parameters.get("document", as: UUID.self),
              let document = try await InformationRequestDocument.query(on: req.db).filter(\.$id == documentID)
                .filter(\.$requestID == id).first() else { throw Abort(.notFound) }
        try await req.application.write { db in
            try await document.delete(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "information_request.document_removed",
                                               subject: "information_request:\(request.number)", detail: ["name": document.name])
        }
        return req.redirect(to: "/disclosure/requests/\(id)?done=document_removed")
    }

    func download(_ req: Request) async throws -> Response {
        let (request, _) = try await load(req)
        return try await RequestDocuments.download(of: request, on: req)
    }

    // MARK: helpers

    private func uploadProblem(_ req: Request, _ request: InformationRequest, _ actor: Actor, _ message: String) async throws -> Response {
        var form = FormState()
        form.add("file", message)
        return try await render(req, request, actor, form: form, notice: nil, status: .unprocessableEntity)
    }

    private func render(_ req: Request, _ request: InformationRequest, _ actor: Actor, form: FormState, notice: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let canHandle = DisclosurePolicy.permits(actor, .handleRequests, organ: request.organ)
        // Masked by default; those who handle the request may ask for the full details, on the record.
        let reveal = canHandle && req.query[String.self, at: "reveal"] == "1"
        if reveal {
            try await req.application.write { db in
                try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "information_request.personal_data_viewed",
                                                   subject: "information_request:\(request.number)")
            }
        }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let view = try await RequestView.make(request, staff: true, reveal: reveal, calendar: calendar, on: req)
        let outcomes = DisclosureOutcome.Group.allCases.map { group in
            OutcomeGroup(label: req.t(group.messageKey), options: group.outcomes.map {
                SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: form.values["outcome"] == $0.rawValue)
            })
        }
        let page = DetailPage(view: view, form: form, notice: notice, canHandle: canHandle && request.status == .open,
                              canApprove: DisclosurePolicy.permits(actor, .approveExtension, organ: request.organ)
                                  && request.pendingExtensionDays != nil && request.status == .open,
                              canReveal: canHandle && !reveal, outcomes: outcomes,
                              today: LocalDate(req.now, in: calendar.timeZone).iso,
                              letterBase: "/disclosure/requests/\(try request.requireID())/letters/")
        return try await req.renderPage("staff/request", title: request.number, page, status: status)
    }

    private func load(_ req: Request) async throws -> (InformationRequest, Actor) {
        let actor = try worker(req)
        guard let id = req.parameters.get("id", as: UUID.self),
              let request = try await InformationRequest.find(id, on: req.db) else { throw Abort(.notFound) }
        // Another organ's request is "not found", as other lists do it.
        guard DisclosurePolicy.permits(actor, .viewRequests, organ: request.organ) else { throw Abort(.notFound) }
        return (request, actor)
    }

    private func organs(for actor: Actor, on db: Database) async throws -> [Department] {
        try await Department.query(on: db).sort(\.$sortOrder).all().filter { organ in
            DisclosurePolicy.permits(actor, .handleRequests, organ: .init(id: organ.id?.uuidString ?? "", regionCode: organ.regionCode))
        }
    }

    private func worker(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, RequestScope.seesRequests(actor) else { throw AppError.forbidden }
        return actor
    }
}
