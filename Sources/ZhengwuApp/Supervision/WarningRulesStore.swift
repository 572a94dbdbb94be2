import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The supervisor's warning thresholds, kept as a site setting (JSON) so every instance reads
/// the same; the defaults of approval.md until someone changes them.
enum WarningRulesStore {
    static let key = "supervision.warning_rules"

    static func current(on db: Database, services: ZhengwuServices, now: Date) async throws -> WarningRules {
        guard let text = try await services.siteSettings.value(key, on: db, now: now),
              let rules = try? JSONDecoder().decode(WarningRules.self, from: Data(text.utf8)) else { return .defaults }
        return rules
    }

    static func current(on req: Request) async throws -> WarningRules {
        try await current(on: req.db, services: req.zhengwu, now: req.now)
    }
}

/// A due date as lists and pages show it: the warning level's colour and the days left or
/// overdue in words. Every place that shows a deadline builds it here, from the same rules.
struct DeadlineMark: Encodable {
    let level: String
    let badge: String
    let text: String

    static func badge(_ level: WarningLevel) -> String {
        switch level {
        case .red: "badge-danger"
        case .yellow: "badge-warn"
        case .normal: "badge-ok"
        case .paused: "badge-muted"
        }
    }

    /// Nil without a due date. `start` nil (an old row) measures by days left alone.
    static func make(start: String?, due: String?, paused: Bool, rules: WarningRules, today: LocalDate,
                     calendar: WorkingCalendar, on req: Request) -> DeadlineMark? {
        guard let due = due.flatMap(LocalDate.init(iso:)) else { return nil }
        let first = start.flatMap(LocalDate.init(iso:)) ?? due
        let level = rules.level(start: first, due: due, today: today, paused: paused, calendar: calendar)
        let left = TimeBudget(start: first, due: due, today: today, calendar: calendar).left
        let text = level == .paused ? req.t("warning.paused")
            : left < 0 ? req.t("queue.overdue", ["days": String(-left)]) : req.t("queue.days_left", ["days": String(left)])
        return DeadlineMark(level: level.rawValue, badge: badge(level), text: text)
    }
}

extension Request {
    /// The signed-in supervisor, or forbidden: every supervision and performance page asks this.
    func requireSupervisor(_ action: SupervisionPolicy.Action = .watch) throws -> Actor {
        guard let actor = try requireSignedIn().completeActor, SupervisionPolicy.permits(actor, action) else { throw AppError.forbidden }
        return actor
    }
}

/// Which clock of a case runs now: the 5-day acceptance clock from receipt while acceptance is
/// pending, then the promised limit from acceptance. Lists, the board and the charts agree on it.
enum CaseClock {
    static func current(status: CaseStatus, receivedOn: String?, acceptanceDueOn: String?, acceptedOn: String?,
                        decisionDueOn: String?) -> (start: String?, due: String?) {
        status.awaitsAcceptance ? (receivedOn, acceptanceDueOn) : (acceptedOn, decisionDueOn)
    }
}
