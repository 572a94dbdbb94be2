import Fluent
import Foundation
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Demo items and typed values the case tests share.
enum CaseFixtures {
    /// 临时救助 (民政局, 承诺件, three required materials, two of them certificates).
    static let relief = "513329-MZJ-GF-002"
    /// 残疾人证办理 (民政局 leads, 卫健局 reviews jointly).
    static let disability = "513329-MZJ-GG-001"
    /// 个体工商户登记 (市场监管局, 即办件).
    static let soleTrader = "513329-SCJ-XK-001"

    static let citizen = "13800000001"
    static let citizenIDTail = "120017"
    static let otherCitizen = "13800000002"

    static let reliefForm: [String: String] = [
        "applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "phone": "13800000001",
        "home_address": "新龙县雄龙西乡雄龙西村三组", "hardship_type": "急难型", "amount_requested": "3000",
        "description": "2026年2月家中房屋失火，一家五口暂住亲戚家。",
    ]

    static let disabilityForm: [String: String] = [
        "applicant_name": "扎西平措", "applicant_id_number": "513329198805120017", "disability_type": "肢体残疾",
        "home_address": "新龙县茹龙镇团结街22号", "phone": "13800000001",
    ]

    static let soleTraderForm: [String: String] = [
        "operator_name": "扎西平措", "operator_id_number": "513329198805120017", "phone": "13800000001",
        "organisation_form": "个人经营", "premises_address": "新龙县茹龙镇雅砻江路18号", "capital": "5",
        "business_scope": "餐饮服务；预包装食品销售。",
    ]

    /// A minimal PDF: its header is what the upload check sniffs.
    static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)
    /// A Windows executable's first bytes.
    static let executable: [UInt8] = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 120)

    /// Materials every test application hands in: the form as PDF, the two certificates by number.
    static func reliefMaterials() -> [ApplicationsAPIController.MaterialInput] {
        [
            .init(key: "application", fileName: "申请书.pdf", content: Data(pdf).base64EncodedString(), certificateReference: nil),
            .init(key: "household_register", fileName: nil, content: nil, certificateReference: "HK-513329-0001"),
            .init(key: "id_card", fileName: nil, content: nil, certificateReference: "ID-513329-0001"),
        ]
    }

    /// Signs a citizen in on the API and returns the bearer token.
    static func token(_ t: TestApp, login: String = citizen) async throws -> String {
        struct Credentials: Encodable { let login: String; let password: String }
        let page = try await t.portal.json(.POST, "/api/v1/sessions", Credentials(login: login, password: DemoCounty.password))
        guard page.status == .created, let token = page.capture(#""token":"([^"]+)""#) else {
            throw Abort(.internalServerError, reason: "API sign-in failed: \(page.status) \(page.body)")
        }
        return token
    }

    /// Submits an application through the API and returns its receipt number.
    static func submit(_ t: TestApp, item: String = relief, form: [String: String] = reliefForm,
                       materials: [ApplicationsAPIController.MaterialInput]? = nil, token: String) async throws -> String {
        let body = ApplicationsAPIController.CreateRequest(itemCode: item, form: form, materials: materials ?? reliefMaterials())
        let page = try await t.portal.json(.POST, "/api/v1/applications", body, bearer: token)
        guard page.status == .created, let receipt = page.capture(#""receiptNumber":"([^"]+)""#) else {
            throw Abort(.internalServerError, reason: "submission failed: \(page.status) \(page.body)")
        }
        return receipt
    }

    static func caseRecord(_ t: TestApp, receipt: String) async throws -> ServiceCase {
        guard let record = try await ServiceCase.query(on: t.app.db).filter(\.$receiptNumber == receipt).first() else {
            throw Abort(.notFound, reason: "no case \(receipt)")
        }
        return record
    }
}
