import Fluent
import Vapor
import ZhengwuCore

/// 网上申请: a signed-in citizen or firm fills in an item's form, hands in materials, saves a
/// draft or submits, prints the receipt, follows the case, corrects or withdraws it.
/// Every case page checks ownership first; someone else's case is "not found".
struct PortalApplicationsController {
    struct StartPage: Encodable {
        let item: GuideView
        let form: CaseFormView
        let action: String
    }

    struct CasePage: Encodable {
        let view: CaseView
        let form: CaseFormView?
        let notice: String?
        let problems: [FormState.Problem]
        let uploadError: String?
    }

    struct ListPage: Encodable {
        struct Row: Encodable {
            let id: String
            let receipt: String?
            let item: String
            let status: String
            let badge: String
            /// The date the applicant waits for: acceptance while that is pending, then the decision.
            let due: String
            let updated: String
        }
        let rows: [Row]
        let total: Int
        let pager: Pager
    }

    // MARK: start

    func start(_ req: Request) async throws -> Response {
        let (published, item) = try await applicableItem(req)
        let signedIn = try req.requireSignedIn()
        if let draft = try await ServiceCase.query(on: req.db).filter(\.$applicantAccountID == signedIn.accountID)
            .filter(\.$itemID == item.itemID).filter(\.$status == .draft).first() {
            return req.redirect(to: "/applications/\(try draft.requireID())")
        }
        return try await req.renderPage("portal/apply", title: item.guide.name, StartPage(
            item: GuideView(published, on: req), form: CaseFormView(fields: item.guide.form, values: [:], issues: [], on: req),
            action: "/services/\(item.guide.code)/apply"))
    }

    /// Creates the draft with what was typed. "Save" keeps it as it is; "next" checks it first
    /// and shows the problems, keeping the draft either way so nothing typed is lost.
    func create(_ req: Request) async throws -> Response {
        let (_, item) = try await applicableItem(req)
        let signedIn = try req.requireSignedIn()
        guard let applicant = try await Applicant.load(accountID: signedIn.accountID, on: req.db, vault: req.zhengwu.vault) else {
            throw AppError.forbidden
        }
        let values = CaseFormView.read(req, fields: item.guide.form)
        let now = req.now
        let draft = ServiceCase(item: item, applicant: applicant, accountID: signedIn.accountID, channel: .online,
                                vault: req.zhengwu.vault, now: now)
        draft.formValues = try ServiceCase.encode(values, fields: item.guide.form, vault: req.zhengwu.vault)
        try await req.application.write { db in
            try await draft.create(with: item, on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "case.draft_created",
                                               subject: "case:\(try draft.requireID())", detail: ["item": item.guide.code])
        }
        let check = item.guide.form.check(values, today: LocalDate(now, in: WorkingCalendar.default.timeZone))
        if !check.isValid {
            return try await render(req, draft, item, notice: req.t("apply.saved_with_problems"), formIssues: check.problems,
                                    typed: values, status: .unprocessableEntity)
        }
        return req.redirect(to: "/applications/\(try draft.requireID())?done=saved#materials")
    }

    // MARK: one case

    func show(_ req: Request) async throws -> Response {
        let (record, item) = try await ownCase(req)
        let notice: String? = switch req.query[String.self, at: "done"] {
        case "saved": req.t("apply.saved")
        case "added": req.t("apply.material_added")
        case "removed": req.t("apply.material_removed")
        case "withdrawn": req.t("apply.withdrawn")
        case "supplied": req.t("apply.supplied")
        default: nil
        }
        return try await render(req, record, item, notice: notice)
    }

    func render(_ req: Request, _ record: ServiceCase, _ item: ApplicableItem, notice: String? = nil,
                formIssues: [FieldIssue] = [], typed: [String: String]? = nil, problems: [FormState.Problem] = [],
                uploadError: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let view = try await CaseView.make(record, item: item, revealPersonalData: false, calendar: calendar, forApplicant: true, on: req)
        let form = view.isEditable
            ? CaseFormView(fields: item.guide.form, values: typed ?? record.values(of: item.guide.form, vault: req.zhengwu.vault), issues: formIssues, on: req) : nil
        return try await req.renderPage("portal/application", title: record.receiptNumber ?? item.guide.name,
                                        CasePage(view: view, form: form, notice: notice,
                                                 problems: problems + (form?.problems ?? []), uploadError: uploadError),
                                        status: status)
    }

    func saveForm(_ req: Request) async throws -> Response {
        let (record, item) = try await ownCase(req)
        guard AttachMaterial.revisableStatuses.contains(record.status) else { throw AppError.conflict }
        let values = CaseFormView.read(req, fields: item.guide.form)
        let caseID = try record.requireID()
        let saved = try await req.application.write { db -> Bool in
            guard let fresh = try await CaseLock.find(caseID, on: db),
                  AttachMaterial.revisableStatuses.contains(fresh.status) else { return false }
            fresh.formValues = try ServiceCase.encode(values, fields: item.guide.form, vault: req.zhengwu.vault)
            fresh.updatedAt = req.now
            try await fresh.update(on: db)
            return true
        }
        guard saved else { throw AppError.conflict }
        let today = LocalDate(req.now, in: WorkingCalendar.default.timeZone)
        let check = item.guide.form.check(values, today: today)
        if !check.isValid {
            record.formValues = try ServiceCase.encode(values, fields: item.guide.form, vault: req.zhengwu.vault)
            return try await render(req, record, item, notice: req.t("apply.saved_with_problems"), formIssues: check.problems,
                                    typed: values, status: .unprocessableEntity)
        }
        return req.redirect(to: "/applications/\(caseID)?done=saved#materials")
    }

    func addMaterial(_ req: Request) async throws -> Response {
        let (record, item) = try await ownCase(req)
        let upload = try PostedMaterial(req)
        guard let payload = upload.payload else {
            return try await render(req, record, item, uploadError: req.t("upload.empty"), status: .unprocessableEntity)
        }
        switch try await AttachMaterial.add(payload, key: upload.key, to: try record.requireID(), guide: item.guide,
                                            now: req.now, app: req.application) {
        case .added:
            return req.redirect(to: "/applications/\(try record.requireID())?done=added#materials")
        case .rejected(let message):
            return try await render(req, record, item, uploadError: req.t(message), status: .unprocessableEntity)
        case .notAllowed:
            throw AppError.conflict
        }
    }

    func removeMaterial(_ req: Request) async throws -> Response {
        let (record, _) = try await ownCase(req)
        guard let materialID = req.parameters.get("material", as: UUID.self) else { throw Abort(.notFound) }
        guard try await AttachMaterial.remove(materialID: materialID, from: record.requireID(), app: req.application) else {
            throw AppError.conflict
        }
        return req.redirect(to: "/applications/\(try record.requireID())?done=removed#materials")
    }

    func download(_ req: Request) async throws -> Response {
        let (record, _) = try await ownCase(req)
        return try await MaterialDownload.response(caseID: try record.requireID(), on: req)
    }

    func submit(_ req: Request) async throws -> Response {
        let (record, item) = try await ownCase(req)
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let actor = CaseActor.applicant(named: record.applicantName, on: req)
        switch try await SubmitApplication.run(caseID: try record.requireID(), item: item, by: actor, services: req.zhengwu,
                                               calendar: calendar, on: req.db) {
        case .submitted:
            return req.redirect(to: "/applications/\(try record.requireID())/receipt")
        case .invalid(let issues):
            // Material messages name the material themselves; form ones get their label added.
            let formKeys = Set(item.guide.form.map(\.key))
            let materialProblems = issues.filter { !formKeys.contains($0.field) }.map {
                FormState.Problem(field: $0.field, message: req.t($0.message))
            }
            return try await render(req, record, item, formIssues: issues.filter { formKeys.contains($0.field) },
                                    problems: materialProblems, status: .unprocessableEntity)
        case .itemUnavailable:
            throw AppError.conflict
        case .notAllowed:
            throw AppError.conflict
        }
    }

    func withdraw(_ req: Request) async throws -> Response {
        let (record, _) = try await ownCase(req)
        let reason = try req.typedField("reason", atMost: 1000)
        let actor = CaseActor.applicant(named: record.applicantName, on: req)
        switch try await WithdrawApplication.run(caseID: try record.requireID(), by: actor, reason: reason,
                                                 services: req.zhengwu, app: req.application) {
        case .withdrawn: return req.redirect(to: "/applications/\(try record.requireID())?done=withdrawn")
        case .discarded: return req.redirect(to: "/account/applications")
        case .notAllowed: throw AppError.conflict
        }
    }

    func receipt(_ req: Request) async throws -> Response {
        let (record, item) = try await ownCase(req)
        guard record.receiptNumber != nil else { throw Abort(.notFound) }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let view = try await CaseView.make(record, item: item, revealPersonalData: false, calendar: calendar, forApplicant: true, on: req)
        return try await req.renderPage("portal/receipt", titleKey: "receipt.title", view)
    }

    /// The applicant says the material the department asked for during review is uploaded;
    /// the decision clock runs again.
    func supplied(_ req: Request) async throws -> Response {
        let (record, item) = try await ownCase(req)
        let signedIn = try req.requireSignedIn()
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        switch try await WorkCase.run(.materialSupplied(note: ""), caseID: try record.requireID(),
                                      who: .applicant(accountID: signedIn.accountID),
                                      by: CaseActor.applicant(named: record.applicantName, on: req), services: req.zhengwu,
                                      calendar: calendar, app: req.application) {
        case .done:
            return req.redirect(to: "/applications/\(try record.requireID())?done=supplied")
        case .refused(let message):
            return try await render(req, record, item, uploadError: req.t(message), status: .conflict)
        case .invalid, .forbidden, .notFound:
            throw AppError.conflict
        }
    }

    func notice(_ req: Request) async throws -> Response {
        let (record, _) = try await ownCase(req)
        return try await NoticeDocument.render(caseRecord: record, back: "/applications/\(try record.requireID())", on: req)
    }

    // MARK: the account's cases

    func list(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        let mine = ServiceCase.query(on: req.db).filter(\.$applicantAccountID == signedIn.accountID)
        let total = try await mine.count()
        let pager = Pager(number: req.pageNumber, total: total, path: "/account/applications")
        let cases = try await mine.sort(\.$updatedAt, .descending).sort(\.$id).range(pager.range).all()
        let rows = try cases.map {
            ListPage.Row(id: try $0.requireID().uuidString, receipt: $0.receiptNumber, item: $0.itemName,
                         status: req.t($0.status.messageKey), badge: CaseView.badge($0.status),
                         due: ($0.status.awaitsAcceptance ? $0.acceptanceDueOn : $0.status.isFinished ? nil : $0.decisionDueOn) ?? "",
                         updated: LocalDate($0.updatedAt, in: WorkingCalendar.default.timeZone).iso)
        }
        return try await req.renderPage("portal/applications", titleKey: "applications.title",
                                        ListPage(rows: rows, total: total, pager: pager))
    }

    // MARK: loading

    private func applicableItem(_ req: Request) async throws -> (CatalogueQuery.Published, ApplicableItem) {
        guard let code = req.parameters.get("code"),
              let published = try await CatalogueQuery.published(code: code, on: req.db),
              let item = try await ApplicableItem.published(code: code, on: req.db) else { throw Abort(.notFound) }
        guard item.guide.acceptsOnlineApplications, item.availability == .active else {
            throw AppError.notAvailable(LocalizedMessage("apply.not_online"))
        }
        let signedIn = try req.requireSignedIn()
        guard item.guide.applicantKinds.contains(signedIn.applicantKind) else {
            throw AppError.notAvailable(LocalizedMessage("apply.wrong_applicant_kind"))
        }
        return (published, item)
    }

    private func ownCase(_ req: Request) async throws -> (ServiceCase, ApplicableItem) {
        let signedIn = try req.requireSignedIn()
        guard let id = req.parameters.get("id", as: UUID.self),
              let record = try await ServiceCase.find(id, on: req.db),
              record.applicantAccountID == signedIn.accountID,
              let item = try await ApplicableItem.version(itemID: record.itemID, revisionID: record.revisionID, on: req.db)
        else { throw Abort(.notFound) }
        return (record, item)
    }
}
