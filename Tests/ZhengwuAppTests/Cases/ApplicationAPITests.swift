import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Applications API")
struct ApplicationAPITests {
    @Test("a valid application is stored, numbered and due for acceptance in 5 working days")
    func validApplication() async throws {
        try await withTestApp { t in
            let token = try await CaseFixtures.token(t)
            let body = ApplicationsAPIController.CreateRequest(itemCode: CaseFixtures.relief, form: CaseFixtures.reliefForm,
                                                               materials: CaseFixtures.reliefMaterials())
            let page = try await t.portal.json(.POST, "/api/v1/applications", body, bearer: token)
            #expect(page.status == .created)
            let receipt = try #require(page.capture(#""receiptNumber":"([^"]+)""#))
            #expect(ReceiptNumber(parsing: receipt)?.value == receipt)
            #expect(receipt.hasPrefix("20260302-"))
            #expect(page.contains(#""status":"submitted""#))
            // Received Monday 2 March 2026: five working days later is Monday 9 March.
            #expect(page.contains(#""acceptanceDueDate":"2026-03-09""#))
            #expect(page.location == "/api/v1/applications/\(receipt)")

            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            let materials = try await CaseMaterial.query(on: t.app.db).filter(\.$applicationID == record.requireID()).all()
            #expect(materials.count == 3)
            let upload = try #require(materials.first { $0.materialKey == "application" })
            #expect(upload.sha256 == "\(SHA256Digest.hex(CaseFixtures.pdf))")
            #expect(materials.contains { $0.certificateReference == "HK-513329-0001" })
            // The applicant's numbers are sealed, never stored in the clear.
            #expect(!record.applicantIDSealed.contains("513329198805120017"))
            #expect(try t.app.zhengwu.vault.open(record.applicantIDSealed) == "513329198805120017")
            let messages = try await Notification.query(on: t.app.db).filter(\.$applicationID == record.requireID()).all()
            #expect(messages.count == 1 && messages[0].delivery == .pending && messages[0].message.contains(receipt))
        }
    }

    @Test("invalid input gets 422 with every problem in Chinese and stores nothing")
    func invalidApplication() async throws {
        try await withTestApp { t in
            let token = try await CaseFixtures.token(t)
            var form = CaseFixtures.reliefForm
            form["applicant_id_number"] = "513329198805120018"  // wrong check character
            form["hardship_type"] = "其他"
            form["home_address"] = nil
            let materials = [ApplicationsAPIController.MaterialInput(
                key: "application", fileName: "申请书.pdf", content: Data(CaseFixtures.executable).base64EncodedString(),
                certificateReference: nil)]
            let before = try await ServiceCase.query(on: t.app.db).count()
            let page = try await t.portal.json(.POST, "/api/v1/applications",
                                               ApplicationsAPIController.CreateRequest(itemCode: CaseFixtures.relief, form: form, materials: materials),
                                               bearer: token)
            #expect(page.status == .unprocessableEntity)
            let decoded = try JSONDecoder().decode(ApplicationsAPIController.ProblemList.self, from: Data(page.body.utf8))
            let fields = Set(decoded.errors.map(\.field))
            #expect(fields.isSuperset(of: ["form.applicant_id_number", "form.hardship_type", "form.home_address", "materials[0]",
                                           "material.household_register", "material.id_card"]))
            let idProblem = try #require(decoded.errors.first { $0.field == "form.applicant_id_number" })
            #expect(idProblem.message.hasPrefix("申请人身份证号码："))
            #expect(decoded.errors.allSatisfy { $0.message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
            #expect(try await ServiceCase.query(on: t.app.db).count() == before)
            #expect(try await StoredFile.query(on: t.app.db).count() == 0)
        }
    }

    @Test("the API needs a signed-in applicant and shows a case only to its owner")
    func ownership() async throws {
        try await withTestApp { t in
            struct Empty: Encodable {}
            let anonymous = try await t.portal.json(.POST, "/api/v1/applications", Empty())
            #expect(anonymous.status == .unauthorized)
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let mine = try await t.portal.json(.GET, "/api/v1/applications/\(receipt)", Empty?.none, bearer: try await CaseFixtures.token(t))
            #expect(mine.status == .ok && mine.contains(#""status":"submitted""#) && mine.contains("临时救助"))
            let other = try await CaseFixtures.token(t, login: CaseFixtures.otherCitizen)
            let theirs = try await t.portal.json(.GET, "/api/v1/applications/\(receipt)", Empty?.none, bearer: other)
            #expect(theirs.status == .notFound)
        }
    }

    @Test("a cookie session without the CSRF header cannot post to the API")
    func cookieNeedsCSRF() async throws {
        try await withTestApp { t in
            let portal = t.portal
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            let body = ApplicationsAPIController.CreateRequest(itemCode: CaseFixtures.relief, form: CaseFixtures.reliefForm,
                                                               materials: CaseFixtures.reliefMaterials())
            let page = try await portal.json(.POST, "/api/v1/applications", body)
            #expect(page.status == .forbidden)
            #expect(try await ServiceCase.query(on: t.app.db).count() == 0)
        }
    }
}

enum SHA256Digest {
    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
