import Fluent
import Vapor
import ZhengwuCore

/// The workbench page of one publication: its editions with their review history, and the
/// buttons the signed-in person may press, each shown only when DisclosurePolicy allows it.
enum PublicationPage {
    struct Attachment: Encodable {
        let id: String
        let name: String
        let size: String
        let searchable: Bool
    }

    struct Edition: Encodable {
        let id: String
        let number: Int
        let state: String
        let stateKey: String
        let title: String
        let author: String
        let changeNote: String
        let createdAt: String
        let submittedBy: String?
        let submittedAt: String?
        let reviewer: String?
        let reviewNote: String
        let publishAt: String?
        let publishedAt: String?
        let forced: Bool
        let forceReason: String
        let confirmedBy: String?
        let attachments: [Attachment]
        let bodyHTML: String
        let canSubmit: Bool
        let canEditAttachments: Bool
        let canReview: Bool
        let reviewBarred: Bool
        let canForce: Bool
        let canConfirm: Bool
    }

    struct Body: Encodable {
        let id: String
        let title: String
        let organ: String
        let indexNumber: String?
        let publicPath: String?
        let status: String
        let statusKey: String
        let statusNote: String
        let validity: String?
        let validityKey: String?
        let validitySince: String?
        let validityNote: String
        let editions: [Edition]
        let canEdit: Bool
        let canManage: Bool
        let validities: [SelectOption]
        let today: String
        let message: String?
        let form: FormState
        let banned: [BannedTerms.Finding]
    }

    static func load(_ req: Request, actor: Actor) async throws -> Publication {
        guard let id = req.parameters.get("id", as: UUID.self), let publication = try await Publication.find(id, on: req.db),
              DisclosurePolicy.permits(actor, .write, organ: publication.organ) else { throw Abort(.notFound) }
        return publication
    }

    static func render(_ req: Request, _ publication: Publication, actor: Actor, message: String? = nil, form: FormState = FormState(),
                       banned: [BannedTerms.Finding] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let publicationID = try publication.requireID()
        let editions = try await PublicationEdition.query(on: req.db).filter(\.$publicationID == publicationID)
            .sort(\.$number, .descending).all()
        let editionIDs = editions.compactMap(\.id)
        let attachments = try await PublicationAttachment.query(on: req.db).filter(\.$editionID ~~ editionIDs).sort(\.$position).all()
        let organ = publication.organ
        let removed = publication.status == .removed
        let organName = try await Department.find(publication.organID, on: req.db)?.name ?? ""
        let rows = editions.map { edition in
            let reviewAction = DisclosurePolicy.Action.publish(authorIDs: edition.editors, submitterID: edition.submittedByID?.uuidString ?? "")
            let mayPublishHere = DisclosurePolicy.permits(actor, .forcePublish, organ: organ)
            let inReview = edition.state == .submitted || edition.state == .scheduled
            return Edition(
                id: edition.id?.uuidString ?? "", number: edition.number, state: req.t(edition.state.messageKey),
                stateKey: edition.state.rawValue, title: edition.title, author: edition.authorName, changeNote: edition.changeNote,
                createdAt: DisplayTime.minute(edition.createdAt), submittedBy: edition.submittedByName,
                submittedAt: edition.submittedAt.map { DisplayTime.minute($0) }, reviewer: edition.reviewerName, reviewNote: edition.reviewNote,
                publishAt: edition.publishAt.map { DisplayTime.minute($0) }, publishedAt: edition.publishedAt.map { DisplayTime.minute($0) },
                forced: edition.forced, forceReason: edition.forceReason, confirmedBy: edition.confirmedByName,
                attachments: attachments.filter { $0.editionID == edition.id }.map {
                    Attachment(id: $0.id?.uuidString ?? "", name: $0.name, size: ByteCountText.text($0.size), searchable: !$0.text.isEmpty)
                },
                bodyHTML: SafeMarkdown.html(edition.body),
                canSubmit: edition.state == .draft && !removed,
                canEditAttachments: edition.state == .draft && !removed,
                canReview: inReview && DisclosurePolicy.permits(actor, reviewAction, organ: organ),
                // A publisher looking at their own work sees why they cannot review it.
                reviewBarred: inReview && mayPublishHere && !DisclosurePolicy.permits(actor, reviewAction, organ: organ),
                canForce: (edition.state == .draft || edition.state == .submitted) && !removed && mayPublishHere,
                canConfirm: edition.forced && edition.confirmedAt == nil
                    && DisclosurePolicy.permits(actor, .confirmForced(forcedByID: edition.reviewerID?.uuidString ?? ""), organ: organ))
        }
        let body = Body(
            id: publicationID.uuidString, title: publication.title, organ: organName,
            indexNumber: publication.indexNumber?.description,
            publicPath: publication.status == .unpublished || removed ? nil : publication.indexNumber?.path,
            status: req.t(publication.status.messageKey), statusKey: publication.status.rawValue, statusNote: publication.statusNote,
            validity: publication.validity.map { req.t($0.messageKey) }, validityKey: publication.validity?.rawValue,
            validitySince: publication.validitySince, validityNote: publication.validityNote,
            editions: rows, canEdit: DisclosurePolicy.permits(actor, .write, organ: organ) && !removed,
            canManage: DisclosurePolicy.permits(actor, .manage, organ: organ) && !removed,
            validities: PublicationValidity.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0 == publication.validity)
            },
            today: LocalDate(req.now, in: WorkingCalendar.default.timeZone).iso,
            message: message, form: form,
            // The field each finding is in, named in the reader's language.
            banned: banned.map { BannedTerms.Finding(field: req.t("publication.field.\($0.field)"), before: $0.before, match: $0.match,
                                                     after: $0.after, term: $0.term) })
        return try await req.renderPage("staff/publication", title: publication.title, body, status: status)
    }
}

/// Sizes as people read them: 512 B, 34 KB, 2.1 MB.
enum ByteCountText {
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
