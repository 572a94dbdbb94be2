import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// The public results list (结果公示): decided licence cases with their certificates.
enum DecisionResults {
    struct Row: Decodable, Sendable {
        let decidedOn: String
        let itemName: String
        let applicantName: String
        let applicantKind: String
        let departmentName: String
        let decision: String
        let certificateNumber: String?
    }

    static func list(page: Int, on db: Database) async throws -> (rows: [Row], total: Int) {
        let sql = db as! SQLDatabase
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM applications WHERE decision IS NOT NULL")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let range = Pager.rows(ofPage: page)
        let rows = try await sql.raw("""
            SELECT a.decided_on, a.item_name, a.applicant_name, a.applicant_kind, d.name AS department_name, a.decision,
                   (SELECT c.number FROM certificates c WHERE c.application_id = a.id ORDER BY c.created_at DESC LIMIT 1) AS certificate_number
            FROM applications a JOIN departments d ON d.id = a.department_id
            WHERE a.decision IS NOT NULL
            ORDER BY a.decided_on DESC, a.receipt_number DESC
            LIMIT \(literal: range.count) OFFSET \(literal: range.lowerBound)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (rows, total)
    }
}
