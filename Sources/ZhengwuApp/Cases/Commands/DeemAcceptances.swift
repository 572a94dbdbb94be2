import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// Art. 32 in force: applications nobody accepted, refused or returned within 5 working days
/// become accepted from the day they were received. Runs on a timer on every instance; the
/// status check inside the transaction makes a second run a no-op, so instances need not agree
/// on who runs it.
enum DeemAcceptances {
    /// Returns how many cases were deemed accepted.
    @discardableResult
    static func run(services: ZhengwuServices, app: Vapor.Application) async throws -> Int {
        let now = services.clock.now()
        let calendar = try await services.calendars.calendar(on: app.db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        // Due dates are ISO strings, so "before today" is a string comparison the index serves.
        let overdue = try await ServiceCase.query(on: app.db).filter(\.$status == .submitted)
            .filter(\.$acceptanceDueOn < today.iso).field(\.$id).limit(500).all().compactMap(\.id)
        var deemed = 0
        for caseID in overdue {
            let changed = try await app.write { db -> Bool in
                guard let record = try await CaseLock.find(caseID, on: db) else { return false }
                return try await deemIfOverdue(record, today: today, now: now, calendar: calendar, services: services, on: db)
            }
            if changed { deemed += 1 }
        }
        return deemed
    }

    /// Accepts `record` by operation of law if it still waits and its 5 working days are over;
    /// the acceptance dates from the day of receipt. In the caller's transaction, row locked.
    static func deemIfOverdue(_ record: ServiceCase, today: LocalDate, now: Date, calendar: WorkingCalendar,
                              services: ZhengwuServices, on db: Database) async throws -> Bool {
        guard record.status == .submitted, let received = record.localReceivedOn,
              AcceptanceDeadline.isDeemedAccepted(receivedOn: received, today: today, calendar: calendar) else { return false }
        record.status = try record.status.after(.deemedAccepted)
        record.deemedAccepted = true
        record.acceptedOn = received.iso
        record.decisionDueOn = DecisionDeadline.dueDate(acceptedOn: received, limitDays: record.promisedLimitDays,
                                                        calendar: calendar).iso
        record.updatedAt = now
        if let item = try await ApplicableItem.version(itemID: record.itemID, revisionID: record.revisionID, on: db) {
            try await record.beginReview(guide: item.guide, acceptedOn: received, calendar: calendar, vault: services.vault, on: db)
        }
        try await record.save(on: db)
        try await CaseJournal(services: services).record(
            .deemedAccepted, on: record, by: .system,
            note: services.localizer.text("case.deemed_note", ["date": received.iso, "due": record.acceptanceDueOn ?? ""],
                                          language: "zh-Hans"),
            now: now, on: db)
        return true
    }
}
