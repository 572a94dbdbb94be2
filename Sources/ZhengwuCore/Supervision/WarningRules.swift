/// How close to its deadline a running clock is (电子监察): yellow (黄牌预警) with few working
/// days left or most of the time used, red (红牌) once overdue. Every list, page, dashboard and
/// the watch job ask this one type, so a case shows the same colour wherever it appears.
public enum WarningLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case normal
    case yellow
    case red
    /// The clock stands still (waiting for the applicant's material, a special procedure):
    /// nothing is due while it does.
    case paused

    private var rank: Int {
        switch self {
        case .paused: 0
        case .normal: 1
        case .yellow: 2
        case .red: 3
        }
    }

    public static func < (lhs: WarningLevel, rhs: WarningLevel) -> Bool { lhs.rank < rhs.rank }

    public var messageKey: String { "warning.\(rawValue)" }
}

/// The thresholds, set by the supervisor role; the defaults are approval.md's.
public struct WarningRules: Codable, Sendable, Equatable {
    /// Yellow with this many working days or fewer left, today included.
    public var yellowDaysLeft: Int
    /// Yellow once this share (percent) of the allotted working days is used.
    public var yellowPercentUsed: Int

    public static let defaults = WarningRules(yellowDaysLeft: 2, yellowPercentUsed: 80)
    public static let daysLeftRange = 0...10
    public static let percentRange = 1...100

    public init(yellowDaysLeft: Int, yellowPercentUsed: Int) {
        self.yellowDaysLeft = yellowDaysLeft
        self.yellowPercentUsed = yellowPercentUsed
    }

    public enum Problem: Error, Equatable, Sendable, UserFacingError {
        case daysLeftOutOfRange
        case percentOutOfRange

        public var message: LocalizedMessage {
            switch self {
            case .daysLeftOutOfRange:
                LocalizedMessage("warning_rules.days_range", ["min": String(WarningRules.daysLeftRange.lowerBound),
                                                              "max": String(WarningRules.daysLeftRange.upperBound)])
            case .percentOutOfRange:
                LocalizedMessage("warning_rules.percent_range", ["min": String(WarningRules.percentRange.lowerBound),
                                                                 "max": String(WarningRules.percentRange.upperBound)])
            }
        }
    }

    /// The problems with these values, none when they can be saved.
    public var problems: [Problem] {
        (Self.daysLeftRange.contains(yellowDaysLeft) ? [] : [.daysLeftOutOfRange])
            + (Self.percentRange.contains(yellowPercentUsed) ? [] : [.percentOutOfRange])
    }

    /// The level of a clock that started on `start` (the day of acceptance, or the day a step's
    /// stage opened) and is due on `due`, as of `today`. Pauses are in `due` already (they move
    /// it); `paused` says whether one is running now.
    public func level(start: LocalDate, due: LocalDate, today: LocalDate, paused: Bool = false,
                      calendar: WorkingCalendar) -> WarningLevel {
        if paused { return .paused }
        let budget = TimeBudget(start: start, due: due, today: today, calendar: calendar)
        if budget.left < 0 { return .red }
        // A clock due the day it starts (即办件) has no share to measure, only days left.
        let mostlyUsed = budget.allotted > 0 && budget.used * 100 >= budget.allotted * yellowPercentUsed
        if budget.left <= yellowDaysLeft || mostlyUsed { return .yellow }
        return .normal
    }
}

/// Working days allotted to a clock, used before today and left from today (today included;
/// negative once overdue), counted with the holiday calendar.
public struct TimeBudget: Sendable, Equatable {
    public let allotted: Int
    public let used: Int
    public let left: Int

    public init(start: LocalDate, due: LocalDate, today: LocalDate, calendar: WorkingCalendar) {
        allotted = calendar.workingDays(after: start, through: due)
        used = calendar.workingDays(after: start, through: today.adding(days: -1))
        // Counting starts the day after the start (the start day is not used), except for a clock
        // due the day it starts, which has that day.
        left = calendar.workingDaysLeft(until: due, today: today > start ? today : min(start.adding(days: 1), due))
    }
}
