import ZhengwuCore

/// Who may act on 好差评 rectifications, decided once: the responsible department's handlers and
/// head fix or appeal; the hotline office records the follow-up call of a named bad review;
/// supervisors decide appeals and see every task; window clerks offer the rating page.
enum RatingPolicy {
    enum Action {
        case fix(departmentID: String)
        case followUp
        case decideAppeal
        case rateAtWindow
    }

    static func permits(_ actor: Actor, _ action: Action) -> Bool {
        guard actor.kind == .staff else { return false }
        switch action {
        case .fix(let department): return TicketPolicy.permits(actor, .handle(departmentID: department))
        case .followUp: return TicketPolicy.permits(actor, .followUp)
        case .decideAppeal: return TicketPolicy.permits(actor, .decideAppeal)
        case .rateAtWindow: return actor.has(.windowClerk)
        }
    }

    /// Whose tasks a list shows: nil for every department.
    static func departmentScope(_ actor: Actor) -> String?? {
        if actor.has(.supervisor) || actor.has(.hotlineOperator) { return .some(nil) }
        if actor.hasAny([.departmentHandler, .departmentHead]), let department = actor.departmentID { return .some(department) }
        return nil
    }
}
