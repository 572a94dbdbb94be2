import Fluent
import SQLKit
import Foundation
import ZhengwuCore

/// Submitting an application (提交申报), first time or after a correction (补正后重新提交).
/// The completeness check runs first; the write goes through group commit, so a busy hour of
/// submissions shares durable commits. The receipt day starts the 5-working-day acceptance clock.
enum SubmitApplication {
    enum Outcome {
        case submitted(receipt: String, status: CaseStatus, acceptanceDueOn: String)
        case invalid([FieldIssue])
        case notAllowed
        case itemUnavailable
    }

    /// What still stops the case being submitted: faulty or missing form values, and required
    /// materials with nothing handed in.
    static func problems(values: [String: String], materialKeys: Set<String>, guide: ServiceGuide,
                         today: LocalDate) -> (values: [String: String], problems: [FieldIssue]) {
        let check = guide.form.check(values, today: today)
        var problems = check.problems
        for material in guide.materials where material.necessity == .required && !materialKeys.contains(material.key) {
            problems.append(FieldIssue(field: "material.\(material.key)", message: LocalizedMessage("material.missing", ["name": material.name])))
        }
        return (check.values, problems)
    }

    /// Submits an existing draft, or resubmits a case returned for correction.
    static func run(caseID: UUID, item: ApplicableItem, by actor: CaseActor, services: ZhengwuServices,
                    calendar: WorkingCalendar, on db: Database) async throws -> Outcome {
        guard item.availability == .active else { return .itemUnavailable }
        guard let draft = try await ServiceCase.find(caseID, on: db), draft.status.allows(.submitted) || draft.status.allows(.resubmitted) else {
            return .notAllowed
        }
        let now = services.clock.now()
        let today = LocalDate(now, in: calendar.timeZone)
        let keys = Set(try await CaseMaterial.query(on: db).filter(\.$applicationID == caseID).all().map(\.materialKey))
        let checked = problems(values: draft.values(of: item.guide.form, vault: services.vault), materialKeys: keys,
                               guide: item.guide, today: today)
        guard checked.problems.isEmpty else { return .invalid(checked.problems) }
        let values = try ServiceCase.encode(checked.values, fields: item.guide.form, vault: services.vault)

        return try await services.groupCommit.write { db -> Outcome in
            // Re-read inside the transaction: a double click must not submit twice.
            guard let record = try await CaseLock.find(caseID, on: db) else { return .notAllowed }
            let event: CaseEvent = record.status == .draft ? .submitted : .resubmitted
            guard record.status.allows(event) else { return .notAllowed }
            record.formValues = values
            try await receive(record, event: event, today: today, now: now, calendar: calendar, on: db)
            try await CaseJournal(services: services).record(event, on: record, by: actor, now: now, on: db)
            return .submitted(receipt: record.receiptNumber!, status: record.status, acceptanceDueOn: record.acceptanceDueOn!)
        }
    }

    /// Marks the case received today: a receipt number the first time, the acceptance due date
    /// from today (a corrected application counts as received when the corrections arrive).
    /// A case not yet in the database is inserted once, already received (the API and window
    /// paths); a stored draft is updated.
    static func receive(_ record: ServiceCase, event: CaseEvent, today: LocalDate, now: Date, calendar: WorkingCalendar,
                        on db: Database) async throws {
        try await stampReceived(record, event: event, today: today, now: now, calendar: calendar, on: db)
        try await record.save(on: db)
    }

    /// A receipt number the first time, the status after `event`, and the acceptance clock
    /// started from today.
    private static func stampReceived(_ record: ServiceCase, event: CaseEvent, today: LocalDate, now: Date,
                                      calendar: WorkingCalendar, on db: Database) async throws {
        if record.receiptNumber == nil {
            record.receiptNumber = try await uniqueReceiptNumber(on: today, db: db)
        }
        // A corrected application moves to today: the day it counted on before changes too.
        try await PerformanceRollup.markDirty([record.receivedOn], on: db)
        record.status = try record.status.after(event)
        record.receivedAt = now
        record.receivedOn = today.iso
        record.acceptanceDueOn = AcceptanceDeadline.dueDate(receivedOn: today, calendar: calendar).iso
        record.updatedAt = now
    }

    /// Creates a new case received at once, with its departments and materials, in the
    /// caller's transaction: the API's and the window's one-step submission.
    static func createReceived(_ record: ServiceCase, item: ApplicableItem,
                               materials: [(key: String, payload: AttachMaterial.Payload, type: UploadCheck.FileType?)],
                               today: LocalDate, now: Date, calendar: WorkingCalendar, on db: Database) async throws {
        // Set afresh each time: a group commit may run this again after a clash.
        let caseID = UUID()
        record.id = caseID
        record.receiptNumber = nil
        record.status = .draft
        try await stampReceived(record, event: .submitted, today: today, now: now, calendar: calendar, on: db)
        try await record.create(with: item, on: db)
        try await (db as! SQLDatabase).insertMaterials(materials.map {
            AttachMaterial.rows($0.payload, type: $0.type, caseID: caseID, key: $0.key, now: now)
        })
    }

    /// 35 random bits a day make a clash rare. The check sees stored cases; a clash within one
    /// group commit (whose rows are written together at its end) is caught by the unique index,
    /// and the group is then rerun write by write (GroupCommit).
    static func uniqueReceiptNumber(on today: LocalDate, db: Database) async throws -> String {
        let sql = db as! SQLDatabase
        while true {
            let candidate = ReceiptNumber.make(on: today).value
            let taken = try await sql.raw("SELECT 1 AS taken FROM applications WHERE receipt_number = \(bind: candidate)").first()
            if taken == nil { return candidate }
        }
    }
}
