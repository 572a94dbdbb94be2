/// Cases worth a supervisor's look (异常提示), each with the facts that raised it, so the flag
/// explains itself. They are hints, not findings: a fast decision may be sound.
public enum Anomaly: Sendable, Equatable {
    /// Decided in fewer working days than the workflow plausibly needs: one per hand-over
    /// between its stages.
    case decidedTooFast(usedDays: Int, stages: Int, minimumDays: Int)
    /// Sent back (退回) more than twice.
    case returnedOften(count: Int)
    /// 延期 asked for on the last day of the limit (or later).
    case extendedOnLastDay(dueOn: LocalDate)
    /// The applicant came in person more often than the item promises (最多跑一次).
    case visitedOften(visits: Int, promised: Int)

    public var kind: String {
        switch self {
        case .decidedTooFast: "decided_too_fast"
        case .returnedOften: "returned_often"
        case .extendedOnLastDay: "extended_on_last_day"
        case .visitedOften: "visited_often"
        }
    }

    public var message: LocalizedMessage {
        switch self {
        case .decidedTooFast(let used, let stages, let minimum):
            LocalizedMessage("anomaly.decided_too_fast", ["used": String(used), "stages": String(stages), "minimum": String(minimum)])
        case .returnedOften(let count):
            LocalizedMessage("anomaly.returned_often", ["count": String(count)])
        case .extendedOnLastDay(let due):
            LocalizedMessage("anomaly.extended_on_last_day", ["due": due.iso])
        case .visitedOften(let visits, let promised):
            LocalizedMessage("anomaly.visited_often", ["visits": String(visits), "promised": String(promised)])
        }
    }

    /// Returns tolerated before a case is flagged.
    public static let returnsTolerated = 2

    /// A decision after `usedDays` on a workflow of `stages` stages.
    public static func afterDecision(usedDays: Int, stages: Int) -> Anomaly? {
        let minimum = stages - 1
        return minimum > 0 && usedDays < minimum ? .decidedTooFast(usedDays: usedDays, stages: stages, minimumDays: minimum) : nil
    }

    /// After a return, with `returns` returns in all so far.
    public static func afterReturn(returns: Int) -> Anomaly? {
        returns > returnsTolerated ? .returnedOften(count: returns) : nil
    }

    /// An extension asked for `today` on a case that was due on `dueBefore`.
    public static func afterExtension(today: LocalDate, dueBefore: LocalDate) -> Anomaly? {
        today >= dueBefore ? .extendedOnLastDay(dueOn: dueBefore) : nil
    }

    /// After a visit, `visits` in all against the item's promise.
    public static func afterVisit(visits: Int, promised: Int) -> Anomaly? {
        visits > promised ? .visitedOften(visits: visits, promised: promised) : nil
    }
}
