import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Makes an edition the public text of its publication: the previous edition becomes history,
/// the publication takes the edition's metadata, gets its index number the first time, and is
/// indexed for search. Shared by the publisher's button and the scheduled job.
enum PublishEdition {
    static func publish(_ edition: PublicationEdition, now: Date, on db: Database) async throws -> Publication {
        guard let publication = try await Publication.find(edition.publicationID, on: db) else {
            throw PublicationStoreError.missing("publication \(edition.publicationID)")
        }
        let editionID = try edition.requireID()
        if let previousID = publication.currentEditionID, previousID != editionID,
           let previous = try await PublicationEdition.find(previousID, on: db) {
            previous.state = .superseded
            try await previous.update(on: db)
        }
        edition.state = .published
        edition.publishedAt = now
        edition.publishAt = nil
        try await edition.update(on: db)

        let metadata = edition.metadata
        publication.apply(metadata)
        publication.currentEditionID = editionID
        publication.publishedAt = now
        if publication.firstPublishedAt == nil { publication.firstPublishedAt = now }
        if publication.status == .unpublished || publication.status == .withdrawn {
            publication.status = .live
            publication.statusNote = ""
        }
        if publication.indexSerial == nil {
            let year = LocalDate(now, in: WorkingCalendar.default.timeZone).year
            publication.indexYear = year
            publication.indexSerial = try await nextSerial(organCode: publication.organCode, year: year, on: db)
        }
        if metadata.genre.hasValidity {
            if publication.validity == nil {
                publication.validity = .valid
                publication.validitySince = LocalDate(now, in: WorkingCalendar.default.timeZone).iso
            }
        } else {
            publication.validity = nil
            publication.validitySince = nil
        }
        try await publication.update(on: db)
        try await reindex(publication, edition: edition, on: db)
        return publication
    }

    /// Puts the publication's current text into the search index.
    static func reindex(_ publication: Publication, edition: PublicationEdition, on db: Database) async throws {
        let attachments = try await PublicationAttachment.query(on: db).filter(\.$editionID == edition.requireID()).all()
        let text = ([edition.docNumber, edition.keywords, SafeMarkdown.plainText(edition.body)]
            + attachments.flatMap { [$0.name, $0.text] }).joined(separator: "\n")
        try await PublicationSearch.index(publication, title: edition.title, text: text, on: db)
    }

    /// The organ's next serial of the year. One upsert increments and returns it, so two
    /// publishers on two instances never get the same number.
    static func nextSerial(organCode: String, year: Int, on db: Database) async throws -> Int {
        let row = try await (db as! SQLDatabase).raw("""
            INSERT INTO publication_serials (organ_code, year, last) VALUES (\(bind: organCode), \(bind: year), 1)
            ON CONFLICT (organ_code, year) DO UPDATE SET last = publication_serials.last + 1
            RETURNING last
            """).first()
        guard let last = try row?.decode(column: "last", as: Int.self) else { throw PublicationStoreError.missing("serial") }
        return last
    }
}

enum PublicationStoreError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self { case .missing(let what): "missing \(what)" }
    }
}
