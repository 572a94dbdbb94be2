import Foundation
import Vapor
import ZhengwuCore

/// The editor's form of a publication: what was typed (to show again if anything is wrong)
/// and, when everything is right, the metadata and body to save.
struct PublicationForm {
    static let fields = ["organ", "title", "doc_number", "subject", "genre", "written_on", "keywords", "body", "change_note"]

    var state: FormState
    var metadata: PublicationMetadata?

    init(reading req: Request, today: LocalDate) {
        let (state, values) = FormState.reading(req, fields: Self.fields)
        self.state = state
        let title = values["title"] ?? "", body = values["body"] ?? ""
        let keywords = (values["keywords"] ?? "").split(whereSeparator: { $0.isWhitespace || "，,、；;".contains($0) }).map(String.init)
        if title.isEmpty { self.state.add("title", req.t("publication.error.title_required")) }
        if title.count > 200 { self.state.add("title", req.t("publication.error.title_long")) }
        if (values["doc_number"] ?? "").count > 60 { self.state.add("doc_number", req.t("publication.error.doc_number_long")) }
        let subject = PublicationSubject(rawValue: values["subject"] ?? "")
        if subject == nil { self.state.add("subject", req.t("publication.error.subject")) }
        let genre = PublicationGenre(rawValue: values["genre"] ?? "")
        if genre == nil { self.state.add("genre", req.t("publication.error.genre")) }
        let written = LocalDate(iso: values["written_on"] ?? "")
        if written == nil { self.state.add("written_on", req.t("publication.error.written_on")) }
        if let written, today < written { self.state.add("written_on", req.t("publication.error.written_on_future")) }
        if keywords.count > 10 || keywords.contains(where: { $0.count > 20 }) {
            self.state.add("keywords", req.t("publication.error.keywords"))
        }
        if body.isEmpty { self.state.add("body", req.t("publication.error.body_required")) }
        if body.count > 200_000 { self.state.add("body", req.t("publication.error.body_long")) }
        if (values["change_note"] ?? "").count > 500 { self.state.add("change_note", req.t("publication.error.change_note_long")) }
        if self.state.isValid, let subject, let genre, let written {
            metadata = PublicationMetadata(title: title, docNumber: values["doc_number"] ?? "", subject: subject, genre: genre,
                                           writtenOn: written, keywords: keywords)
        }
    }

    init(edition: PublicationEdition?, organID: String) {
        state = FormState()
        state.values["organ"] = organID
        guard let edition else { return }
        state.values["title"] = edition.title
        state.values["doc_number"] = edition.docNumber
        state.values["subject"] = edition.subject
        state.values["genre"] = edition.genre
        state.values["written_on"] = edition.writtenOn
        state.values["keywords"] = edition.keywords
        state.values["body"] = edition.body
    }

    var body: String { state.values["body"] ?? "" }
    var changeNote: String { state.values["change_note"] ?? "" }

    /// The choices of subject and genre, with the form's value selected.
    static func subjects(_ req: Request, selected: String?) -> [SelectOption] {
        PublicationSubject.allCases.map { SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0.rawValue == selected) }
    }

    static func genres(_ req: Request, selected: String?) -> [SelectOption] {
        PublicationGenre.allCases.map { SelectOption(value: $0.rawValue, label: req.t($0.messageKey), selected: $0.rawValue == selected) }
    }
}

extension Date {
    /// A `datetime-local` value (e.g. 2026-11-23T09:00) read in the government's time zone.
    init?(localMinute text: String, in timeZone: TimeZone) {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = LocalDate(iso: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        self = day.instant(atMinute: clock[0] * 60 + clock[1], in: timeZone)
    }
}
