import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Online application on the portal")
struct OnlineApplicationTests {
    private func signedIn(_ t: TestApp) async throws -> Browser {
        let portal = t.portal
        _ = try await portal.signInPortal(CaseFixtures.citizen)
        return portal
    }

    @Test("a faulty form keeps what was typed, says what is wrong, and is kept as a draft")
    func draftWithErrors() async throws {
        try await withTestApp { t in
            let portal = try await signedIn(t)
            var fields = CaseFixtures.reliefForm.map { ($0.key, $0.value) }
            fields = fields.map { $0.0 == "applicant_id_number" ? ($0.0, "51332919880512001") : $0 }
            let page = try await portal.submit("/services/\(CaseFixtures.relief)/apply", fields)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("value=\"51332919880512001\""))
            #expect(page.contains("申请人身份证号码："))
            #expect(page.contains("2026年2月家中房屋失火"))
            let draft = try #require(try await ServiceCase.query(on: t.app.db).first())
            #expect(draft.status == .draft && draft.receiptNumber == nil)
            // Coming back to the item resumes the draft instead of starting another.
            let again = try await portal.get("/services/\(CaseFixtures.relief)/apply")
            #expect(try again.status == .seeOther && again.location == "/applications/\(try draft.requireID())")
        }
    }

    @Test("uploads are sniffed: a renamed executable is refused, a PDF is kept with its hash")
    func uploads() async throws {
        try await withTestApp { t in
            let portal = try await signedIn(t)
            let created = try await portal.submit("/services/\(CaseFixtures.relief)/apply", CaseFixtures.reliefForm.map { ($0.key, $0.value) })
            #expect(created.status == .seeOther)
            let id = try #require(try await ServiceCase.query(on: t.app.db).first()?.requireID())
            let page = try await portal.get("/applications/\(id)")
            let token = page.csrfToken ?? ""
            let exe = try await portal.postMultipart("/applications/\(id)/materials", [("_csrf", token), ("key", "application")],
                                                     files: [("file", "申请书.pdf", CaseFixtures.executable)])
            #expect(exe.status == .unprocessableEntity)
            #expect(exe.contains(t.app.zhengwu.localizer.text("upload.unsupported_type", language: "zh-Hans")))
            #expect(try await CaseMaterial.query(on: t.app.db).count() == 0)
            let cert = try await portal.postMultipart("/applications/\(id)/materials", [("_csrf", token), ("key", "application"), ("certificate", "X-1")],
                                                      files: [])
            #expect(cert.status == .unprocessableEntity)  // the form is not a certificate
            let pdf = try await portal.postMultipart("/applications/\(id)/materials", [("_csrf", token), ("key", "application")],
                                                     files: [("file", "../../etc/申请书.exe", CaseFixtures.pdf)])
            #expect(pdf.status == .seeOther)
            let stored = try #require(try await CaseMaterial.query(on: t.app.db).first())
            #expect(stored.displayName == "申请书.pdf" && stored.contentType == "application/pdf")
            #expect(stored.sha256 == SHA256Digest.hex(CaseFixtures.pdf))
            let download = try await portal.get("/applications/\(id)/materials/\(try stored.requireID())")
            #expect(download.status == .ok && download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            // Nobody else gets the file, not even by its address.
            let other = t.portal
            _ = try await other.signInPortal(CaseFixtures.otherCitizen)
            #expect(try await other.get("/applications/\(id)/materials/\(try stored.requireID())").status == .notFound)
            #expect(try await other.get("/applications/\(id)").status == .notFound)
        }
    }

    @Test("submitting needs every required material; then a receipt, a message, and the case in the account")
    func submit() async throws {
        try await withTestApp { t in
            let portal = try await signedIn(t)
            _ = try await portal.submit("/services/\(CaseFixtures.relief)/apply", CaseFixtures.reliefForm.map { ($0.key, $0.value) })
            let id = try #require(try await ServiceCase.query(on: t.app.db).first()?.requireID())
            let early = try await portal.submit("/applications/\(id)", to: "/applications/\(id)/submit", [])
            #expect(early.status == .unprocessableEntity && early.contains("居民户口簿"))
            #expect(try await ServiceCase.find(id, on: t.app.db)?.status == .draft)
            let token = try await portal.get("/applications/\(id)").csrfToken ?? ""
            _ = try await portal.postMultipart("/applications/\(id)/materials", [("_csrf", token), ("key", "application")],
                                               files: [("file", "a.pdf", CaseFixtures.pdf)])
            for (key, number) in [("household_register", "HK-1"), ("id_card", "ID-1")] {
                _ = try await portal.postMultipart("/applications/\(id)/materials", [("_csrf", token), ("key", key), ("certificate", number)], files: [])
            }
            let done = try await portal.submit("/applications/\(id)", to: "/applications/\(id)/submit", [])
            #expect(done.status == .seeOther && done.location == "/applications/\(id)/receipt")
            let record = try #require(try await ServiceCase.find(id, on: t.app.db))
            let receipt = try #require(record.receiptNumber)
            let printed = try await portal.get("/applications/\(id)/receipt")
            #expect(printed.contains(receipt) && printed.contains("2026-03-09"))
            // The list shows the acceptance due date while acceptance is pending.
            let listed = try await portal.get("/account/applications")
            let acceptanceDue = try #require(record.acceptanceDueOn)
            #expect(listed.contains(receipt) && listed.contains("<td>\(acceptanceDue)</td>"))
            let inbox = try await portal.get("/account/messages")
            #expect(inbox.contains(receipt))
            // A second click does nothing more.
            let twice = try await portal.submit("/applications/\(id)", to: "/applications/\(id)/submit", [])
            #expect(twice.status == .conflict)
        }
    }

    @Test("anyone with the receipt number and the phone or ID tail can follow progress; wrong guesses are limited")
    func track() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let visitor = t.portal
            let byPhone = try await visitor.submit("/track", [("receipt", receipt.lowercased()), ("secret", "138 0000 0001")])
            #expect(byPhone.status == .ok && byPhone.contains("临时救助") && byPhone.contains("扎**"))
            #expect(!byPhone.contains("扎西平措") && !byPhone.contains("513329198805120017"))
            let byID = try await visitor.submit("/track", [("receipt", receipt), ("secret", CaseFixtures.citizenIDTail)])
            #expect(byID.status == .ok)
            let wrongPhone = try await visitor.submit("/track", [("receipt", receipt), ("secret", "13800000002")])
            let unknown = try await visitor.submit("/track", [("receipt", "20260302-2222-2222"), ("secret", "13800000001")])
            #expect(wrongPhone.status == .notFound && unknown.status == .notFound)
            let neutral = t.app.zhengwu.localizer.text("track.no_match", language: "zh-Hans")
            #expect(wrongPhone.contains(neutral) && unknown.contains(neutral))
            var last = unknown
            for _ in 0..<12 { last = try await visitor.submit("/track", [("receipt", receipt), ("secret", "000000")]) }
            #expect(last.status == .tooManyRequests)
            // Past the limit even the right answer is withheld from that address, so guessing stops.
            let right = try await visitor.submit("/track", [("receipt", receipt), ("secret", "13800000001")])
            #expect(right.status == .tooManyRequests)
            // The applicant elsewhere still gets through.
            let applicant = t.portal
            applicant.address = "198.51.100.7"
            #expect(try await applicant.submit("/track", [("receipt", receipt), ("secret", "13800000001")]).status == .ok)
        }
    }

    @Test("the applicant may withdraw before a decision, and a draft can be discarded")
    func withdraw() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            let id = try record.requireID()
            let portal = try await signedIn(t)
            let done = try await portal.submit("/applications/\(id)", to: "/applications/\(id)/withdraw", [("reason", "已在外地办理")])
            #expect(done.status == .seeOther)
            #expect(try await ServiceCase.find(id, on: t.app.db)?.status == .withdrawn)
            let again = try await portal.submit("/applications/\(id)", to: "/applications/\(id)/withdraw", [])
            #expect(again.status == .seeOther || again.status == .conflict)
            #expect(try await ServiceCase.find(id, on: t.app.db)?.status == .withdrawn)
        }
    }

    @Test("an item that does not take online applications, or not from this kind of applicant, says so")
    func notAvailable() async throws {
        try await withTestApp { t in
            let portal = try await signedIn(t)
            let paperOnly = try await portal.get("/services/513329-LCJ-XK-002/apply")
            #expect(paperOnly.status == .forbidden)
            let firmsOnly = try await portal.get("/services/513329-SCJ-XK-003/apply")
            #expect(firmsOnly.status == .forbidden && firmsOnly.contains(t.app.zhengwu.localizer.text("apply.wrong_applicant_kind", language: "zh-Hans")))
        }
    }
}
