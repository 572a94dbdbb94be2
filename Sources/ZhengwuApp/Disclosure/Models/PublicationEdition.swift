import Fluent
import Foundation
import ZhengwuCore

/// One edition of a publication: its text and metadata, who wrote, submitted and published it,
/// and when. Editions are never deleted; superseded ones stay public as the publication's history.
/// `@unchecked Sendable`: see Publication.
final class PublicationEdition: Model, PublicationMetadataFields, @unchecked Sendable {
    static let schema = "publication_editions"

    @ID(key: .id) var id: UUID?
    @Field(key: "publication_id") var publicationID: UUID
    @Field(key: "number") var number: Int
    @Enum(key: "state") var state: EditionState
    @Field(key: "title") var title: String
    @Field(key: "doc_number") var docNumber: String
    @Field(key: "subject") var subject: String
    @Field(key: "genre") var genre: String
    @Field(key: "written_on") var writtenOn: String
    @Field(key: "keywords") var keywords: String
    /// Markdown; rendered by SafeMarkdown, which escapes any HTML in it.
    @Field(key: "body") var body: String
    @Field(key: "change_note") var changeNote: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    /// Everyone who saved this edition, space-separated: none of them may publish it.
    @Field(key: "editor_ids") var editorIDs: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "submitted_by_id") var submittedByID: UUID?
    @OptionalField(key: "submitted_by_name") var submittedByName: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// The publisher's decision: who, when, and the comment (required when rejecting).
    @OptionalField(key: "reviewer_id") var reviewerID: UUID?
    @OptionalField(key: "reviewer_name") var reviewerName: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @Field(key: "review_note") var reviewNote: String
    @OptionalField(key: "publish_at") var publishAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?
    /// An emergency publication without a second person, and its later confirmation by another.
    @Field(key: "forced") var forced: Bool
    @Field(key: "force_reason") var forceReason: String
    @OptionalField(key: "confirmed_by_name") var confirmedByName: String?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?

    init() {}

    init(publicationID: UUID, number: Int, metadata: PublicationMetadata, body: String, changeNote: String,
         author: UUID, authorName: String, now: Date) {
        self.publicationID = publicationID
        self.number = number
        state = .draft
        self.body = body
        self.changeNote = changeNote
        authorID = author
        self.authorName = authorName
        editorIDs = author.uuidString
        createdAt = now
        reviewNote = ""
        forced = false
        forceReason = ""
        apply(metadata)
    }

    var editors: Set<String> { Set(editorIDs.split(separator: " ").map(String.init)) }

    func noteEditor(_ id: UUID) {
        if !editors.contains(id.uuidString) { editorIDs += " " + id.uuidString }
    }

    var metadata: PublicationMetadata {
        PublicationMetadata(title: title, docNumber: docNumber, subject: PublicationSubject(rawValue: subject) ?? .other,
                            genre: PublicationGenre(rawValue: genre) ?? .other,
                            writtenOn: LocalDate(iso: writtenOn) ?? LocalDate(createdAt, in: WorkingCalendar.default.timeZone),
                            keywords: keywords.split(separator: " ").map(String.init))
    }
}

/// A file attached to an edition. The bytes live in StoredFile (shared, so a new edition keeps
/// its attachments without copying them); the extracted text feeds search.
/// `@unchecked Sendable`: see Publication.
final class PublicationAttachment: Model, @unchecked Sendable {
    static let schema = "publication_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "edition_id") var editionID: UUID
    @Field(key: "file_id") var fileID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "text") var text: String
    @Field(key: "position") var position: Int

    init() {}

    init(editionID: UUID, fileID: UUID, name: String, contentType: String, size: Int, text: String, position: Int) {
        self.editionID = editionID
        self.fileID = fileID
        self.name = name
        self.contentType = contentType
        self.size = size
        self.text = text
        self.position = position
    }
}

/// 不良词汇: a term no publication may contain.
/// `@unchecked Sendable`: see Publication.
final class BannedTerm: Model, @unchecked Sendable {
    static let schema = "banned_terms"

    @ID(key: .id) var id: UUID?
    @Field(key: "term") var term: String
    @Field(key: "added_by_name") var addedByName: String
    @Field(key: "added_at") var addedAt: Date

    init() {}

    init(term: String, addedByName: String, addedAt: Date) {
        self.term = term
        self.addedByName = addedByName
        self.addedAt = addedAt
    }
}
