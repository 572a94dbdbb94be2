import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// 提醒: the warnings and urgings addressed to the signed-in staff member, in person or
/// through a role they hold in their department, newest first.
struct StaffNoticesController {
    struct Page: Encodable {
        let rows: [Row]
        let total: Int
        let pager: Pager
    }

    struct Row: Encodable {
        let at: String
        let kind: String
        let badge: String
        let text: String
        let caseID: String?
    }

    func list(_ req: Request) async throws -> Response {
        guard let actor = try req.requireSignedIn().completeActor, actor.kind == .staff else { throw AppError.forbidden }
        let mine = Self.addressedTo(actor)
        let sql = req.db as! SQLDatabase
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM staff_notices WHERE \(mine)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let pager = Pager(number: req.pageNumber, total: total, path: "/notices")
        let notices = try await sql.raw("""
            SELECT id, application_id, kind, text, created_at FROM staff_notices WHERE \(mine)
            ORDER BY created_at DESC LIMIT \(literal: pager.range.count) OFFSET \(literal: pager.range.lowerBound)
            """).all()
        let rows = try notices.map { row in
            let kind = try row.decode(column: "kind", as: String.self)
            return Row(at: DisplayTime.minute(try row.decode(column: "created_at", as: Date.self)),
                       kind: req.t("notice_kind.\(kind)"),
                       badge: WarningLevel(rawValue: kind).map(DeadlineMark.badge) ?? "badge-muted",
                       text: try row.decode(column: "text", as: String.self),
                       caseID: try row.decode(column: "application_id", as: UUID?.self)?.uuidString)
        }
        return try await req.renderPage("staff/notices", titleKey: "staff_notices.title", Page(rows: rows, total: total, pager: pager))
    }

    /// Notices to the person, or to a role they hold in their department.
    static func addressedTo(_ actor: Actor) -> SQLQueryString {
        var parts: [SQLQueryString] = ["account_id = \(bind: actor.accountID)"]
        if let department = actor.departmentID.flatMap(UUID.init(uuidString:)) {
            for role in actor.roles.sorted(by: { $0.rawValue < $1.rawValue }) {
                parts.append("(department_id = \(bind: department) AND role = \(bind: role.rawValue))")
            }
        }
        return "(" + parts.joined(separator: " OR ") + ")"
    }
}
