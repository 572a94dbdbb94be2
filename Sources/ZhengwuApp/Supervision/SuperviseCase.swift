import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The supervisor's acts on a case (催办, 督办) and the lead department's answer to a 督办.
/// Each is a timeline entry and an audit record; the people concerned get a workbench notice.
/// Nothing about the applicant's case changes: these press the people holding it.
enum SuperviseCase {
    enum Action: Sendable {
        /// 催办: the people working the open steps are told, with the supervisor's words.
        case urge(reason: String)
        /// 督办: the lead department's head must answer by `answerBy`.
        case open(reason: String, answerBy: String)
        case answer(supervisionID: UUID, text: String)
    }

    enum Outcome: Equatable {
        case done
        case invalid([FieldIssue])
        case refused(LocalizedMessage)
        case forbidden
        case notFound
    }

    /// The longest a department can be given to answer.
    static let longestAnswerDays = 30

    static func run(_ action: Action, caseID: UUID, actor: Actor, by caseActor: CaseActor, services: ZhengwuServices,
                    calendar: WorkingCalendar, app: Vapor.Application) async throws -> Outcome {
        let now = services.clock.now()
        let today = LocalDate(now, in: calendar.timeZone)
        switch action {
        case .urge(let reason), .open(let reason, _):
            if reason.isEmpty { return .invalid([FieldIssue(field: "reason", message: LocalizedMessage("supervision.reason_required"))]) }
        case .answer(_, let text):
            if text.isEmpty { return .invalid([FieldIssue(field: "answer", message: LocalizedMessage("supervision.answer_required"))]) }
        }
        var answerBy: LocalDate?
        if case .open(_, let typed) = action {
            guard let date = LocalDate(iso: typed), date > today, date <= today.adding(days: longestAnswerDays) else {
                return .invalid([FieldIssue(field: "answer_by", message: LocalizedMessage(
                    "supervision.answer_by_range", ["days": String(longestAnswerDays)]))])
            }
            answerBy = date
        }
        let dueBy = answerBy
        return try await app.write { db -> Outcome in
            guard let record = try await CaseLock.find(caseID, on: db) else { return .notFound }
            let subject = try await CaseScope.subject(of: record, on: db)
            guard CasePolicy.permits(actor, .view, on: subject) else { return .notFound }
            let journal = CaseJournal(services: services)
            let receipt = record.receiptNumber ?? ""
            switch action {
            case .urge(let reason):
                guard CasePolicy.permits(actor, .supervise, on: subject) else { return .forbidden }
                guard record.status.allows(.urged) else { return .refused(LocalizedMessage("case.not_allowed")) }
                var working = NoticeAddressee.working(try await OpenStep.query(on: db).filter(\.$applicationID == caseID).all())
                // Nobody has a step yet (acceptance pending): the lead department's handlers.
                if working.isEmpty { working = [.role(.departmentHandler, record.departmentID)] }
                let text = services.localizer.text("supervision.urge_text", ["receipt": receipt, "item": record.itemName,
                                                                           "reason": String(reason.prefix(500))], language: "zh-Hans")
                try await StaffNotices.send("urge", text: text, about: caseID, to: working, now: now, on: db)
                try await journal.record(.urged, on: record, by: caseActor, note: String(reason.prefix(500)), now: now, notify: false, on: db)
            case .open(let reason, _):
                guard CasePolicy.permits(actor, .supervise, on: subject) else { return .forbidden }
                guard record.status.allows(.supervisionOpened), let answerBy = dueBy else { return .refused(LocalizedMessage("case.not_allowed")) }
                let supervision = Supervision()
                supervision.applicationID = caseID
                supervision.openedBy = actor.accountID
                supervision.openedByName = caseActor.name
                supervision.reason = String(reason.prefix(1000))
                supervision.answerDueOn = answerBy.iso
                supervision.openedAt = now
                try await supervision.create(on: db)
                let text = services.localizer.text("supervision.open_text", [
                    "receipt": receipt, "item": record.itemName, "date": answerBy.iso, "reason": supervision.reason,
                ], language: "zh-Hans")
                try await StaffNotices.send("supervision", text: text, about: caseID,
                                            to: [.role(.departmentHead, record.departmentID)], now: now, on: db)
                try await journal.record(.supervisionOpened, on: record, by: caseActor,
                                         note: "\(answerBy.iso)：\(supervision.reason)", now: now, notify: false, on: db)
            case .answer(let supervisionID, let text):
                guard CasePolicy.permits(actor, .answerSupervision, on: subject) else { return .forbidden }
                guard let supervision = try await Supervision.query(on: db).filter(\.$id == supervisionID)
                        .filter(\.$applicationID == caseID).first() else { return .notFound }
                guard supervision.answeredAt == nil else { return .refused(LocalizedMessage("supervision.already_answered")) }
                let late = today.iso > supervision.answerDueOn
                supervision.answer = String(text.prefix(2000))
                supervision.answeredByName = caseActor.name
                supervision.answeredAt = now
                try await supervision.save(on: db)
                let notice = services.localizer.text("supervision.answered_text", ["receipt": receipt, "item": record.itemName],
                                                     language: "zh-Hans")
                try await StaffNotices.send("supervision", text: notice, about: caseID, to: [.person(supervision.openedBy)],
                                            now: now, on: db)
                let note = (late ? services.localizer.text("supervision.answered_late", language: "zh-Hans") + "\n" : "")
                    + (supervision.answer ?? "")
                try await journal.record(.supervisionAnswered, on: record, by: caseActor, note: note, now: now, notify: false, on: db)
            }
            return .done
        }
    }
}
