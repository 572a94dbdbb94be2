import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The live watch (电子监察): every open step's clock and every case's own (promised) clock,
/// measured with the supervisor's rules; a clock turning yellow tells its assignee, one turning
/// red tells the assignee and the department head. Instances take turns through a lease; each
/// warning is a unique row written in the same transaction as its notices, so even two
/// workers scanning at once notice each transition exactly once.
enum WatchDeadlines {
    static let leaseName = "deadline-watch"
    /// Steps and cases due further ahead cannot be yellow: no limit in the catalogue is long
    /// enough (the longest legal limits are 45 working days plus 15 of extension).
    static let horizonDays = 120

    struct StepRow: Decodable {
        let applicationId: UUID
        let stepKey: String
        let stepName: String
        let accountId: String?
        let role: String?
        let departmentId: UUID?
        let signedForBy: String?
        let dueOn: String
        let startedOn: String?
        let status: String
        let receiptNumber: String
        let itemName: String
        let leadDepartmentId: UUID
    }

    struct CaseRow: Decodable {
        let id: UUID
        let receiptNumber: String
        let itemName: String
        let status: String
        let acceptedOn: String?
        let decisionDueOn: String
        let departmentId: UUID
    }

    /// Returns how many warnings were raised; 0 when another instance holds the lease.
    @discardableResult
    static func run(services: ZhengwuServices, app: Vapor.Application, worker: String,
                    leaseSeconds: TimeInterval = 300) async throws -> Int {
        let now = services.clock.now()
        guard try await JobLease.acquire(leaseName, holder: worker, for: leaseSeconds, now: now, on: app.db) else { return 0 }
        let calendar = try await services.calendars.calendar(on: app.db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: app.db, services: services, now: now)
        let horizon = today.adding(days: horizonDays).iso
        let sql = app.db as! SQLDatabase
        var raised = 0

        let steps = try await sql.raw("""
            SELECT s.application_id, s.step_key, s.step_name, s.account_id, s.role, s.department_id, s.signed_for_by, s.due_on,
                   s.started_on, a.status, a.receipt_number, a.item_name, a.department_id AS lead_department_id
            FROM open_steps s JOIN applications a ON a.id = s.application_id
            WHERE s.due_on <= \(bind: horizon)
            """).all(decoding: StepRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let byStep = Dictionary(grouping: steps) { "\($0.applicationId)/\($0.stepKey)" }
        let people = try await departments(ofPeople: Set(steps.compactMap { $0.accountId ?? $0.signedForBy }), on: app.db)
        for rows in byStep.values {
            let first = rows[0]
            let status = CaseStatus(rawValue: first.status) ?? .accepted
            guard let due = LocalDate(iso: first.dueOn) else { continue }
            let start = first.startedOn.flatMap(LocalDate.init(iso:)) ?? due
            let level = rules.level(start: start, due: due, today: today, paused: status.isPaused, calendar: calendar)
            guard level >= .yellow else { continue }
            var addressees: [NoticeAddressee] = []
            for row in rows {
                if let person = row.signedForBy ?? row.accountId {
                    addressees.append(.person(person))
                } else if let role = row.role.flatMap(Role.init(rawValue:)), let department = row.departmentId {
                    addressees.append(.role(role, department))
                }
            }
            if level == .red {
                let departments = Set(rows.compactMap { $0.departmentId } + rows.compactMap { ($0.signedForBy ?? $0.accountId).flatMap { people[$0] } })
                addressees += (departments.isEmpty ? [first.leadDepartmentId] : Array(departments)).map { .role(.departmentHead, $0) }
            }
            let isDecision = first.stepKey == OpenStep.decisionKey
            let text = services.localizer.text("watch.\(level.rawValue)_step", [
                "receipt": first.receiptNumber, "item": first.itemName,
                "step": isDecision ? services.localizer.text("todo.decision_step", language: "zh-Hans") : first.stepName,
                "due": due.iso, "days": String(abs(TimeBudget(start: start, due: due, today: today, calendar: calendar).left)),
            ], language: "zh-Hans")
            if try await raise(level, caseID: first.applicationId, stepKey: first.stepKey, due: due, text: text,
                               to: addressees, now: now, app: app) {
                raised += 1
            }
        }

        let cases = try await sql.raw("""
            SELECT id, receipt_number, item_name, status, accepted_on, decision_due_on, department_id FROM applications
            WHERE status IN (\(bind: CaseStatus.accepted.rawValue), \(bind: CaseStatus.awaitingMaterial.rawValue), \(bind: CaseStatus.specialProcedure.rawValue))
              AND decision_due_on IS NOT NULL AND decision_due_on <= \(bind: horizon)
            """).all(decoding: CaseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        for row in cases {
            guard let due = LocalDate(iso: row.decisionDueOn) else { continue }
            let start = row.acceptedOn.flatMap(LocalDate.init(iso:)) ?? due
            let status = CaseStatus(rawValue: row.status) ?? .accepted
            let level = rules.level(start: start, due: due, today: today, paused: status.isPaused, calendar: calendar)
            guard level >= .yellow else { continue }
            var addressees: [NoticeAddressee] = [.role(.departmentHandler, row.departmentId)]
            if level == .red { addressees.append(.role(.departmentHead, row.departmentId)) }
            let text = services.localizer.text("watch.\(level.rawValue)_case", [
                "receipt": row.receiptNumber, "item": row.itemName, "due": due.iso,
                "days": String(abs(TimeBudget(start: start, due: due, today: today, calendar: calendar).left)),
            ], language: "zh-Hans")
            if try await raise(level, caseID: row.id, stepKey: DeadlineAlert.caseKey, due: due, text: text,
                               to: addressees, now: now, app: app) {
                raised += 1
            }
        }
        return raised
    }

    /// Records the warning and its notices together; false when it was raised before.
    private static func raise(_ level: WarningLevel, caseID: UUID, stepKey: String, due: LocalDate, text: String,
                              to addressees: [NoticeAddressee], now: Date, app: Vapor.Application) async throws -> Bool {
        try await app.write { db -> Bool in
            let inserted = try await (db as! SQLDatabase).raw("""
                INSERT INTO deadline_alerts (id, application_id, step_key, level, due_on, created_at)
                VALUES (\(bind: UUID()), \(bind: caseID), \(bind: stepKey), \(bind: level.rawValue), \(bind: due.iso), \(bind: now))
                ON CONFLICT (application_id, step_key, level, due_on) DO NOTHING
                RETURNING id
                """).first()
            guard inserted != nil else { return false }
            try await StaffNotices.send(level.rawValue, text: text, about: caseID, to: addressees, now: now, on: db)
            return true
        }
    }

    /// The departments of the people named on steps, to reach their heads at red.
    private static func departments(ofPeople ids: Set<String>, on db: Database) async throws -> [String: UUID] {
        let uuids = ids.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let accounts = try await Account.query(on: db).filter(\.$id ~~ uuids).all()
        return Dictionary(uniqueKeysWithValues: accounts.compactMap { account in
            account.departmentID.flatMap { department in account.id.map { ($0.uuidString, department) } }
        })
    }
}
