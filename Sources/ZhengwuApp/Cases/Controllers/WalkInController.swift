import Fluent
import Vapor
import ZhengwuCore

/// 窗口收件: the clerk records an application for someone standing at the window, with the same
/// form, the paper materials scanned, and the visit counted. Missing materials may be recorded
/// as missing: the clerk then asks for every correction at once from the case page.
struct WalkInController {
    struct ItemRow: Encodable {
        let code: String
        let name: String
        let department: String
    }

    struct ChoosePage: Encodable {
        let query: String
        let rows: [ItemRow]
        let pager: Pager
    }

    struct FormPage: Encodable {
        let item: GuideView
        /// The windows the clerk may be sitting at; empty when the centre has none set up.
        let windows: [SelectOption]
        let applicant: FormState
        let form: CaseFormView
        let materials: [GuideView.Material]
        let problems: [FormState.Problem]
    }

    func choose(_ req: Request) async throws -> Response {
        _ = try clerk(req)
        let filter = CatalogueQuery.Filter(query: req.query)
        let (rows, total) = try await CatalogueQuery.list(filter, page: req.pageNumber, on: req.db)
        return try await req.renderPage("staff/walk-in-choose", titleKey: "walk_in.title", ChoosePage(
            query: filter.text, rows: rows.map { ItemRow(code: $0.code, name: $0.name, department: $0.departmentName) },
            pager: Pager(number: req.pageNumber, total: total, path: "/walk-in",
                         query: ServiceCatalogueController.encode(filter.text.isEmpty ? [] : [("q", filter.text)]))))
    }

    func show(_ req: Request) async throws -> Response {
        let (published, item) = try await loadItem(req)
        var applicant = FormState()
        applicant.values["who_kind"] = item.guide.applicantKinds.first?.rawValue ?? ApplicantKind.person.rawValue
        return try await render(req, published, item, applicant: applicant, values: [:], issues: [], status: .ok)
    }

    /// The applicant's own fields carry hyphens, which item form keys cannot (ServiceGuide.isKey),
    /// so an item's field named e.g. `applicant_name` never collides with them.
    func record(_ req: Request) async throws -> Response {
        let (published, item) = try await loadItem(req)
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let now = req.now
        let today = LocalDate(now, in: calendar.timeZone)

        let (_, raw) = FormState.reading(req, fields: ["who-kind", "who-name", "who-id", "who-phone", "window"])
        var applicantForm = FormState()
        for (name, value) in raw { applicantForm.values[name.replacingOccurrences(of: "-", with: "_")] = value }
        let windows = try await offeredWindows(req)
        let window = windows.first { $0.id?.uuidString == raw["window"] }
        if !windows.isEmpty && window == nil { applicantForm.add("window", req.t("walk_in.window_required")) }
        let kind = ApplicantKind(rawValue: raw["who-kind"] ?? "") ?? .person
        if !item.guide.applicantKinds.contains(kind) { applicantForm.add("who_kind", req.t("apply.wrong_applicant_kind")) }
        if (raw["who-name"] ?? "").isEmpty { applicantForm.add("who_name", req.t("form.required_named", ["field": req.t("walk_in.name")])) }
        var identity = ""
        do {
            identity = kind == .person ? try ResidentIDNumber(validating: raw["who-id"] ?? "", today: today).value
                : try SocialCreditCode(validating: raw["who-id"] ?? "").value
        } catch let error as UserFacingError {
            applicantForm.add("who_id", error.message, on: req)
        }
        var phone = ""
        do { phone = try PhoneNumber(validating: raw["who-phone"] ?? "").value } catch {
            applicantForm.add("who_phone", error.message, on: req)
        }
        let values = CaseFormView.read(req, fields: item.guide.form)
        let check = item.guide.form.check(values, today: today)

        var payloads: [(key: String, payload: AttachMaterial.Payload, type: UploadCheck.FileType?)] = []
        var materialProblems: [FormState.Problem] = []
        for material in item.guide.materials {
            var items: [AttachMaterial.Payload] = []
            let files = (try? req.content.get([File].self, at: "m_\(material.key)"))
                ?? ((try? req.content.get(File.self, at: "m_\(material.key)")).map { [$0] } ?? [])
            items += files.filter { $0.data.readableBytes > 0 }.map { .upload(fileName: $0.filename, bytes: Data(buffer: $0.data)) }
            if let reference = try? req.content.get(String.self, at: "c_\(material.key)"), !reference.isEmpty {
                items.append(.certificate(reference: reference))
            }
            for payload in items {
                switch try await AttachMaterial.check(payload, for: material, holder: identity, vault: req.zhengwu.vault,
                                                      today: today, on: req.db) {
                case .acceptable(let type): payloads.append((material.key, payload, type))
                case .refused(let message):
                    materialProblems.append(.init(field: "m_\(material.key)", message: "\(material.name)：\(req.t(message))"))
                }
            }
        }
        guard applicantForm.isValid, check.isValid, materialProblems.isEmpty else {
            return try await render(req, published, item, applicant: applicantForm, values: values, issues: check.problems,
                                    extra: materialProblems, status: .unprocessableEntity)
        }

        let services = req.zhengwu
        let signedIn = try req.requireSignedIn()
        let caseActor = try CaseActor.staff(on: req)
        let applicant = Applicant(kind: kind, name: raw["who-name"] ?? "", identityNumber: identity, phone: phone)
        let record = ServiceCase(item: item, applicant: applicant, accountID: nil, channel: .window, vault: services.vault, now: now)
        record.formValues = try ServiceCase.encode(check.values, fields: item.guide.form, vault: services.vault)
        record.recordedBy = signedIn.accountID
        record.windowID = window?.id
        let materials = payloads
        let caseID = try await services.groupCommit.write { db -> UUID in
            try await SubmitApplication.createReceived(record, item: item, materials: materials, today: today, now: now,
                                                       calendar: calendar, on: db)
            try await CaseJournal(services: services).record(.submitted, on: record, by: caseActor,
                                                             note: services.localizer.text("walk_in.timeline_note", language: "zh-Hans"),
                                                             now: now, on: db)
            return try record.requireID()
        }
        let response = req.redirect(to: "/cases/\(caseID)?done=walk_in")
        // The terminal at a window records at that window: remember it for the next applicant.
        if let id = window?.id {
            response.cookies[req.cookieName(Self.windowCookie)] = HTTPCookies.Value(
                string: id.uuidString, maxAge: 365 * 24 * 3600, isSecure: services.config.secureCookies, isHTTPOnly: true,
                sameSite: .strict)
        }
        return response
    }

    static let windowCookie = "zw_window"

    /// The windows of the clerk's department and the general ones (综合窗口, no department) of
    /// the service centres in the clerk's region, in number order.
    private func offeredWindows(_ req: Request) async throws -> [ServiceWindow] {
        let actor = try clerk(req)
        let department = actor.departmentID.flatMap(UUID.init(uuidString:))
        let centres = Set(try await Department.query(on: req.db).filter(\.$regionCode == (actor.regionCode ?? "")).all().compactMap(\.id))
        return try await ServiceWindow.query(on: req.db).sort(\.$number).all().filter {
            $0.departmentID == nil ? centres.contains($0.centreID) : $0.departmentID == department
        }
    }

    private func render(_ req: Request, _ published: CatalogueQuery.Published, _ item: ApplicableItem, applicant: FormState,
                        values: [String: String], issues: [FieldIssue], extra: [FormState.Problem] = [],
                        status: HTTPResponseStatus) async throws -> Response {
        let guide = GuideView(published, on: req)
        let form = CaseFormView(fields: item.guide.form, values: values, issues: issues, on: req)
        let chosen = applicant.values["window"] ?? req.cookies[req.cookieName(Self.windowCookie)]?.string
        let windows = try await offeredWindows(req).compactMap { window in
            window.id.map { SelectOption(value: $0.uuidString, label: "\(window.number) \(window.name)", selected: $0.uuidString == chosen) }
        }
        return try await req.renderPage("staff/walk-in", title: item.guide.name, FormPage(
            item: guide, windows: windows, applicant: applicant, form: form, materials: guide.materials,
            problems: applicant.problems + form.problems + extra), status: status)
    }

    private func clerk(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, actor.has(.windowClerk) else { throw AppError.forbidden }
        return actor
    }

    private func loadItem(_ req: Request) async throws -> (CatalogueQuery.Published, ApplicableItem) {
        let actor = try clerk(req)
        guard let code = req.parameters.get("code"),
              let published = try await CatalogueQuery.published(code: code, on: req.db),
              let item = try await ApplicableItem.published(code: code, on: req.db),
              CasePolicy.permits(actor, .recordWalkIn, on: item.policySubject) else { throw Abort(.notFound) }
        guard item.availability == .active else { throw AppError.notAvailable(LocalizedMessage("walk_in.item_unavailable")) }
        return (published, item)
    }
}
