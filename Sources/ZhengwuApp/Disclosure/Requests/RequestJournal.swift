import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Who acts on a request: a member of staff, the applicant through their account, or the
/// platform itself (closing a request whose correction or fee lapsed).
enum RequestActor: Sendable {
    case staff(Actor, name: String)
    case applicant(accountID: UUID, name: String)
    case system

    var name: String {
        switch self {
        case .staff(_, let name), .applicant(_, let name): name
        case .system: "system"
        }
    }
}

/// Writes what every step of a request leaves behind, in the caller's transaction: the history
/// entry, the audit record, the numbered letter if one is issued, and the applicant's message
/// (account list and SMS), so none of them can be lost without the others.
struct RequestJournal: Sendable {
    let services: ZhengwuServices

    /// A letter to issue with the step.
    struct LetterDraft {
        let kind: InformationRequestLetter.Kind
        var body = ""
        var date: LocalDate?
        var amount: Int?
        var outcome: DisclosureOutcome?
    }

    @discardableResult
    func record(_ kind: String, on request: InformationRequest, by actor: RequestActor, note: String = "", shown: Bool,
                letter draft: LetterDraft? = nil, auditActor: AuditActor, now: Date, on db: Database) async throws -> InformationRequestLetter? {
        let requestID = try request.requireID()
        try await InformationRequestEvent(requestID: requestID, at: now, kind: kind, actorName: actor.name, note: note, shown: shown)
            .create(on: db)
        var detail = note.isEmpty ? [String: String]() : ["note": String(note.prefix(500))]
        var letter: InformationRequestLetter?
        if let draft {
            let issued = try await issue(draft, for: request, by: actor, now: now, on: db)
            detail["letter"] = issued.number
            letter = issued
        }
        try await services.audit.append(on: db, actor: auditActor, action: "information_request.\(kind)",
                                        subject: "information_request:\(request.number)", detail: detail)
        if shown { try await notify(kind, request: request, now: now, on: db) }
        return letter
    }

    private func issue(_ draft: LetterDraft, for request: InformationRequest, by actor: RequestActor, now: Date,
                       on db: Database) async throws -> InformationRequestLetter {
        let organ = try await Department.find(request.organID, on: db)
        let today = LocalDate(now, in: WorkingCalendar.default.timeZone)
        let serial = try await RequestSerials.next("letter.\(draft.kind.rawValue)", organCode: request.organCode, year: today.year, on: db)
        let word = services.localizer.text("request_letter.number_word.\(draft.kind.rawValue)", language: "zh-Hans")
        let letter = InformationRequestLetter()
        letter.requestID = try request.requireID()
        letter.kind = draft.kind
        // e.g. 民政局依申复〔2026〕第0003号: the form official letters are filed under.
        letter.number = (organ?.shortName ?? request.organCode) + word + "〔\(today.year)〕第" + RequestSerials.padded(serial) + "号"
        letter.issuedOn = today.iso
        letter.organName = organ?.name ?? request.organCode
        letter.body = draft.body
        letter.date = draft.date?.iso
        letter.amount = draft.amount
        letter.outcome = draft.outcome
        letter.issuedBy = actor.name
        letter.createdAt = now
        try await letter.create(on: db)
        return letter
    }

    /// The applicant's message: in their account if they have one, by SMS if a phone is known.
    private func notify(_ kind: String, request: InformationRequest, now: Date, on db: Database) async throws {
        guard request.applicantAccountID != nil || !request.applicantPhoneSealed.isEmpty else { return }
        // SMS goes out in Chinese, the language the gateway's templates are registered in.
        let text = services.localizer.text("sms.information_request.\(kind)", ["number": request.number], language: "zh-Hans")
        let message = Notification()
        message.accountID = request.applicantAccountID
        message.applicationID = nil
        message.receiptNumber = request.number
        message.message = text
        message.phoneSealed = request.applicantPhoneSealed
        message.delivery = request.applicantPhoneSealed.isEmpty ? .none : .pending
        message.attempts = 0
        message.nextAttemptAt = now
        message.createdAt = now
        try await message.create(on: db)
    }
}

/// Running numbers of requests and letters per organ and year. One upsert increments and
/// returns the number, so two instances never hand out the same one.
enum RequestSerials {
    static func next(_ series: String, organCode: String, year: Int, on db: Database) async throws -> Int {
        let row = try await (db as! SQLDatabase).raw("""
            INSERT INTO request_serials (series, organ_code, year, last) VALUES (\(bind: series), \(bind: organCode), \(bind: year), 1)
            ON CONFLICT (series, organ_code, year) DO UPDATE SET last = request_serials.last + 1
            RETURNING last
            """).first()
        guard let last = try row?.decode(column: "last", as: Int.self) else { throw PublicationStoreError.missing("request serial") }
        return last
    }

    /// Four digits at least, so numbers sort as text within a year.
    static func padded(_ serial: Int) -> String {
        let digits = String(serial)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
