import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Publications for disclosure tests: through the workbench as staff do it, or straight into
/// the database for search tests that need many.
enum PublicationFixtures {
    static func fields(title: String, body: String, genre: String = "notice", subject: String = "civil_affairs",
                       docNumber: String = "", keywords: String = "", organ: String? = nil) -> [(String, String)] {
        var fields = [("title", title), ("doc_number", docNumber), ("subject", subject), ("genre", genre),
                      ("written_on", "2026-02-27"), ("keywords", keywords), ("body", body), ("change_note", "")]
        if let organ { fields.append(("organ", organ)) }
        return fields
    }

    /// Creates a draft through the editor and returns the publication's id.
    static func draft(_ browser: Browser, title: String, body: String, genre: String = "notice", organ: String? = nil) async throws -> UUID {
        let saved = try await browser.submit("/disclosure/new", fields(title: title, body: body, genre: genre, organ: organ))
        guard saved.status == .seeOther, let location = saved.location,
              let id = location.split(separator: "/").last?.split(separator: "?").first.flatMap({ UUID(uuidString: String($0)) }) else {
            throw Abort(.internalServerError, reason: "draft not saved: \(saved.status) \(saved.body.prefix(3000))")
        }
        return id
    }

    static func editions(_ t: TestApp, of publication: UUID) async throws -> [PublicationEdition] {
        try await PublicationEdition.query(on: t.app.db).filter(\.$publicationID == publication).sort(\.$number).all()
    }

    /// Posts a review step for the publication's newest edition from its workbench page.
    @discardableResult
    static func step(_ browser: Browser, _ t: TestApp, _ publication: UUID, _ step: String,
                     _ fields: [(String, String)] = []) async throws -> Browser.Page {
        let edition = try #require(try await editions(t, of: publication).last?.id)
        return try await browser.submit("/disclosure/\(publication)", to: "/disclosure/editions/\(edition)/\(step)", fields)
    }

    /// Publishes directly (for search tests): a publication of `organ` with one edition.
    @discardableResult
    static func publish(_ t: TestApp, organ: String, title: String, body: String, subject: PublicationSubject = .civilAffairs,
                        genre: PublicationGenre = .notice) async throws -> Publication {
        try await t.app.write { db in
            let department = try await Department.query(on: db).filter(\.$code == organ).first()!
            let metadata = PublicationMetadata(title: title, docNumber: "", subject: subject, genre: genre,
                                               writtenOn: LocalDate(iso: "2026-02-27")!, keywords: [])
            let publication = try Publication(organ: department, metadata: metadata, now: Date())
            try await publication.create(on: db)
            let edition = PublicationEdition(publicationID: try publication.requireID(), number: 1, metadata: metadata, body: body,
                                             changeNote: "", author: UUID(), authorName: "测试", now: Date())
            try await edition.create(on: db)
            return try await PublishEdition.publish(edition, now: t.clock.now(), on: db)
        }
    }

    /// A one-page PDF whose text is `text` (ASCII), readable by pdftotext.
    static func pdf(_ text: String) -> [UInt8] {
        let stream = "BT /F1 12 Tf 10 50 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        out += offsets.map { String(repeating: "0", count: 10 - String($0).count) + "\($0) 00000 n \n" }.joined()
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }
}
