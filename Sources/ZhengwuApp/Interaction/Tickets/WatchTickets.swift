import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The live watch over 12345 tickets, beside the approval watch (WatchDeadlines): a ticket not
/// signed for in time tells the lead department's handlers and head at once; the reply day turning
/// yellow tells the handlers, red the head too, by the same rules as approval cases. Each warning
/// is a unique row written with its notices, so it is noticed once, however many instances watch.
enum WatchTickets {
    static let schema = "ticket_alerts"
    static let leaseName = "ticket-watch"

    struct Row: Decodable {
        let id: UUID
        let number: String
        let content: String
        let status: String
        let dispatchedOn: String?
        let replyBy: String?
        let signBy: Date?
        let leadDepartmentId: UUID
    }

    @discardableResult
    static func run(services: ZhengwuServices, app: Vapor.Application, worker: String, leaseSeconds: TimeInterval = 180) async throws -> Int {
        let now = services.clock.now()
        guard try await JobLease.acquire(leaseName, holder: worker, for: leaseSeconds, now: now, on: app.db) else { return 0 }
        let calendar = try await services.calendars.calendar(on: app.db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: app.db, services: services, now: now)
        let rows = try await (app.db as! SQLDatabase).raw("""
            SELECT id, number, content, status, dispatched_on, reply_by, sign_by, lead_department_id FROM tickets
            WHERE status IN (\(bind: TicketStatus.dispatched.rawValue), \(bind: TicketStatus.signed.rawValue)) AND lead_department_id IS NOT NULL
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        var raised = 0
        for row in rows {
            let summary = row.content.count > 40 ? String(row.content.prefix(40)) + "…" : row.content
            if row.status == TicketStatus.dispatched.rawValue, let signBy = row.signBy, now > signBy {
                let text = services.localizer.text("watch.ticket_sign", ["number": row.number, "summary": summary], language: "zh-Hans")
                if try await raise(.red, kind: "sign", due: DisplayTime.minute(signBy), row: row, text: text, now: now, app: app) { raised += 1 }
            }
            guard let due = row.replyBy.flatMap(LocalDate.init(iso:)) else { continue }
            let start = row.dispatchedOn.flatMap(LocalDate.init(iso:)) ?? due
            let level = rules.level(start: start, due: due, today: today, paused: false, calendar: calendar)
            guard level >= .yellow else { continue }
            let text = services.localizer.text("watch.\(level.rawValue)_ticket", [
                "number": row.number, "summary": summary, "due": due.iso,
                "days": String(abs(TimeBudget(start: start, due: due, today: today, calendar: calendar).left)),
            ], language: "zh-Hans")
            if try await raise(level, kind: "reply", due: due.iso, row: row, text: text, now: now, app: app) { raised += 1 }
        }
        return raised
    }

    /// Records the warning and its notices together; false when it was raised before.
    private static func raise(_ level: WarningLevel, kind: String, due: String, row: Row, text: String, now: Date,
                              app: Vapor.Application) async throws -> Bool {
        try await app.write { db -> Bool in
            let inserted = try await (db as! SQLDatabase).raw("""
                INSERT INTO ticket_alerts (id, ticket_id, kind, level, due, created_at)
                VALUES (\(bind: UUID()), \(bind: row.id), \(bind: kind), \(bind: level.rawValue), \(bind: due), \(bind: now))
                ON CONFLICT (ticket_id, kind, level, due) DO NOTHING
                RETURNING id
                """).first()
            guard inserted != nil else { return false }
            var addressees: [NoticeAddressee] = [.role(.departmentHandler, row.leadDepartmentId)]
            if level == .red { addressees.append(.role(.departmentHead, row.leadDepartmentId)) }
            try await StaffNotices.send(level.rawValue, text: text, about: nil, to: addressees, now: now, on: db)
            return true
        }
    }
}
