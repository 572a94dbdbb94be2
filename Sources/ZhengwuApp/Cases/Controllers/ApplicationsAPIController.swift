import Fluent
import Vapor
import ZhengwuCore

/// The public JSON API for applications (documented in Resources/OpenAPI/openapi.json).
/// Authenticated by a portal session: the browser's cookie (with the CSRF header) or a bearer
/// token from `POST /api/v1/sessions`.
struct ApplicationsAPIController {
    struct MaterialInput: Content {
        let key: String
        let fileName: String?
        /// The file, base64.
        let content: String?
        let certificateReference: String?
    }

    struct CreateRequest: Content {
        let itemCode: String
        let form: [String: String]
        let materials: [MaterialInput]?

        /// Whether any of its text holds a NUL character: no honest client sends one, and
        /// PostgreSQL cannot store or even look one up, so it would fail as a server error.
        var carriesNul: Bool {
            let texts = [itemCode] + form.keys + form.values
                + (materials ?? []).flatMap { [$0.key, $0.fileName, $0.content, $0.certificateReference].compactMap(\.self) }
            return texts.contains { $0.contains("\0") }
        }
    }

    struct Problem: Content {
        let field: String
        let message: String
    }

    struct ProblemList: Content {
        let errors: [Problem]
    }

    struct Created: Content {
        let receiptNumber: String
        let status: String
        let acceptanceDueDate: String
    }

    struct Event: Content {
        let at: Date
        let event: String
        let text: String
    }

    struct Detail: Content {
        let receiptNumber: String
        let itemCode: String
        let itemName: String
        let status: String
        let statusText: String
        let receivedOn: String?
        let acceptanceDueDate: String?
        let acceptedOn: String?
        let deemedAccepted: Bool
        let decisionDueDate: String?
        let visits: Int
        let timeline: [Event]
    }

    func create(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        guard let input = try? req.content.decode(CreateRequest.self), !input.carriesNul else {
            return try problems([Problem(field: "body", message: req.t("api.body_invalid"))], on: req)
        }
        guard let item = try await ApplicableItem.published(code: input.itemCode, on: req.db) else {
            return try problems([Problem(field: "itemCode", message: req.t("api.item_unknown"))], on: req)
        }
        guard item.guide.acceptsOnlineApplications, item.availability == .active else {
            return try problems([Problem(field: "itemCode", message: req.t("apply.not_online"))], on: req)
        }
        guard item.guide.applicantKinds.contains(signedIn.applicantKind) else {
            return try problems([Problem(field: "itemCode", message: req.t("apply.wrong_applicant_kind"))], on: req)
        }
        guard let applicant = try await Applicant.load(accountID: signedIn.accountID, on: req.db, vault: req.zhengwu.vault) else {
            throw AppError.forbidden
        }

        // Everything is checked before anything is written: invalid input stores nothing.
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let now = req.now
        let today = LocalDate(now, in: calendar.timeZone)
        var issues: [Problem] = []
        var payloads: [(key: String, payload: AttachMaterial.Payload, type: UploadCheck.FileType?)] = []
        for (index, material) in (input.materials ?? []).enumerated() {
            let field = "materials[\(index)]"
            let payload: AttachMaterial.Payload
            if let reference = material.certificateReference {
                payload = .certificate(reference: reference)
            } else if let content = material.content, let bytes = Data(base64Encoded: content) {
                payload = .upload(fileName: material.fileName ?? material.key, bytes: bytes)
            } else {
                issues.append(Problem(field: field, message: req.t("api.material_content")))
                continue
            }
            switch try await AttachMaterial.check(payload, for: item.guide.material(material.key), holder: applicant.identityNumber,
                                                  vault: req.zhengwu.vault, today: today, on: req.db) {
            case .refused(let message): issues.append(Problem(field: field, message: req.t(message)))
            case .acceptable(let type): payloads.append((material.key, payload, type))
            }
        }
        if payloads.count > UploadCheck.maxFilesPerApplication {
            issues.append(Problem(field: "materials", message: req.t(UploadCheck.Rejection.tooManyFiles(max: UploadCheck.maxFilesPerApplication).message)))
        } else if Dictionary(grouping: payloads, by: \.key).values.contains(where: { $0.count > UploadCheck.maxFilesPerMaterial }) {
            issues.append(Problem(field: "materials", message: req.t(UploadCheck.Rejection.tooManyFiles(max: UploadCheck.maxFilesPerMaterial).message)))
        }
        let checked = SubmitApplication.problems(values: input.form, materialKeys: Set(payloads.map(\.key)), guide: item.guide, today: today)
        let labels = Dictionary(item.guide.form.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        issues += checked.problems.map { issue in
            let text = req.t(issue.message)
            return Problem(field: labels[issue.field] != nil ? "form.\(issue.field)" : issue.field,
                           message: labels[issue.field].map { "\($0)：\(text)" } ?? text)
        }
        guard issues.isEmpty else { return try problems(issues, on: req) }

        let services = req.zhengwu
        let actor = CaseActor.applicant(named: applicant.name, on: req)
        let record = ServiceCase(item: item, applicant: applicant, accountID: signedIn.accountID, channel: .online,
                                 vault: services.vault, now: now)
        record.formValues = try ServiceCase.encode(checked.values, fields: item.guide.form, vault: services.vault)
        let materials = payloads
        let created = try await services.groupCommit.write { db -> Created in
            try await SubmitApplication.createReceived(record, item: item, materials: materials, today: today, now: now,
                                                       calendar: calendar, on: db)
            try await CaseJournal(services: services).record(.submitted, on: record, by: actor, now: now, on: db)
            return Created(receiptNumber: record.receiptNumber!, status: record.status.rawValue,
                           acceptanceDueDate: record.acceptanceDueOn!)
        }
        let response = try await created.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/applications/\(created.receiptNumber)")
        return response
    }

    func show(_ req: Request) async throws -> Detail {
        let signedIn = try req.requireSignedIn()
        guard let number = req.parameters.get("receipt").flatMap(ReceiptNumber.init(parsing:)),
              let record = try await ServiceCase.query(on: req.db).filter(\.$receiptNumber == number.value).first(),
              record.applicantAccountID == signedIn.accountID else { throw Abort(.notFound) }
        let entries = try await CaseTimelineEntry.query(on: req.db).filter(\.$applicationID == record.requireID()).sort(\.$at).all()
        return Detail(
            receiptNumber: number.value, itemCode: record.itemCode, itemName: record.itemName, status: record.status.rawValue,
            statusText: req.t(record.status.messageKey), receivedOn: record.receivedOn, acceptanceDueDate: record.acceptanceDueOn,
            acceptedOn: record.acceptedOn, deemedAccepted: record.deemedAccepted, decisionDueDate: record.decisionDueOn,
            visits: record.visits,
            timeline: entries.filter { !CaseView.internalEvents.contains($0.event) }.map {
                Event(at: $0.at, event: $0.event.rawValue, text: req.t($0.event.messageKey))
            })
    }

    private func problems(_ list: [Problem], on req: Request) throws -> Response {
        let response = Response(status: .unprocessableEntity)
        try response.content.encode(ProblemList(errors: list))
        return response
    }
}
