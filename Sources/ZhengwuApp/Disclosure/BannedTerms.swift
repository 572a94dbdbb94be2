import Fluent
import Foundation
import ZhengwuCore

/// The banned-word check (不良词汇过滤) applied when an edition goes for review or is published in
/// an emergency. The list is read and the automaton built per check: a check is rare (a person
/// pressing a button) and building 10,000 terms takes a few milliseconds (README), which keeps
/// every instance in step with the list without any cache to invalidate.
enum BannedTerms {
    /// One place a listed term occurs: which field, and the words around it.
    struct Finding: Sendable, Encodable {
        let field: String
        let before: String
        let match: String
        let after: String
        let term: String
    }

    static func finder(on db: Database) async throws -> TermFinder {
        TermFinder(try await BannedTerm.query(on: db).all().map(\.term))
    }

    /// Every occurrence of a listed term in the edition's text and attachment names, in order.
    static func check(_ edition: PublicationEdition, attachmentNames: [String], with finder: TermFinder) -> [Finding] {
        let fields: [(String, String)] = [
            ("title", edition.title), ("doc_number", edition.docNumber), ("keywords", edition.keywords),
            ("body", edition.body), ("attachments", attachmentNames.joined(separator: "\n")),
        ]
        return fields.flatMap { field, text in
            TermFinder.excerpts(of: finder.matches(in: text), in: text, radius: 16).map {
                Finding(field: field, before: $0.before, match: $0.match, after: $0.after, term: $0.term)
            }
        }
    }

    /// Terms typed one per line: trimmed, blank lines and repeats dropped, at most 50 characters each.
    static func parse(_ typed: String) -> (terms: [String], tooLong: [String]) {
        var seen = Set<String>(), terms: [String] = [], tooLong: [String] = []
        for line in typed.split(whereSeparator: \.isNewline) {
            let term = line.trimmingCharacters(in: .whitespaces)
            guard !term.isEmpty, !TermFinder.fold(term).isEmpty else { continue }
            if term.count > 50 { tooLong.append(term); continue }
            if seen.insert(term).inserted { terms.append(term) }
        }
        return (terms, tooLong)
    }
}
