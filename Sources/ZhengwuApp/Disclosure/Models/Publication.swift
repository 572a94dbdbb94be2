import Fluent
import Foundation
import ZhengwuCore

/// A government publication (主动公开信息) as the public knows it: its index number and address,
/// the metadata of its current edition, and whether it is live, withdrawn or removed. The
/// editions themselves, with their review history, are PublicationEdition rows.
/// `@unchecked Sendable`: Fluent models are classes with property wrappers; each request uses its own.
final class Publication: Model, PublicationMetadataFields, @unchecked Sendable {
    static let schema = "publications"

    @ID(key: .id) var id: UUID?
    @Field(key: "organ_id") var organID: UUID
    @Field(key: "organ_code") var organCode: String
    @Field(key: "region_code") var regionCode: String
    /// The index number's year and serial, given when the first edition is published.
    @OptionalField(key: "index_year") var indexYear: Int?
    @OptionalField(key: "index_serial") var indexSerial: Int?
    @Enum(key: "status") var status: PublicationStatus
    @OptionalField(key: "current_edition_id") var currentEditionID: UUID?
    /// The current edition's metadata, copied here so the catalogue, feeds and search read one table.
    @Field(key: "title") var title: String
    @Field(key: "doc_number") var docNumber: String
    @Field(key: "subject") var subject: String
    @Field(key: "genre") var genre: String
    @Field(key: "written_on") var writtenOn: String
    @Field(key: "keywords") var keywords: String
    @OptionalField(key: "first_published_at") var firstPublishedAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?
    /// Rules and normative documents only: 有效 / 失效 / 废止, since when and why.
    @OptionalField(key: "validity") var validity: PublicationValidity?
    @OptionalField(key: "validity_since") var validitySince: String?
    @Field(key: "validity_note") var validityNote: String
    /// Why it was withdrawn or removed, and when.
    @Field(key: "status_note") var statusNote: String
    @OptionalField(key: "status_changed_at") var statusChangedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(organ: Department, metadata: PublicationMetadata, now: Date) throws {
        organID = try organ.requireID()
        organCode = organ.code
        regionCode = organ.regionCode
        status = .unpublished
        validityNote = ""
        statusNote = ""
        createdAt = now
        apply(metadata)
    }

    var indexNumber: IndexNumber? {
        guard let indexYear, let indexSerial else { return nil }
        return IndexNumber(organCode: organCode, year: indexYear, serial: indexSerial)
    }

    var organ: DisclosurePolicy.Organ { DisclosurePolicy.Organ(id: organID.uuidString, regionCode: regionCode) }
}

/// The metadata columns a publication (its current edition's) and each edition both hold.
protocol PublicationMetadataFields: AnyObject {
    var title: String { get set }
    var docNumber: String { get set }
    var subject: String { get set }
    var genre: String { get set }
    var writtenOn: String { get set }
    var keywords: String { get set }
}

extension PublicationMetadataFields {
    func apply(_ metadata: PublicationMetadata) {
        title = metadata.title
        docNumber = metadata.docNumber
        subject = metadata.subject.rawValue
        genre = metadata.genre.rawValue
        writtenOn = metadata.writtenOn.iso
        keywords = metadata.keywords.joined(separator: " ")
    }
}

/// The metadata block every edition carries (disclosure.md).
struct PublicationMetadata: Sendable, Equatable {
    var title: String
    var docNumber: String
    var subject: PublicationSubject
    var genre: PublicationGenre
    var writtenOn: LocalDate
    var keywords: [String]
}
