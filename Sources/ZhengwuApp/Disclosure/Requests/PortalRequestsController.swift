import Fluent
import Vapor
import ZhengwuCore

/// 依申请公开 on the portal: a signed-in citizen or firm asks for information, follows the
/// request's deadlines in their account, sends the correction asked for, and reads the reply.
/// Someone else's request is "not found".
struct PortalRequestsController {
    struct NewPage: Encodable {
        let form: FormState
        let options: RequestForm.Options
        let applicantName: String
    }

    struct ListPage: Encodable {
        struct Row: Encodable {
            let number: String
            let organ: String
            let receivedOn: String
            let state: String
            let outcome: String?
        }
        let rows: [Row]
        let pager: Pager
    }

    struct DetailPage: Encodable {
        let view: RequestView
        let form: FormState
        let notice: String?
        let letterBase: String
    }

    func showNew(_ req: Request) async throws -> Response {
        let (applicant, _) = try await applicant(req)
        let type = applicant.kind == .person ? ApplicantType.naturalPerson : .otherOrganisation
        let organ = req.query[String.self, at: "organ"] ?? ""
        let form = RequestForm(defaults: ["applicant_type": type.rawValue, "format": "electronic", "organ": organ])
        return try await renderNew(req, applicant: applicant, form: form.state)
    }

    func create(_ req: Request) async throws -> Response {
        let (applicant, accountID) = try await applicant(req)
        var form = RequestForm(reading: req, paper: false)
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        guard let input = try await form.input(paper: false, applicant: applicant, accountID: accountID, recordedBy: nil,
                                               today: today, on: req) else {
            return try await renderNew(req, applicant: applicant, form: form.state, status: .unprocessableEntity)
        }
        let request = try await req.application.write { db in
            try await SubmitInformationRequest.run(input, by: .applicant(accountID: accountID, name: applicant.name), services: req.zhengwu,
                                                   auditActor: req.auditActor, now: req.now, on: db)
        }
        return req.redirect(to: "/account/requests/\(request.number)?done=received")
    }

    func list(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        let mine = InformationRequest.query(on: req.db).filter(\.$applicantAccountID == signedIn.accountID)
        let pager = Pager(number: req.pageNumber, total: try await mine.count(), path: "/account/requests")
        let requests = try await mine.sort(\.$createdAt, .descending).range(pager.range).all()
        let organs = try await Department.names(on: req.db)
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: req)
        let rows = requests.map { request in
            let state = request.status == .open
                ? ((try? request.clock).map { RequestView.deadline($0, rules: rules, today: today, calendar: calendar, on: req).text } ?? "")
                : req.t(request.status.messageKey)
            return ListPage.Row(number: request.number, organ: organs[request.organID] ?? "", receivedOn: request.receivedOn, state: state,
                                outcome: request.outcome.map { req.t($0.messageKey) })
        }
        return try await req.renderPage("portal/requests", titleKey: "my_requests.title", ListPage(rows: rows, pager: pager))
    }

    func show(_ req: Request) async throws -> Response {
        let request = try await own(req)
        let notice = req.query[String.self, at: "done"].flatMap { ["received", "correction"].contains($0) ? req.t("my_request.done.\($0)") : nil }
        return try await render(req, request, form: FormState(), notice: notice)
    }

    /// The applicant sends the correction asked for; the answer period starts again from today.
    func correct(_ req: Request) async throws -> Response {
        let request = try await own(req)
        let signedIn = try req.requireSignedIn()
        var (form, raw) = FormState.reading(req, fields: ["text"])
        let text = form.text("text", in: raw, atMost: RequestForm.descriptionLimit, on: req)
        guard form.isValid else { return try await render(req, request, form: form, notice: nil, status: .unprocessableEntity) }
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        let id = try request.requireID()
        let outcome = try await req.application.write { db in
            try await HandleInformationRequest.run(.receiveCorrection(on: today, text: text), requestID: id,
                                                   by: .applicant(accountID: signedIn.accountID, name: signedIn.displayName),
                                                   services: req.zhengwu, auditActor: req.auditActor, now: req.now, on: db)
        }
        switch outcome {
        case .done: return req.redirect(to: "/account/requests/\(request.number)?done=correction")
        case .problem(let message):
            form.add("text", message, on: req)
            return try await render(req, request, form: form, notice: nil, status: .unprocessableEntity)
        case .closed: throw AppError.conflict
        case .forbidden, .notFound: throw Abort(.notFound)
        }
    }

    func letter(_ req: Request) async throws -> Response {
        let request = try await own(req)
        return try await RequestLetterPage.render(request, back: "/account/requests/\(request.number)", on: req)
    }

    func download(_ req: Request) async throws -> Response {
        let request = try await own(req)
        // Documents are the applicant's once the reply is out; drafts of a reply are not.
        guard request.status == .closed else { throw Abort(.notFound) }
        return try await RequestDocuments.download(of: request, on: req)
    }

    // MARK: helpers

    private func render(_ req: Request, _ request: InformationRequest, form: FormState, notice: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let view = try await RequestView.make(request, staff: false, reveal: true, calendar: calendar, on: req)
        return try await req.renderPage("portal/request", title: request.number, DetailPage(view: view, form: form, notice: notice,
                                        letterBase: "/account/requests/\(request.number)/letters/"),
                                        status: status)
    }

    private func renderNew(_ req: Request, applicant: Applicant, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        let options = try await RequestForm.options(selected: form.values, paper: false, accountKind: applicant.kind, on: req)
        return try await req.renderPage("portal/request-new", titleKey: "request_form.title",
                                        NewPage(form: form, options: options, applicantName: applicant.name), status: status)
    }

    private func applicant(_ req: Request) async throws -> (Applicant, UUID) {
        let signedIn = try req.requireSignedIn()
        guard let applicant = try await Applicant.load(accountID: signedIn.accountID, on: req.db, vault: req.zhengwu.vault) else {
            throw AppError.forbidden
        }
        return (applicant, signedIn.accountID)
    }

    private func own(_ req: Request) async throws -> InformationRequest {
        let signedIn = try req.requireSignedIn()
        guard let number = req.parameters.get("number"),
              let request = try await InformationRequest.query(on: req.db).filter(\.$number == number)
                .filter(\.$applicantAccountID == signedIn.accountID).first() else { throw Abort(.notFound) }
        return request
    }
}
