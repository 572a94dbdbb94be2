import Fluent
import Vapor
import ZhengwuCore

/// 审计日志: the audit administrator browses and filters the trail, and can verify the chain.
struct AuditBrowserController {
    struct Row: Encodable {
        let sequence: Int64
        let time: String
        let actor: String
        let action: String
        let subject: String
        let address: String
        let detail: String
    }

    struct PageBody: Encodable {
        let rows: [Row]
        let form: FormState
        let pageNumber: Int
        let previous: String?
        let next: String?
        let verification: String?
        let verificationOK: Bool
    }

    static let pageSize = 50

    @Sendable func list(_ req: Request) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        guard AccountPolicy.permits(actor, .viewAuditTrail) else { throw AppError.forbidden }
        var form = FormState()
        let fields = ["action", "actor", "from", "to"]
        for field in fields {
            form.values[field] = (req.query[String.self, at: field] ?? "").trimmingCharacters(in: .whitespaces)
        }
        let timeZone = WorkingCalendar.default.timeZone
        var query = AuditEntry.query(on: req.db)
        // Actions are lower-case dotted names such as auth.signin.failure.
        if let action = form.values["action"], !action.isEmpty { query = query.filter(\.$action =~ action.lowercased()) }
        if let name = form.values["actor"], !name.isEmpty { query = query.filter(\.$actorName, containsIgnoringCase: name) }
        for (field, isStart) in [("from", true), ("to", false)] {
            guard let text = form.values[field], !text.isEmpty else { continue }
            guard let date = LocalDate(iso: text) else {
                form.add(field, req.t("audit.filter.bad_date"))
                continue
            }
            let bound = Int64((isStart ? date : date.adding(days: 1)).startOfDay(in: timeZone).timeIntervalSince1970 * 1000)
            query = isStart ? query.filter(\.$occurredAtMillis >= bound) : query.filter(\.$occurredAtMillis < bound)
        }
        let number = req.pageNumber
        let entries = try await query.sort(\.$id, .descending)
            .range(((number - 1) * Self.pageSize)..<(number * Self.pageSize + 1)).all()
        let rows = entries.prefix(Self.pageSize).map { entry in
            Row(sequence: entry.id ?? 0,
                time: Date(timeIntervalSince1970: Double(entry.occurredAtMillis) / 1000).beijingISO8601,
                actor: entry.actorName, action: entry.action, subject: entry.subject, address: entry.sourceAddress,
                detail: entry.detail)
        }
        let filters = fields.map { "\($0)=\(SafeRedirect.encode(form.values[$0] ?? ""))" }.joined(separator: "&")

        var verification: String?
        var verificationOK = false
        if req.query[String.self, at: "verify"] == "1" {
            let result = try await req.zhengwu.audit.verify(on: req.db)
            if let broken = result.firstBreak {
                verification = req.t("audit.verify.broken", ["sequence": String(broken.sequence)])
            } else {
                verificationOK = true
                verification = req.t("audit.verify.ok", ["count": String(result.checked)])
            }
        }
        return try await req.renderPage("staff/audit", titleKey: "audit.title", PageBody(
            rows: Array(rows), form: form, pageNumber: number,
            previous: number > 1 ? "/audit?\(filters)&page=\(number - 1)" : nil,
            next: entries.count > Self.pageSize ? "/audit?\(filters)&page=\(number + 1)" : nil,
            verification: verification, verificationOK: verificationOK))
    }
}
