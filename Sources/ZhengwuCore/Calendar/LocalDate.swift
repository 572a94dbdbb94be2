import Foundation

/// A calendar day without a time or a zone (日期), as the law counts it.
///
/// Legal time limits (法定时限) are counted in whole days, and a day means the same thing whatever
/// server clock or zone reads it; keeping days apart from instants (`Date`) stops a deadline from
/// moving by a day when a time zone is applied twice or forgotten. Arithmetic uses a
/// days-from-civil conversion (proleptic Gregorian), so adding thousands of days costs a few
/// integer operations and needs no Foundation `Calendar`.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 = January … 12 = December.
    public let month: Int
    public let day: Int

    /// The day, or nil when it does not exist (2025-02-29, 2026-04-31, month 13).
    /// Years are limited to 1…9999, the range the four-digit ISO form can write.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysInMonth(month, of: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`: the form used in data files, URLs and forms.
    /// Anything looser (no padding, a time part, other separators) is refused rather than
    /// guessed at, because a misread date silently moves a deadline.
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day on which `date` falls on a wall clock in `timeZone` (for China: Asia/Shanghai).
    public init(_ date: Date, in timeZone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        self.init(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// Builds a day already known to be valid (built-in tables, arithmetic results).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        // Arithmetic can leave 1…9999; write such years in the ISO 8601 expanded form.
        let yearText = (1...9999).contains(year) ? pad(year, 4) : (year < 0 ? "-" : "+") + pad(abs(year), 6)
        return "\(yearText)-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// ISO weekday: 1 = Monday … 7 = Sunday (星期一 … 星期日).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        LocalDate.floorMod(daysSinceEpoch + 3, 7) + 1
    }

    /// Saturday or Sunday (周末).
    public var isWeekend: Bool { weekday >= 6 }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from `other` to `self`: positive when `self` is later.
    public func daysSince(_ other: LocalDate) -> Int {
        daysSinceEpoch - other.daysSinceEpoch
    }

    /// Whole days from `rhs` to `lhs`, so `a - b == a.daysSince(b)`.
    public static func - (lhs: LocalDate, rhs: LocalDate) -> Int {
        lhs.daysSince(rhs)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The instant this day begins on a wall clock in `timeZone`.
    public func startOfDay(in timeZone: TimeZone) -> Date {
        instant(atMinute: 0, in: timeZone)
    }

    /// The instant the wall clock in `timeZone` shows `minute` minutes after this day's midnight.
    /// A zone offset depends on the instant, so the offset is looked up at the first guess and
    /// then once more at the corrected instant (enough for any daylight-saving shift).
    public func instant(atMinute minute: Int, in timeZone: TimeZone) -> Date {
        let wall = Double(daysSinceEpoch * 86_400 + minute * 60)
        let firstGuess = wall - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall)))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: firstGuess))
        return Date(timeIntervalSince1970: wall - Double(offset))
    }

    // MARK: Days from civil

    /// Days since 1970-01-01 (negative before): the single number all arithmetic goes through.
    var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil: years start in March so the leap day comes last.
        let y = month <= 2 ? year - 1 : year
        let era = LocalDate.floorDiv(y, 400)
        let yearOfEra = y - era * 400                                   // 0…399
        let shiftedMonth = month > 2 ? month - 3 : month + 9            // March = 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1          // 0…365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch`.
    init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = LocalDate.floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097                                                  // 0…146096
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)    // 0…365
        let shiftedMonth = (5 * dayOfYear + 2) / 153                                      // March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorMod(_ a: Int, _ b: Int) -> Int {
        a - floorDiv(a, b) * b
    }

    // MARK: Codable as the ISO string

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a date as YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
