extension WorkingCalendar {
    /// What kind of day a date is for counting legal time limits (工作日 or not, and why).
    public enum DayKind: Sendable, Equatable, Hashable {
        /// Ordinary Monday–Friday working day (工作日) in a year with a loaded arrangement.
        case workday
        /// Ordinary Saturday or Sunday (周末) in a year with a loaded arrangement.
        case weekend
        /// Statutory day off (法定节假日 / 放假), even when it falls on a weekday.
        case holiday(name: String)
        /// Makeup workday (调休上班): a Saturday or Sunday worked in exchange for a holiday.
        case makeupWorkday(holidayName: String)
        /// A day in a year whose arrangement is not loaded: counted as Monday–Friday, but marked so
        /// the fallback is visible (staff warning, log) instead of silently wrong.
        case unarranged(weekend: Bool)

        /// Whether the day counts toward a time limit.
        public var isWorkingDay: Bool {
            switch self {
            case .workday, .makeupWorkday: true
            case .weekend, .holiday: false
            case .unarranged(let weekend): !weekend
            }
        }
    }
}
