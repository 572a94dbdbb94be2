import Fluent
import SQLKit
import Foundation
import Vapor
import ZhengwuCore

/// Who acts on a case, as its timeline, the audit trail and the applicant's messages name them.
struct CaseActor: Sendable {
    /// "applicant", "system" or "account:<uuid>".
    let id: String
    let name: String
    let audit: AuditActor

    static let system = CaseActor(id: "system", name: "system", audit: .system())

    /// The applicant acting on their own case (online or through the API).
    static func applicant(named name: String, on req: Request) -> CaseActor {
        CaseActor(id: "applicant", name: name, audit: req.auditActor)
    }

    /// The signed-in member of staff.
    static func staff(on req: Request) throws -> CaseActor {
        let signedIn = try req.requireSignedIn()
        return CaseActor(id: "account:\(signedIn.accountID)", name: signedIn.displayName, audit: req.auditActor)
    }
}

/// Writes what every change to a case leaves behind, in the caller's transaction: the
/// timeline entry, the audit record, and the applicant's message (account list + SMS outbox).
struct CaseJournal: Sendable {
    let services: ZhengwuServices

    func record(_ event: CaseEvent, on record: ServiceCase, by actor: CaseActor, note: String = "", now: Date,
                notify: Bool = true, on db: Database) async throws {
        let caseID = try record.requireID()
        let sql = db as! SQLDatabase
        try await CaseTimelineEntry(applicationID: caseID, at: now, event: event, actorID: actor.id,
                                    actorName: actor.name, note: note).insertRow(on: sql)
        try await services.audit.append(on: db, actor: actor.audit, action: "case.\(event.rawValue)",
                                        subject: "case:\(record.receiptNumber ?? caseID.uuidString)",
                                        detail: note.isEmpty ? [:] : ["note": String(note.prefix(500))])
        // Whatever happened may change the figures of the days the case counts on.
        try await PerformanceRollup.markDirty([LocalDate(now, in: WorkingCalendar.default.timeZone).iso, record.receivedOn,
                                               record.decidedOn], on: db)
        guard notify, let receipt = record.receiptNumber else { return }
        // SMS goes out in Chinese, the language the gateway's templates are registered in.
        let text = services.localizer.text("sms.\(event.rawValue)", [
            "receipt": receipt, "item": record.itemName,
        ], language: "zh-Hans")
        let message = Notification()
        message.accountID = record.applicantAccountID
        message.applicationID = caseID
        message.receiptNumber = receipt
        message.message = text
        message.phoneSealed = record.applicantPhoneSealed
        message.delivery = record.applicantPhoneSealed.isEmpty ? .none : .pending
        message.attempts = 0
        message.nextAttemptAt = now
        message.createdAt = now
        try await message.insertRow(on: sql)
    }
}

extension ServiceCase {
    /// A new draft for `applicant` under the item's published version.
    convenience init(item: ApplicableItem, applicant: Applicant, accountID: UUID?, channel: Channel,
                     vault: PersonalDataVault, now: Date) {
        self.init()
        itemID = item.itemID
        revisionID = item.revisionID
        itemCode = item.guide.code
        itemName = item.guide.name
        departmentID = item.departmentID
        regionCode = item.regionCode
        applicantAccountID = accountID
        applicant.seal(into: self, vault: vault)
        formValues = "{}"
        status = .draft
        self.channel = channel
        visits = channel == .window ? 1 : 0
        handling = item.guide.handling.rawValue
        promisedLimitDays = item.guide.promisedLimitDays
        legalLimitDays = item.guide.legalLimitDays
        deemedAccepted = false
        createdAt = now
        updatedAt = now
    }

    /// Creates the case with a row per taking-part department (lead first).
    func create(with item: ApplicableItem, on db: Database) async throws {
        let sql = db as! SQLDatabase
        if id == nil { id = UUID() }
        try await insertRow(on: sql)
        // Later saves through Fluent must update this row, not insert another.
        $id.exists = true
        let caseID = try requireID()
        try await CaseDepartment.insertRow(applicationID: caseID, departmentID: item.departmentID, isLead: true, on: sql)
        for partner in item.partnerDepartmentIDs where partner != item.departmentID {
            try await CaseDepartment.insertRow(applicationID: caseID, departmentID: partner, isLead: false, on: sql)
        }
    }
}
