import Fluent
import Vapor
import ZhengwuCore

/// A publication's public page at its stable address, its earlier editions and attachments.
/// A withdrawn publication keeps its page with the reason; a removed one answers 410 Gone with
/// the note; one force-published says so until another publisher has confirmed it.
struct PublicationPagesController {
    struct EditionLink: Encodable {
        let number: Int
        let href: String
        let publishedAt: String
        let changeNote: String
        let current: Bool
    }

    struct AttachmentLink: Encodable {
        let href: String
        let name: String
        let size: String
    }

    struct Body: Encodable {
        let title: String
        let indexNumber: String
        let organ: String
        let subject: String
        let genre: String
        let writtenOn: String
        let publishedOn: String
        let docNumber: String
        let keywords: String
        let validity: String?
        let validityKey: String?
        let validitySince: String?
        let validityNote: String
        let withdrawn: Bool
        let statusNote: String
        let statusChangedOn: String?
        let forcedUnconfirmed: Bool
        let forceReason: String
        let bodyHTML: String
        let attachments: [AttachmentLink]
        let editions: [EditionLink]
        /// Set on an earlier edition's page: the number shown, and where the current text is.
        let oldEdition: Int?
        let currentHref: String
    }

    struct GonePage: Encodable {
        let title: String
        let note: String
        let removedOn: String?
    }

    func show(_ req: Request) async throws -> Response {
        let publication = try await find(req)
        if publication.status == .removed { return try await gone(req, publication) }
        guard let currentID = publication.currentEditionID, let edition = try await PublicationEdition.find(currentID, on: req.db) else {
            throw Abort(.notFound)
        }
        return try await render(req, publication, edition)
    }

    func edition(_ req: Request) async throws -> Response {
        let publication = try await find(req)
        if publication.status == .removed { return try await gone(req, publication) }
        guard let number = req.parameters.get("edition", as: Int.self),
              let edition = try await PublicationEdition.query(on: req.db).filter(\.$publicationID == publication.requireID())
                .filter(\.$number == number).first(), edition.state.isPublic else { throw Abort(.notFound) }
        return try await render(req, publication, edition)
    }

    func attachment(_ req: Request) async throws -> Response {
        let publication = try await find(req)
        guard publication.status != .removed else { return try await gone(req, publication) }
        guard let id = req.parameters.get("attachment", as: UUID.self), let attachment = try await PublicationAttachment.find(id, on: req.db),
              let edition = try await PublicationEdition.find(attachment.editionID, on: req.db),
              edition.publicationID == publication.id, edition.state.isPublic else { throw Abort(.notFound) }
        return try await AttachmentDownload.response(attachment, cache: "public, max-age=300", on: req)
    }

    /// The publication at `/open/:organ/:number`, if it has ever been published.
    private func find(_ req: Request) async throws -> Publication {
        guard let organ = req.parameters.get("organ"), let yearAndSerial = req.parameters.get("number"),
              let number = IndexNumber(organCode: organ, yearAndSerial: yearAndSerial),
              let publication = try await Publication.query(on: req.db).filter(\.$organCode == number.organCode)
                .filter(\.$indexYear == number.year).filter(\.$indexSerial == number.serial).first(),
              publication.status != .unpublished else { throw Abort(.notFound) }
        return publication
    }

    private func gone(_ req: Request, _ publication: Publication) async throws -> Response {
        try await req.renderPage("portal/publication-gone", titleKey: "open.gone.title", GonePage(
            title: publication.title, note: publication.statusNote, removedOn: publication.statusChangedAt.map { DisplayTime.day($0) }),
            status: .gone)
    }

    private func render(_ req: Request, _ publication: Publication, _ edition: PublicationEdition) async throws -> Response {
        let path = publication.indexNumber?.path ?? "/open"
        let editions = try await PublicationEdition.query(on: req.db).filter(\.$publicationID == publication.requireID())
            .filter(\.$state ~~ [.published, .superseded]).sort(\.$number, .descending).all()
        let attachments = try await PublicationAttachment.query(on: req.db).filter(\.$editionID == edition.requireID()).sort(\.$position).all()
        let organ = try await Department.find(publication.organID, on: req.db)
        let isCurrent = edition.id == publication.currentEditionID
        // The metadata block shows the edition's own fields; validity and status belong to the document.
        let metadata = edition.metadata
        let body = Body(
            title: edition.title, indexNumber: publication.indexNumber?.description ?? "", organ: organ?.name ?? publication.organCode,
            subject: req.t(metadata.subject.messageKey), genre: req.t(metadata.genre.messageKey), writtenOn: edition.writtenOn,
            publishedOn: publication.firstPublishedAt.map { DisplayTime.day($0) } ?? "", docNumber: edition.docNumber,
            keywords: metadata.keywords.joined(separator: "、"),
            validity: publication.validity.map { req.t($0.messageKey) }, validityKey: publication.validity?.rawValue,
            validitySince: publication.validitySince, validityNote: publication.validityNote,
            withdrawn: publication.status == .withdrawn, statusNote: publication.statusNote,
            statusChangedOn: publication.statusChangedAt.map { DisplayTime.day($0) },
            forcedUnconfirmed: edition.forced && edition.confirmedAt == nil, forceReason: edition.forceReason,
            bodyHTML: SafeMarkdown.html(edition.body),
            attachments: attachments.map {
                AttachmentLink(href: "\(path)/attachments/\($0.id?.uuidString ?? "")", name: $0.name, size: ByteCountText.text($0.size))
            },
            editions: editions.map {
                EditionLink(number: $0.number, href: $0.id == publication.currentEditionID ? path : "\(path)/editions/\($0.number)",
                            publishedAt: $0.publishedAt.map { DisplayTime.day($0) } ?? "", changeNote: $0.changeNote,
                            current: $0.id == edition.id)
            },
            oldEdition: isCurrent ? nil : edition.number, currentHref: path)
        let response = try await req.renderPage("portal/publication", title: edition.title, body)
        if !isCurrent { response.headers.replaceOrAdd(name: "Link", value: "<\(path)>; rel=\"canonical\"") }
        return response
    }
}
