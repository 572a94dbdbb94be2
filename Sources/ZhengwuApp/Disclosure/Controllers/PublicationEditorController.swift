import Fluent
import Vapor
import ZhengwuCore

/// 信息发布 in the workbench: drafts, review and publishing, and what happens to a document
/// afterwards. Every write goes through a command that checks DisclosurePolicy.
struct PublicationEditorController {
    struct Row: Encodable {
        let id: String
        let title: String
        let organ: String
        let indexNumber: String?
        let status: String
        let statusKey: String
        let pending: String?
        let forcedUnconfirmed: Bool
    }


    struct ListPage: Encodable {
        let rows: [Row]
        let tabs: [ListTab]
        let canCreate: Bool
        let canManageTerms: Bool
        let pager: Pager
    }

    struct EditPage: Encodable {
        let action: String
        let isNew: Bool
        let form: FormState
        let organs: [SelectOption]
        let subjects: [SelectOption]
        let genres: [SelectOption]
    }

    /// The tabs of the list, each a condition on the publication or its editions.
    enum Show: String, CaseIterable {
        case review, drafts, live, forced, all
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard let scoped = PublicationScope.query(for: actor, on: req.db) else { throw AppError.forbidden }
        let show = req.query[String.self, at: "show"].flatMap(Show.init(rawValue:)) ?? (actor.has(.publisher) ? .review : .all)
        let states: [EditionState]? = switch show {
        case .review: [.submitted, .scheduled]
        case .drafts: [.draft]
        default: nil
        }
        var query = scoped
        if let states {
            let ids = try await PublicationEdition.query(on: req.db).filter(\.$state ~~ states).all(\.$publicationID)
            query = query.filter(\.$id ~~ Set(ids))
        } else if show == .live {
            query = query.filter(\.$status == .live)
        } else if show == .forced {
            let ids = try await PublicationEdition.query(on: req.db).filter(\.$forced == true).filter(\.$confirmedAt == nil)
                .all(\.$publicationID)
            query = query.filter(\.$id ~~ Set(ids))
        }
        let pager = Pager(number: req.pageNumber, total: try await query.count(), path: "/disclosure", query: "show=\(show.rawValue)")
        let publications = try await query.sort(\.$createdAt, .descending).range(pager.range).all()
        let ids = publications.compactMap(\.id)
        let editions = ids.isEmpty ? [] : try await PublicationEdition.query(on: req.db).filter(\.$publicationID ~~ ids).all()
        let organs = try await Department.names(short: true, on: req.db)
        let rows = publications.map { publication in
            let mine = editions.filter { $0.publicationID == publication.id }
            return Row(id: publication.id?.uuidString ?? "", title: publication.title, organ: organs[publication.organID] ?? "",
                       indexNumber: publication.indexNumber?.description, status: req.t(publication.status.messageKey),
                       statusKey: publication.status.rawValue,
                       pending: mine.first { !$0.state.isPublic }.map { req.t($0.state.messageKey) },
                       forcedUnconfirmed: mine.contains { $0.forced && $0.confirmedAt == nil })
        }
        let tabs = ListTab.tabs(Show.allCases, current: show, labelPrefix: "publications.show", on: req)
        return try await req.renderPage("staff/publications", titleKey: "publications.title", ListPage(
            rows: rows, tabs: tabs, canCreate: !(try await PublicationScope.organs(for: actor, on: req.db)).isEmpty,
            canManageTerms: DisclosurePolicy.managesBannedTerms(actor), pager: pager))
    }

    func showNew(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        var form = PublicationForm(edition: nil, organID: actor.departmentID ?? "")
        form.state.values["written_on"] = LocalDate(req.now, in: WorkingCalendar.default.timeZone).iso
        form.state.values["subject"] = PublicationSubject.generalAffairs.rawValue
        form.state.values["genre"] = PublicationGenre.notice.rawValue
        return try await renderEdit(req, actor: actor, action: "/disclosure/new", isNew: true, form: form.state)
    }

    func showEdit(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        let publication = try await PublicationPage.load(req, actor: actor)
        let editions = try await PublicationEdition.query(on: req.db).filter(\.$publicationID == publication.requireID())
            .sort(\.$number, .descending).all()
        let base = editions.first { $0.state == .draft } ?? editions.first { $0.id == publication.currentEditionID }
        var form = PublicationForm(edition: base, organID: publication.organID.uuidString)
        if base?.state != .draft { form.state.values["change_note"] = "" }
        return try await renderEdit(req, actor: actor, action: "/disclosure/\(try publication.requireID())/edit", isNew: false,
                                    form: form.state)
    }

    func save(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        let publicationID = req.parameters.get("id", as: UUID.self)
        if req.parameters.get("id") != nil, publicationID == nil { throw Abort(.notFound) }
        let form = PublicationForm(reading: req, today: LocalDate(req.now, in: WorkingCalendar.default.timeZone))
        let action = publicationID.map { "/disclosure/\($0)/edit" } ?? "/disclosure/new"
        guard let metadata = form.metadata else {
            return try await renderEdit(req, actor: actor, action: action, isNew: publicationID == nil, form: form.state,
                                        status: .unprocessableEntity)
        }
        // A new publication belongs to the organ chosen, or else to the writer's own.
        let organID = UUID(uuidString: form.state.values["organ"] ?? "") ?? actor.departmentID.flatMap(UUID.init(uuidString:))
        let input = SavePublicationDraft.Input(publicationID: publicationID, organID: organID,
                                               metadata: metadata, body: form.body, changeNote: form.changeNote)
        let signedIn = try req.requireSignedIn()
        let outcome = try await req.application.write { db in
            try await SavePublicationDraft.run(input, actor: actor, actorName: signedIn.displayName, now: req.now,
                                               audit: req.zhengwu.audit, auditActor: req.auditActor, on: db)
        }
        switch outcome {
        case .saved(let id): return req.redirect(to: "/disclosure/\(id)?done=saved")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .busy:
            var state = form.state
            state.add("title", req.t("publication.error.busy"))
            return try await renderEdit(req, actor: actor, action: action, isNew: publicationID == nil, form: state, status: .conflict)
        }
    }

    func show(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        let publication = try await PublicationPage.load(req, actor: actor)
        let done = req.query[String.self, at: "done"].flatMap { done in
            (["saved", "attached", "detached", "status", "validity"] + ReviewEdition.Step.allCases.map(\.rawValue)).contains(done)
                ? req.t("publication.done.\(done)") : nil
        }
        return try await PublicationPage.render(req, publication, actor: actor, message: done)
    }

    func review(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard let editionID = req.parameters.get("edition", as: UUID.self),
              let step = req.parameters.get("step").flatMap(ReviewEdition.Step.init(rawValue:)) else { throw Abort(.notFound) }
        let note = try req.typedField("note", atMost: 1000)
        let typedTime = ((try? req.content.get(String.self, at: "publish_at")) ?? "").trimmingCharacters(in: .whitespaces)
        let publishAt = Date(localMinute: typedTime, in: WorkingCalendar.default.timeZone)
        let (edition, publication) = try await loadEdition(req, editionID, actor: actor)
        if step == .publish, !typedTime.isEmpty, publishAt == nil || publishAt! <= req.now {
            var form = FormState()
            form.add("publish_at", req.t("publication.error.publish_at"))
            return try await PublicationPage.render(req, publication, actor: actor, form: form, status: .unprocessableEntity)
        }
        let signedIn = try req.requireSignedIn()
        let outcome = try await req.application.write { db in
            try await ReviewEdition.run(.init(step: step, editionID: editionID, note: note, publishAt: publishAt), actor: actor,
                                        actorName: signedIn.displayName, now: req.now, audit: req.zhengwu.audit,
                                        auditActor: req.auditActor, on: db)
        }
        switch outcome {
        case .done: return req.redirect(to: "/disclosure/\(edition.publicationID)?done=\(step.rawValue)")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .notAllowed: throw AppError.conflict
        case .noteRequired:
            var form = FormState()
            form.add(step == .force ? "force_reason" : "note", req.t(step == .force ? "publication.error.force_reason" : "publication.error.note"))
            return try await PublicationPage.render(req, publication, actor: actor, form: form, status: .unprocessableEntity)
        case .banned(let findings):
            return try await PublicationPage.render(req, publication, actor: actor, banned: findings, status: .unprocessableEntity)
        }
    }

    func changeStatus(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        let publication = try await PublicationPage.load(req, actor: actor)
        let publicationID = try publication.requireID()
        let note = try req.typedField("note", atMost: 1000)
        let change: ManagePublication.Change
        var field = "status_note"
        switch (try? req.content.get(String.self, at: "change")) ?? "" {
        case "withdraw": change = .withdraw(reason: note)
        case "remove": change = .remove(note: note)
        case "validity":
            field = "validity_note"
            guard let validity = (try? req.content.get(String.self, at: "validity")).flatMap(PublicationValidity.init(rawValue:)) else {
                throw Abort(.badRequest)
            }
            guard let since = (try? req.content.get(String.self, at: "since")).flatMap(LocalDate.init(iso:)) else {
                var form = FormState()
                form.add("validity_since", req.t("publication.error.validity_since"))
                return try await PublicationPage.render(req, publication, actor: actor, form: form, status: .unprocessableEntity)
            }
            change = .validity(validity, since: since, note: note)
        default: throw Abort(.badRequest)
        }
        let outcome = try await req.application.write { db in
            try await ManagePublication.run(change, publicationID: publicationID, actor: actor, now: req.now, audit: req.zhengwu.audit,
                                            auditActor: req.auditActor, on: db)
        }
        switch outcome {
        case .done:
            if case .validity = change { return req.redirect(to: "/disclosure/\(publicationID)?done=validity") }
            return req.redirect(to: "/disclosure/\(publicationID)?done=status")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .notAllowed: throw AppError.conflict
        case .noteRequired:
            var form = FormState()
            form.add(field, req.t("publication.error.status_note"))
            return try await PublicationPage.render(req, publication, actor: actor, form: form, status: .unprocessableEntity)
        }
    }

    private struct Upload: Content {
        var file: File?
    }

    func attach(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard let editionID = req.parameters.get("edition", as: UUID.self) else { throw Abort(.notFound) }
        let (_, publication) = try await loadEdition(req, editionID, actor: actor)
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            return try await uploadProblem(req, publication, actor, req.t(AttachmentCheck.Rejection.empty.message))
        }
        let bytes = Array(Data(buffer: file.data))
        let type: AttachmentCheck.FileType
        do { type = try AttachmentCheck.check(bytes, name: file.filename) } catch {
            return try await uploadProblem(req, publication, actor, req.t(error.message))
        }
        let text = type == .pdf ? await PDFText.extract(bytes, on: req.application.threadPool) : ""
        let outcome = try await req.application.write { db in
            try await AttachToEdition.add(editionID: editionID, bytes: bytes, name: file.filename, type: type, text: text, actor: actor,
                                          now: req.now, audit: req.zhengwu.audit, auditActor: req.auditActor, on: db)
        }
        return try await attachmentOutcome(req, outcome, publication, actor, done: "attached")
    }

    func detach(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard let editionID = req.parameters.get("edition", as: UUID.self),
              let attachmentID = req.parameters.get("attachment", as: UUID.self) else { throw Abort(.notFound) }
        let (_, publication) = try await loadEdition(req, editionID, actor: actor)
        let outcome = try await req.application.write { db in
            try await AttachToEdition.remove(editionID: editionID, attachmentID: attachmentID, actor: actor, audit: req.zhengwu.audit,
                                             auditActor: req.auditActor, on: db)
        }
        return try await attachmentOutcome(req, outcome, publication, actor, done: "detached")
    }

    func download(_ req: Request) async throws -> Response {
        let actor = try worker(req)
        guard let attachmentID = req.parameters.get("attachment", as: UUID.self),
              let attachment = try await PublicationAttachment.find(attachmentID, on: req.db),
              let edition = try await PublicationEdition.find(attachment.editionID, on: req.db),
              let publication = try await Publication.find(edition.publicationID, on: req.db),
              DisclosurePolicy.permits(actor, .write, organ: publication.organ) else { throw Abort(.notFound) }
        return try await AttachmentDownload.response(attachment, cache: "private, no-store", on: req)
    }

    private func attachmentOutcome(_ req: Request, _ outcome: AttachToEdition.Outcome, _ publication: Publication, _ actor: Actor,
                                   done: String) async throws -> Response {
        switch outcome {
        case .done(let id): return req.redirect(to: "/disclosure/\(id)?done=\(done)")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw Abort(.notFound)
        case .notAllowed: throw AppError.conflict
        case .tooMany:
            return try await uploadProblem(req, publication, actor, req.t("publication.error.too_many_attachments",
                                                                           ["max": String(AttachmentCheck.maxPerEdition)]))
        }
    }

    private func uploadProblem(_ req: Request, _ publication: Publication, _ actor: Actor, _ message: String) async throws -> Response {
        var form = FormState()
        form.add("file", message)
        return try await PublicationPage.render(req, publication, actor: actor, form: form, status: .unprocessableEntity)
    }

    private func renderEdit(_ req: Request, actor: Actor, action: String, isNew: Bool, form: FormState,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let organs = try await PublicationScope.organs(for: actor, on: req.db)
        guard !organs.isEmpty else { throw AppError.forbidden }
        let page = EditPage(
            action: action, isNew: isNew, form: form,
            organs: organs.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, selected: $0.id?.uuidString == form.values["organ"]) },
            subjects: PublicationForm.subjects(req, selected: form.values["subject"]),
            genres: PublicationForm.genres(req, selected: form.values["genre"]))
        return try await req.renderPage("staff/publication-edit", titleKey: isNew ? "publication.new" : "publication.edit", page,
                                        status: status)
    }

    /// An edition and its publication, if the actor works on that organ's publications: others
    /// learn nothing, not even from an error page.
    private func loadEdition(_ req: Request, _ editionID: UUID, actor: Actor) async throws -> (PublicationEdition, Publication) {
        guard let edition = try await PublicationEdition.find(editionID, on: req.db),
              let publication = try await Publication.find(edition.publicationID, on: req.db),
              DisclosurePolicy.permits(actor, .write, organ: publication.organ) else { throw Abort(.notFound) }
        return (edition, publication)
    }

    private func worker(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, DisclosurePolicy.worksOnDisclosure(actor) else { throw AppError.forbidden }
        return actor
    }
}
