import Fluent
import Vapor
import ZhengwuCore

/// 事项管理: a department's items in the workbench. Staff draft changes to a guide, the head
/// approves (publishing it) or returns them; every version stays as history. The head can
/// also suspend or retire an item with a notice.
struct CatalogueEditorController {
    struct ItemRow: Encodable {
        let id: String
        let code: String
        let name: String
        let availability: String
        let published: Int?
        let pending: String?
    }

    struct ListPage: Encodable {
        let rows: [ItemRow]
        let canCreate: Bool
        let pager: Pager
    }

    struct Version: Encodable {
        let id: String
        let number: Int
        let state: String
        let stateKey: String
        let author: String
        let reviewer: String?
        let note: String
        let reviewNote: String
        let createdAt: String
        let canSubmit: Bool
        let canReview: Bool
    }

    struct ItemPage: Encodable {
        let id: String
        let code: String
        let name: String
        let availability: String
        let availabilityKey: String
        let notice: String
        let versions: [Version]
        let canEdit: Bool
        let canChangeAvailability: Bool
        let message: String?
        let form: FormState
        /// The newest version's workflow, in full, as SVG (escaped by ZhengwuCore).
        let workflowPicture: String?
        let workflowIsDefault: Bool
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct EditPage: Encodable {
        let action: String
        let isNew: Bool
        let form: FormState
        let itemTypes: [Choice]
        let levels: [Choice]
        let handlings: [Choice]
        let depths: [Choice]
        let applicantKinds: [Choice]
        let lifeEvents: [Choice]
        let delivery: [Choice]
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try editor(req)
        guard let department = actor.departmentID.flatMap(UUID.init(uuidString:)) else { throw AppError.forbidden }
        let mine = ServiceItem.query(on: req.db).filter(\.$departmentID == department)
        let pager = Pager(number: req.pageNumber, total: try await mine.count(), path: "/catalogue")
        let items = try await mine.sort(\.$code).range(pager.range).all()
        let itemIDs = items.compactMap(\.id)
        let revisions = itemIDs.isEmpty ? [] : try await ServiceItemRevision.query(on: req.db).filter(\.$itemID ~~ itemIDs).all()
        let rows = items.map { item in
            let mine = revisions.filter { $0.itemID == item.id }
            return ItemRow(id: item.id?.uuidString ?? "", code: item.code, name: item.name,
                           availability: req.t(item.availability.messageKey),
                           published: mine.first { $0.id == item.publishedRevisionID }?.number,
                           pending: mine.first { $0.state == .pendingReview || $0.state.isEditable }.map { req.t($0.state.messageKey) })
        }
        return try await req.renderPage("staff/catalogue", titleKey: "catalogue.title",
                                        ListPage(rows: rows, canCreate: CataloguePolicy.mayCreateItems(actor), pager: pager))
    }

    func show(_ req: Request) async throws -> Response {
        let (item, actor) = try await loadItem(req)
        let message = req.query[String.self, at: "done"].flatMap { done in
            ["saved", "submit", "approve", "return", "availability"].contains(done) ? req.t("catalogue.done.\(done)") : nil
        }
        return try await renderItem(req, item, actor, message: message, form: FormState())
    }

    private func renderItem(_ req: Request, _ item: ServiceItem, _ actor: Actor, message: String?, form: FormState,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let department = item.departmentID.uuidString
        let versions = try await ServiceItemRevision.query(on: req.db).filter(\.$itemID == item.requireID())
            .sort(\.$number, .descending).all()
        let latest = try versions.first?.guide
        var picture: String?
        if let latest, let lead = try await Department.find(item.departmentID, on: req.db) {
            let partners = try await Department.query(on: req.db).filter(\.$code ~~ latest.jointDepartmentCodes).all()
            let names = Dictionary(([lead] + partners).map { ($0.code, $0.shortName) }, uniquingKeysWith: { first, _ in first })
            picture = latest.effectiveWorkflow(leadDepartmentCode: lead.code, departmentNames: names).map { workflow in
                workflow.svg(.init(title: req.t("guide.workflow_description",
                                                ["stages": workflow.stages.map(\.name).joined(separator: " → ")]),
                                   detail: { step in req.t("workflow.days", ["days": String(step.allottedDays)]) }))
            }
        }
        let page = ItemPage(
            id: try item.requireID().uuidString, code: item.code, name: item.name, availability: req.t(item.availability.messageKey),
            availabilityKey: item.availability.rawValue, notice: item.availabilityNotice,
            versions: versions.map { version in
                Version(id: version.id?.uuidString ?? "", number: version.number, state: req.t(version.state.messageKey),
                        stateKey: version.state.rawValue, author: version.authorName, reviewer: version.reviewerName,
                        note: version.changeNote, reviewNote: version.reviewNote, createdAt: DisplayTime.minute(version.createdAt),
                        canSubmit: version.state.isEditable && CataloguePolicy.permits(actor, .edit, itemDepartmentID: department),
                        canReview: version.state == .pendingReview
                            && CataloguePolicy.permits(actor, .review(authorID: version.authorID.uuidString), itemDepartmentID: department))
            },
            canEdit: CataloguePolicy.permits(actor, .edit, itemDepartmentID: department),
            canChangeAvailability: CataloguePolicy.permits(actor, .changeAvailability, itemDepartmentID: department),
            message: message, form: form, workflowPicture: picture, workflowIsDefault: latest?.workflow == nil)
        return try await req.renderPage("staff/catalogue-item", title: item.name, page, status: status)
    }

    func showNew(_ req: Request) async throws -> Response {
        let actor = try editor(req)
        guard CataloguePolicy.mayCreateItems(actor) else { throw AppError.forbidden }
        var form = FormState()
        form.values = ["handling": HandlingType.promised.rawValue, "online_depth": "3", "max_visits": "1", "level": "county",
                       "item_type": ItemType.licence.rawValue, "legal_limit_days": "20", "promised_limit_days": "10"]
        return try await renderEdit(req, action: "/catalogue/new", isNew: true, form: form, kinds: [], events: [], delivery: [])
    }

    func showEdit(_ req: Request) async throws -> Response {
        let (item, actor) = try await loadItem(req)
        guard CataloguePolicy.permits(actor, .edit, itemDepartmentID: item.departmentID.uuidString) else { throw AppError.forbidden }
        let itemID = try item.requireID()
        // Start from the open draft if there is one, else from the published text.
        let base = try await ServiceItemRevision.query(on: req.db).filter(\.$itemID == itemID)
            .filter(\.$state ~~ [.draft, .returned]).first()
        let source: ServiceItemRevision? = if let base { base } else if let published = item.publishedRevisionID {
            try await ServiceItemRevision.find(published, on: req.db)
        } else { nil }
        guard let source else { throw Abort(.notFound) }
        let guide = try source.guide
        let editor = GuideEditorForm(guide: guide)
        var form = FormState()
        form.values = editor.values
        if let workflow = guide.workflow {
            let people = try await StaffUsernames.people(for: workflow.personIDs, on: req.db)
            form.values["workflow"] = GuideText.format(workflow: workflow) { people[$0]?.username ?? $0 }
        }
        return try await renderEdit(req, action: "/catalogue/\(itemID)/edit", isNew: false, form: form,
                                    kinds: editor.applicantKinds, events: editor.lifeEvents, delivery: editor.delivery)
    }

    func save(_ req: Request) async throws -> Response {
        let actor = try editor(req)
        let itemID = req.parameters.get("id", as: UUID.self)
        if req.parameters.get("id") != nil, itemID == nil { throw Abort(.notFound) }
        let editorForm = GuideEditorForm(reading: req)
        var form = FormState()
        form.values = editorForm.values
        var (guide, parseIssues) = editorForm.guide()
        // The workflow names people by username; it is stored by account.
        if let workflow = guide?.workflow {
            let ids = try await StaffUsernames.accountIDs(for: workflow.personIDs, on: req.db)
            let (resolved, unknown) = workflow.mappingPeople { ids[$0] }
            guide?.workflow = resolved
            if !unknown.isEmpty {
                parseIssues.append(FieldIssue(field: "workflow", message: LocalizedMessage("review.unknown_person", ["name": unknown.joined(separator: "、")])))
                guide = nil
            }
        }
        var outcome: SaveOutcome<UUID> = .invalid(parseIssues.map { ($0.field, $0.message) })
        if let guide {
            let signedIn = try req.requireSignedIn()
            outcome = try await req.application.write { db in
                try await SaveGuideDraft.run(.init(itemID: itemID, guide: guide, changeNote: editorForm.values["change_note"] ?? ""),
                                             actor: actor, actorName: signedIn.displayName, now: req.now, audit: req.zhengwu.audit,
                                             auditActor: req.auditActor, on: db)
            }
        }
        switch outcome {
        case .saved(let savedItemID):
            return req.redirect(to: "/catalogue/\(savedItemID)?done=saved")
        case .invalid(let problems):
            for problem in problems { form.add(problem.field, problem.message, on: req) }
            return try await renderEdit(req, action: itemID.map { "/catalogue/\($0)/edit" } ?? "/catalogue/new", isNew: itemID == nil,
                                        form: form, kinds: editorForm.applicantKinds, events: editorForm.lifeEvents,
                                        delivery: editorForm.delivery, status: .unprocessableEntity)
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        }
    }

    func review(_ req: Request) async throws -> Response {
        let actor = try editor(req)
        guard let revisionID = req.parameters.get("revision", as: UUID.self),
              let step = req.parameters.get("step").flatMap(ReviewGuide.Step.init(rawValue:)) else { throw Abort(.notFound) }
        let note = try req.typedField("note", atMost: 1000)
        let outcome = try await req.application.write { db in
            try await ReviewGuide.run(step, revisionID: revisionID, note: note, actor: actor, now: req.now,
                                      audit: req.zhengwu.audit, auditActor: req.auditActor, on: db)
        }
        guard let revision = try await ServiceItemRevision.find(revisionID, on: req.db) else { throw Abort(.notFound) }
        switch outcome {
        case .done:
            return req.redirect(to: "/catalogue/\(revision.itemID)?done=\(step.rawValue)")
        case .noteRequired:
            guard let item = try await ServiceItem.find(revision.itemID, on: req.db) else { throw Abort(.notFound) }
            var form = FormState()
            form.add("note", req.t("catalogue.note_required"))
            return try await renderItem(req, item, actor, message: nil, form: form, status: .unprocessableEntity)
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .notAllowed: throw AppError.conflict
        }
    }

    func changeAvailability(_ req: Request) async throws -> Response {
        let (item, actor) = try await loadItem(req)
        guard let availability = (try? req.content.get(String.self, at: "availability")).flatMap(ItemAvailability.init(rawValue:)) else {
            throw Abort(.badRequest)
        }
        let notice = req.typedField("notice")
        let itemID = try item.requireID()
        let outcome = try await req.application.write { db in
            try await ChangeItemAvailability.run(itemID: itemID, to: availability, notice: notice, actor: actor,
                                                 audit: req.zhengwu.audit, auditActor: req.auditActor, on: db)
        }
        switch outcome {
        case .changed: return req.redirect(to: "/catalogue/\(itemID)?done=availability")
        case .noticeRequired:
            var form = FormState()
            form.add("notice", req.t("catalogue.availability_notice_required"))
            return try await renderItem(req, item, actor, message: nil, form: form, status: .unprocessableEntity)
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        }
    }

    private func renderEdit(_ req: Request, action: String, isNew: Bool, form: FormState, kinds: Set<String>, events: Set<String>,
                            delivery: Set<String>, status: HTTPResponseStatus = .ok) async throws -> Response {
        func choices<T: RawRepresentable>(_ all: [T], key: (T) -> String, selected: (T) -> Bool) -> [Choice] where T.RawValue: LosslessStringConvertible {
            all.map { Choice(value: String(describing: $0.rawValue), label: req.t(key($0)), checked: selected($0)) }
        }
        let page = EditPage(
            action: action, isNew: isNew, form: form,
            itemTypes: choices(ItemType.allCases, key: \.messageKey) { $0.rawValue == form.values["item_type"] },
            levels: choices(AdministrativeLevel.allCases, key: \.messageKey) { $0.rawValue == form.values["level"] },
            handlings: choices(HandlingType.allCases, key: \.messageKey) { $0.rawValue == form.values["handling"] },
            depths: choices(OnlineDepth.allCases, key: \.messageKey) { String($0.rawValue) == form.values["online_depth"] },
            applicantKinds: choices(ApplicantKind.allCases, key: \.messageKey) { kinds.contains($0.rawValue) },
            lifeEvents: choices(LifeEvent.allCases, key: \.messageKey) { events.contains($0.rawValue) },
            delivery: choices(DeliveryOption.allCases, key: \.messageKey) { delivery.contains($0.rawValue) })
        return try await req.renderPage("staff/catalogue-edit", titleKey: isNew ? "catalogue.new" : "catalogue.edit", page, status: status)
    }

    private func editor(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, CataloguePolicy.mayCreateItems(actor) else { throw AppError.forbidden }
        return actor
    }

    private func loadItem(_ req: Request) async throws -> (ServiceItem, Actor) {
        let actor = try editor(req)
        guard let id = req.parameters.get("id", as: UUID.self), let item = try await ServiceItem.find(id, on: req.db),
              CataloguePolicy.permits(actor, .viewDrafts, itemDepartmentID: item.departmentID.uuidString) else { throw Abort(.notFound) }
        return (item, actor)
    }
}
