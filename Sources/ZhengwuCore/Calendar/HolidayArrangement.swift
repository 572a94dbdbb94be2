/// One year's statutory holiday arrangement (节假日安排) as published by the General Office of the
/// State Council (国务院办公厅) each November.
///
/// The arrangement is data, not code: the notice lists days off (放假) and the weekend days that
/// become working days in exchange (调休上班), and an administrator loads next year's notice
/// without a new release (see `HolidayArrangement+Text.swift`).
public struct HolidayArrangement: Sendable, Equatable, Codable {
    /// A holiday period (放假): every day from `firstDay` through `lastDay` is a day off.
    public struct Holiday: Sendable, Equatable, Codable {
        /// The name as the notice writes it, e.g. 春节 (Spring Festival).
        public var name: String
        public var firstDay: LocalDate
        /// Inclusive: the last day off.
        public var lastDay: LocalDate

        public init(name: String, firstDay: LocalDate, lastDay: LocalDate) {
            self.name = name
            self.firstDay = firstDay
            self.lastDay = lastDay
        }

        /// Every day off in the period, in order.
        public var days: [LocalDate] {
            guard firstDay <= lastDay else { return [] }
            return (0...lastDay.daysSince(firstDay)).map { firstDay.adding(days: $0) }
        }
    }

    /// Makeup workday (调休上班): a Saturday or Sunday worked in exchange for a holiday's extra days.
    public struct MakeupWorkday: Sendable, Equatable, Codable {
        public var date: LocalDate
        /// The holiday this day pays for, so a calculator can say why a Sunday counted.
        public var holidayName: String

        public init(date: LocalDate, holidayName: String) {
            self.date = date
            self.holidayName = holidayName
        }
    }

    public var year: Int
    /// The notice it comes from, e.g. 国办发明电〔2024〕12号, so anyone can check a deadline
    /// against the official text.
    public var source: String
    public var holidays: [Holiday]
    public var makeupWorkdays: [MakeupWorkday]

    public init(year: Int, source: String, holidays: [Holiday], makeupWorkdays: [MakeupWorkday]) {
        self.year = year
        self.source = source
        self.holidays = holidays
        self.makeupWorkdays = makeupWorkdays
    }
}
