/// Why an administrator's arrangement text (节假日安排导入) was refused, and on which line.
///
/// The text comes from a person copying a State Council notice by hand, so every mistake names
/// its 1-based line and what is wrong there; nothing half-read is ever loaded.
public struct ArrangementParseError: Error, Equatable, Sendable, UserFacingError {
    public enum Reason: Sendable, Equatable {
        /// No `year` line, or a holiday/workday line before it.
        case missingYear
        /// A second `year` line.
        case duplicateYear
        /// The `year` value is not a four-digit year.
        case badYear(String)
        /// No `source` line, or one with nothing after the word.
        case missingSource
        /// A second `source` line.
        case duplicateSource
        /// The first word is not `year`, `source`, `holiday` or `workday`.
        case unknownDirective(String)
        /// A holiday or workday line without the holiday's name.
        case missingName
        /// A holiday or workday line without a date.
        case missingDate
        /// Not a real date written as `YYYY-MM-DD`.
        case badDate(String)
        /// Something after the last date the line can hold.
        case unexpectedValue(String)
        /// A date too far from the arrangement's year (see `HolidayArrangement.parse`).
        case dateOutsideYear(String)
        /// A holiday whose last day comes before its first day.
        case rangeReversed
        /// A makeup workday (调休上班) on Monday–Friday: those are working days already.
        case makeupDayNotWeekend(String)
        /// The same day both off (放假) and worked (上班).
        case dayBothHolidayAndWorkday(String)
        /// The same day in two holidays, or two workday lines for one day.
        case dayListedTwice(String)
        /// A makeup workday naming a holiday the text does not declare.
        case unknownHoliday(String)
        /// A year with no holiday at all: almost certainly a truncated file.
        case noHolidays
    }

    /// 1-based line number in the imported text.
    public let line: Int
    public let reason: Reason

    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    public var message: LocalizedMessage {
        let line = String(self.line)
        func message(_ suffix: String, value: String? = nil) -> LocalizedMessage {
            var arguments = ["line": line]
            if let value { arguments["value"] = value }
            return LocalizedMessage("calendar.import.\(suffix)", arguments)
        }
        return switch reason {
        case .missingYear: message("missing_year")
        case .duplicateYear: message("duplicate_year")
        case .badYear(let value): message("bad_year", value: value)
        case .missingSource: message("missing_source")
        case .duplicateSource: message("duplicate_source")
        case .unknownDirective(let value): message("unknown_directive", value: value)
        case .missingName: message("missing_name")
        case .missingDate: message("missing_date")
        case .badDate(let value): message("bad_date", value: value)
        case .unexpectedValue(let value): message("unexpected_value", value: value)
        case .dateOutsideYear(let value): message("date_outside_year", value: value)
        case .rangeReversed: message("range_reversed")
        case .makeupDayNotWeekend(let value): message("makeup_not_weekend", value: value)
        case .dayBothHolidayAndWorkday(let value): message("day_both_holiday_and_workday", value: value)
        case .dayListedTwice(let value): message("day_listed_twice", value: value)
        case .unknownHoliday(let value): message("unknown_holiday", value: value)
        case .noHolidays: message("no_holidays")
        }
    }
}
