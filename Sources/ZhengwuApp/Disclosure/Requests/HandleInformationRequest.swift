import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// Every step of handling a request after receipt. The statutory clock (DisclosureClock)
/// decides whether a step is allowed and what it does to the due date; this loads the request,
/// checks who may take the step (DisclosurePolicy), and records it with its letter.
enum HandleInformationRequest {
    enum Step: Sendable {
        /// 补正告知: what to correct, by when.
        case requestCorrection(correctBy: LocalDate, what: String)
        /// The correction arrived (recorded by staff, or sent by the applicant online).
        case receiveCorrection(on: LocalDate, text: String)
        /// A handler asks for the one extension; the head decides.
        case requestExtension(days: Int, reason: String)
        case approveExtension
        case declineExtension(note: String)
        /// 征求第三方意见: the days the third party takes are not counted.
        case startConsultation(on: LocalDate, party: String)
        case endConsultation(on: LocalDate, note: String)
        /// 收费通知, in whole 元.
        case noticeFee(yuan: Int, note: String)
        case feePaid(on: LocalDate)
        /// 答复: exactly one outcome, with the reasons the letter states.
        case reply(outcome: DisclosureOutcome, reasons: String)
        /// The correction or the fee lapsed: closed as 其他处理 1 or 2 by the platform.
        case closeLapsed

        var kind: String {
            switch self {
            case .requestCorrection: "correction_requested"
            case .receiveCorrection: "correction_received"
            case .requestExtension: "extension_requested"
            case .approveExtension: "extension_approved"
            case .declineExtension: "extension_declined"
            case .startConsultation: "consultation_started"
            case .endConsultation: "consultation_ended"
            case .noticeFee: "fee_noticed"
            case .feePaid: "fee_paid"
            case .reply, .closeLapsed: "replied"
            }
        }
    }

    enum Outcome: Equatable {
        case done
        case forbidden
        case notFound
        /// The request is closed; nothing more happens to it.
        case closed
        case problem(LocalizedMessage)
    }

    static func run(_ step: Step, requestID: UUID, by actor: RequestActor, services: ZhengwuServices, auditActor: AuditActor,
                    now: Date, on db: Database) async throws -> Outcome {
        guard let request = try await InformationRequest.find(requestID, on: db) else { return .notFound }
        switch (actor, step) {
        case (.staff(let staff, _), .approveExtension), (.staff(let staff, _), .declineExtension):
            guard DisclosurePolicy.permits(staff, .approveExtension, organ: request.organ) else { return .forbidden }
        case (.staff(let staff, _), _):
            guard DisclosurePolicy.permits(staff, .handleRequests, organ: request.organ) else { return .forbidden }
        case (.applicant(let accountID, _), .receiveCorrection):
            guard request.applicantAccountID == accountID else { return .notFound }
        case (.system, .closeLapsed):
            break
        default:
            return .forbidden
        }
        guard request.status == .open else { return .closed }
        let calendar = try await services.calendars.calendar(on: db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        var clock = try request.clock
        var letter: RequestJournal.LetterDraft?
        var note = ""
        var shown = true
        func problem(_ key: String, _ arguments: [String: String] = [:]) -> Outcome { .problem(LocalizedMessage(key, arguments)) }
        /// A day staff give for something that happened: not ahead of today, not before receipt.
        func checkDay(_ day: LocalDate) -> Outcome? {
            day > today || day < clock.receivedOn ? problem("request.error.day", ["first": clock.receivedOn.iso, "last": today.iso]) : nil
        }
        do {
            switch step {
            case .requestCorrection(let correctBy, let what):
                guard !what.isEmpty else { return problem("request.error.correction_what") }
                try clock.requestCorrection(on: today, correctBy: correctBy, calendar: calendar)
                letter = .init(kind: .correction, body: what, date: correctBy)
                note = what
            case .receiveCorrection(let day, let text):
                if let wrong = checkDay(day) { return wrong }
                guard !text.isEmpty else { return problem("request.error.correction_text") }
                try clock.receiveCorrection(on: day)
                request.correctionText = text
                note = text
            case .requestExtension(let days, let reason):
                guard clock.extensionDays == 0, request.pendingExtensionDays == nil else { throw DisclosureClock.Problem.extensionAlreadyGranted }
                guard (1...DisclosureClock.extensionCap).contains(days) else {
                    throw DisclosureClock.Problem.extensionOutOfRange(max: DisclosureClock.extensionCap)
                }
                guard !reason.isEmpty else { return problem("request.error.reason") }
                request.pendingExtensionDays = days
                request.pendingExtensionReason = reason
                if case .staff(let staff, _) = actor { request.pendingExtensionBy = UUID(uuidString: staff.accountID) }
                note = reason
                shown = false
            case .approveExtension:
                guard let days = request.pendingExtensionDays else { return problem("request.error.no_pending_extension") }
                try clock.extend(by: days)
                let reason = request.pendingExtensionReason
                clearPendingExtension(request)
                letter = .init(kind: .extension, body: reason, date: clock.due(today: today, calendar: calendar), amount: days)
                note = reason
            case .declineExtension(let why):
                guard request.pendingExtensionDays != nil else { return problem("request.error.no_pending_extension") }
                clearPendingExtension(request)
                note = why
                shown = false
            case .startConsultation(let day, let party):
                if let wrong = checkDay(day) { return wrong }
                guard !party.isEmpty else { return problem("request.error.party") }
                try clock.startConsultation(on: day)
                note = party
            case .endConsultation(let day, let why):
                if let wrong = checkDay(day) { return wrong }
                try clock.endConsultation(on: day)
                note = why
            case .noticeFee(let yuan, let why):
                guard yuan > 0 else { return problem("request.error.fee") }
                let payBy = try clock.noticeFee(on: today, calendar: calendar)
                request.feeYuan = yuan
                letter = .init(kind: .fee, body: why, date: payBy, amount: yuan)
                note = why
            case .feePaid(let day):
                if let wrong = checkDay(day) { return wrong }
                try clock.feePaid(on: day)
            case .reply(let outcome, let reasons):
                if let wrong = check(outcome, reasons: reasons, clock: clock, today: today, calendar: calendar) { return wrong }
                close(request, outcome: outcome, today: today)
                letter = .init(kind: .reply, body: reasons, outcome: outcome)
                note = services.localizer.text(outcome.messageKey, language: "zh-Hans")
            case .closeLapsed:
                let outcome: DisclosureOutcome
                switch clock.state(today: today, calendar: calendar) {
                case .correctionLapsed: outcome = .noCorrection
                case .feeLapsed: outcome = .feeUnpaid
                default: return problem("request.error.not_lapsed")
                }
                close(request, outcome: outcome, today: today)
                letter = .init(kind: .reply, outcome: outcome)
                note = services.localizer.text(outcome.messageKey, language: "zh-Hans")
            }
        } catch let refused as DisclosureClock.Problem {
            return .problem(refused.message)
        }
        try request.store(clock, calendar: calendar, today: today)
        request.updatedAt = now
        try await request.update(on: db)
        try await RequestJournal(services: services).record(step.kind, on: request, by: actor, note: note, shown: shown, letter: letter,
                                                            auditActor: auditActor, now: now, on: db)
        return .done
    }

    /// The outcomes that only follow from the clock are chosen only when the clock says so, and
    /// a refusal always says why (art. 36 asks the reply to state its reasons).
    private static func check(_ outcome: DisclosureOutcome, reasons: String, clock: DisclosureClock, today: LocalDate,
                              calendar: WorkingCalendar) -> Outcome? {
        let state = clock.state(today: today, calendar: calendar)
        switch outcome {
        case .noCorrection where state != .correctionLapsed, .feeUnpaid where state != .feeLapsed:
            return .problem(LocalizedMessage("request.error.outcome_not_lapsed"))
        case .stillUnclear where clock.correction?.receivedOn == nil:
            return .problem(LocalizedMessage("request.error.outcome_needs_correction"))
        default:
            break
        }
        if outcome != .disclose, reasons.isEmpty { return .problem(LocalizedMessage("request.error.reasons")) }
        return nil
    }

    private static func close(_ request: InformationRequest, outcome: DisclosureOutcome, today: LocalDate) {
        request.status = .closed
        request.outcome = outcome
        request.closedOn = today.iso
        clearPendingExtension(request)
    }

    private static func clearPendingExtension(_ request: InformationRequest) {
        request.pendingExtensionDays = nil
        request.pendingExtensionReason = ""
        request.pendingExtensionBy = nil
    }
}

/// Closes, once a day or so, the requests whose correction or fee lapsed (其他处理 1 and 2),
/// each with its reply letter. Safe on several instances: a closed request is not closed again.
enum CloseLapsedRequests {
    @discardableResult
    static func run(services: ZhengwuServices, now: Date, app: Vapor.Application) async throws -> Int {
        let calendar = try await services.calendars.calendar(on: app.db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        // Only requests waiting on the applicant can lapse; there are few open at a time.
        let open = try await InformationRequest.query(on: app.db).filter(\.$status == .open).all()
        var closed = 0
        for request in open {
            guard let clock = try? request.clock else { continue }
            switch clock.state(today: today, calendar: calendar) {
            case .correctionLapsed, .feeLapsed: break
            default: continue
            }
            let id = try request.requireID()
            let outcome = try await app.write { db in
                try await HandleInformationRequest.run(.closeLapsed, requestID: id, by: .system, services: services,
                                                       auditActor: .system(), now: now, on: db)
            }
            if outcome == .done { closed += 1 }
        }
        return closed
    }
}
