import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// Art. 50 in force: a renewal asked for at least 30 days before the old certificate ended,
/// and still undecided after its last day, is granted by operation of law (视为准予延续) and the
/// renewed certificate issued. Runs on a timer on every instance; the status check inside the
/// locked transaction makes a second run a no-op.
enum DeemRenewalsGranted {
    /// Returns how many renewals were granted.
    @discardableResult
    static func run(services: ZhengwuServices, app: Vapor.Application) async throws -> Int {
        let now = services.clock.now()
        let calendar = try await services.calendars.calendar(on: app.db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        // Renewals still with the department whose old certificate has ended.
        let rows = try await (app.db as! SQLDatabase).raw("""
            SELECT a.id AS id FROM applications a JOIN certificates c ON c.id = a.renews_certificate_id
            WHERE a.renews_certificate_id IS NOT NULL
              AND a.status IN (\(bind: CaseStatus.accepted.rawValue), \(bind: CaseStatus.specialProcedure.rawValue))
              AND c.status = \(bind: Certificate.Status.valid.rawValue) AND c.valid_until < \(bind: today.iso)
            LIMIT 500
            """).all()
        var granted = 0
        for row in rows {
            let caseID = try row.decode(column: "id", as: UUID.self)
            let done = try await app.write { db -> Bool in
                guard let record = try await CaseLock.find(caseID, on: db) else { return false }
                return try await grantIfDue(record, today: today, now: now, calendar: calendar, services: services, on: db)
            }
            if done { granted += 1 }
        }
        return granted
    }

    /// Grants `record` by law if it is a renewal asked for in time, still with the department,
    /// and its old certificate has ended. In the caller's transaction, row locked.
    static func grantIfDue(_ record: ServiceCase, today: LocalDate, now: Date, calendar: WorkingCalendar,
                           services: ZhengwuServices, on db: Database) async throws -> Bool {
        guard record.status.allows(.deemedGranted), let renewsID = record.renewsCertificateID,
              let old = try await Certificate.find(renewsID, on: db), old.status == .valid,
              let requested = record.localReceivedOn, old.term.renewalDeemedGranted(requestedOn: requested, today: today),
              var review = record.review,
              let item = try await ApplicableItem.version(itemID: record.itemID, revisionID: record.revisionID, on: db)
        else { return false }
        // A special procedure under way ends with the case: the law's date does not wait for it.
        if review.specialProcedure != nil { try review.resume(on: today) }
        let law = CaseActor(id: CaseActor.system.id, name: services.localizer.text("renewal.by_law", language: "zh-Hans"),
                            audit: CaseActor.system.audit)
        let text = services.localizer.text("renewal.deemed_note", ["number": old.number, "until": old.validUntil ?? "",
                                                                   "received": requested.iso], language: "zh-Hans")
        _ = try await ConcludeCase.run(record, review: review, event: .deemedGranted, text: text, item: item, by: law,
                                       departments: try await DepartmentCodes.load(on: db), services: services,
                                       calendar: calendar, today: today, now: now, on: db)
        return true
    }
}
