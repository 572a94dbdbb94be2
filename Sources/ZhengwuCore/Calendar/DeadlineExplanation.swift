/// How a deadline in working days was reached, day by day, so a citizen or a supervisor
/// (电子监察) can check it against a printed calendar instead of trusting a number.
public struct DeadlineExplanation: Sendable, Equatable {
    /// A day passed over while counting, with the reason shown on the calculator page.
    public struct SkippedDay: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// Saturday or Sunday (周末) that is not a makeup workday.
            case weekend
            /// Statutory day off (法定节假日).
            case holiday(name: String)
            /// A working day during which the clock was stopped (补正, 特别程序).
            case paused

            public var message: LocalizedMessage {
                switch self {
                case .weekend: LocalizedMessage("calendar.skip.weekend")
                case .holiday(let name): LocalizedMessage("calendar.skip.holiday", ["name": name])
                case .paused: LocalizedMessage("calendar.skip.paused")
                }
            }
        }

        public let date: LocalDate
        public let kind: WorkingCalendar.DayKind
        public let reason: Reason
    }

    /// The day of receipt (day 0).
    public let start: LocalDate
    /// The limit, in working days.
    public let workingDays: Int
    /// The last day of the limit: the deadline is the end of this day.
    public let due: LocalDate
    /// The working days counted, in order; `countedDays.count == workingDays`.
    public let countedDays: [LocalDate]
    /// Days between `start` and `due` that did not count, in order.
    public let skippedDays: [SkippedDay]
    /// Years crossed whose arrangement is not loaded (counted Monday–Friday): show a warning.
    public let yearsWithoutArrangement: [Int]
}
