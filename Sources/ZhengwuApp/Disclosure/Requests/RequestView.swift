import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// A request as its pages show it, to staff and to the applicant alike; `staff` adds what only
/// the workbench sees (notes of internal steps, the pending extension, full contact details).
struct RequestView: Encodable {
    struct Event: Encodable {
        let at: String
        let text: String
        let actor: String
        let note: String
    }

    struct Letter: Encodable {
        let id: String
        let title: String
        let number: String
        let issuedOn: String
    }

    struct Document: Encodable {
        let id: String
        let name: String
        let size: String
    }

    struct Pause: Encodable {
        let text: String
    }

    let id: String
    let number: String
    let organ: String
    let applicantName: String
    let applicantType: String
    let idNumber: String
    let phone: String
    let address: String
    let description: String
    let format: String
    let channel: String
    let receivedOn: String
    let status: String
    let isOpen: Bool
    let outcome: String?
    let closedOn: String?
    /// Where the clock stands, in words, and its colour.
    let deadline: DeadlineMark?
    let stateText: String
    let dueOn: String?
    let clockStart: String?
    let extensionDays: Int
    let pauses: [Pause]
    let correctionText: String
    let awaitingCorrection: Bool
    let correctionAsked: Bool
    let consultationRunning: Bool
    let feeAwaited: Bool
    let fee: String?
    let pendingExtension: String?
    let events: [Event]
    let letters: [Letter]
    let documents: [Document]

    /// Where the clock stands on `today`, with the warning colour the supervision rules give.
    static func deadline(_ clock: DisclosureClock, rules: WarningRules, today: LocalDate, calendar: WorkingCalendar,
                         on req: Request) -> (mark: DeadlineMark?, text: String) {
        switch clock.state(today: today, calendar: calendar) {
        case .running(let due, let paused):
            let mark = DeadlineMark.make(start: clock.clockStart?.iso, due: due.iso, paused: paused, rules: rules, today: today,
                                         calendar: calendar, on: req)
            return (mark, req.t(paused ? "request.state.paused" : "request.state.running", ["date": due.iso]))
        case .awaitingCorrection(let by):
            return (DeadlineMark(level: WarningLevel.paused.rawValue, badge: DeadlineMark.badge(.paused),
                                 text: req.t("request.state.awaiting_correction", ["date": by.iso])),
                    req.t("request.state.awaiting_correction", ["date": by.iso]))
        case .correctionLapsed, .feeLapsed:
            let text = req.t("request.state.lapsed")
            return (DeadlineMark(level: WarningLevel.red.rawValue, badge: DeadlineMark.badge(.red), text: text), text)
        }
    }

    static func make(_ request: InformationRequest, staff: Bool, reveal: Bool, calendar: WorkingCalendar, on req: Request) async throws -> RequestView {
        let id = try request.requireID()
        let clock = try request.clock
        let today = LocalDate(req.now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: req)
        let (mark, stateText) = request.status == .open ? deadline(clock, rules: rules, today: today, calendar: calendar, on: req)
            : (nil, req.t("request.status.closed"))
        var events = InformationRequestEvent.query(on: req.db).filter(\.$requestID == id).sort(\.$at)
        if !staff { events = events.filter(\.$shown == true) }
        let letters = try await InformationRequestLetter.query(on: req.db).filter(\.$requestID == id).sort(\.$createdAt).all()
        // The applicant sees the documents once the reply hands them over; staff as they gather them.
        let documents = staff || request.status == .closed
            ? try await InformationRequestDocument.query(on: req.db).filter(\.$requestID == id).sort(\.$createdAt).all() : []
        let organ = try await Department.find(request.organID, on: req.db)
        let vault = req.zhengwu.vault
        func open(_ sealed: String) -> String { sealed.isEmpty ? "" : ((try? vault.open(sealed)) ?? "") }
        // Staff see contact details masked unless they ask (and the asking is audited);
        // applicants see their own in full.
        let full = !staff || reveal
        let idNumber = open(request.applicantIDSealed)
        let phone = open(request.applicantPhoneSealed)
        var pauses: [Pause] = clock.consultations.map { stretch in
            Pause(text: req.t("request.pause.consultation", ["from": stretch.firstDay.iso, "to": stretch.lastDay?.iso ?? "…"]))
        }
        if let fee = clock.fee {
            pauses.append(Pause(text: req.t("request.pause.fee", ["from": fee.noticedOn.iso, "to": fee.paidOn?.iso ?? "…"])))
        }
        return RequestView(
            id: id.uuidString, number: request.number, organ: organ?.name ?? request.organCode,
            applicantName: full ? request.applicantName : Masking.personName(request.applicantName),
            applicantType: req.t(request.applicantType.messageKey),
            idNumber: full ? idNumber : Masking.idNumber(idNumber), phone: full ? phone : Masking.phone(phone),
            address: full ? open(request.applicantAddressSealed) : (request.applicantAddressSealed.isEmpty ? "" : "***"),
            description: request.description, format: req.t(request.format.messageKey), channel: req.t(request.channel.messageKey),
            receivedOn: request.receivedOn, status: req.t(request.status.messageKey), isOpen: request.status == .open,
            outcome: request.outcome.map { req.t($0.messageKey) }, closedOn: request.closedOn,
            deadline: mark, stateText: stateText, dueOn: request.status == .open ? clock.due(today: today, calendar: calendar)?.iso : nil,
            clockStart: clock.clockStart?.iso, extensionDays: clock.extensionDays, pauses: pauses,
            correctionText: request.correctionText,
            awaitingCorrection: clock.correction != nil && clock.correction?.receivedOn == nil,
            correctionAsked: clock.correction != nil,
            consultationRunning: clock.consultations.contains { $0.lastDay == nil },
            feeAwaited: clock.fee != nil && clock.fee?.paidOn == nil,
            fee: request.feeYuan.map { req.t("request.fee_amount", ["yuan": String($0)]) },
            pendingExtension: staff ? request.pendingExtensionDays.map {
                req.t("request.extension_pending", ["days": String($0), "reason": request.pendingExtensionReason])
            } : nil,
            events: try await events.all().map { event in
                Event(at: DisplayTime.minute(event.at), text: req.t("request.event.\(event.kind)"), actor: staff ? event.actorName : "",
                      note: staff ? event.note : "")
            },
            letters: letters.map { Letter(id: $0.id?.uuidString ?? "", title: req.t($0.kind.messageKey), number: $0.number, issuedOn: $0.issuedOn) },
            documents: documents.map { Document(id: $0.id?.uuidString ?? "", name: $0.name, size: ByteCountText.text($0.size)) })
    }
}
