import Foundation

/// Office hours (办公时间) of a working day, for hour-level limits such as "a hotline ticket must
/// be signed for (签收) within 2 working hours".
///
/// Periods are minutes since local midnight so a lunch break is simply the gap between two
/// periods. Localities set their own hours; the default is 09:00–12:00 and 13:30–17:30.
public struct OfficeHours: Sendable, Equatable, Codable {
    /// One stretch of office time, `start` inclusive, `end` exclusive, in minutes since midnight.
    public struct Period: Sendable, Equatable, Codable {
        public let start: Int
        public let end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        public var minutes: Int { end - start }
    }

    /// Why a set of office hours was refused. `period` arguments are 1-based positions in the list.
    public enum ValidationError: Error, Equatable, Sendable, UserFacingError {
        /// No period at all: nothing could ever be counted.
        case noPeriods
        /// A period that starts before midnight or ends after the next midnight.
        case outsideDay(period: Int)
        /// A period that ends where (or before) it starts.
        case emptyPeriod(period: Int)
        /// A period that starts before the previous one ends.
        case overlapsPrevious(period: Int)

        public var message: LocalizedMessage {
            switch self {
            case .noPeriods: LocalizedMessage("calendar.office_hours.no_periods")
            case .outsideDay(let period): LocalizedMessage("calendar.office_hours.outside_day", ["period": String(period)])
            case .emptyPeriod(let period): LocalizedMessage("calendar.office_hours.empty_period", ["period": String(period)])
            case .overlapsPrevious(let period): LocalizedMessage("calendar.office_hours.overlap", ["period": String(period)])
            }
        }
    }

    /// Ordered, non-overlapping periods within one day.
    public let periods: [Period]

    /// Checks that the periods are each non-empty, within 00:00–24:00, in order and
    /// non-overlapping (touching is allowed), so counting never double-counts a minute.
    public init(periods: [Period]) throws(ValidationError) {
        guard !periods.isEmpty else { throw .noPeriods }
        for (index, period) in periods.enumerated() {
            guard period.start >= 0, period.end <= 24 * 60 else { throw .outsideDay(period: index + 1) }
            guard period.start < period.end else { throw .emptyPeriod(period: index + 1) }
            if index > 0, period.start < periods[index - 1].end { throw .overlapsPrevious(period: index + 1) }
        }
        self.periods = periods
    }

    private init(unchecked periods: [Period]) {
        self.periods = periods
    }

    /// 09:00–12:00 and 13:30–17:30.
    public static let `default` = OfficeHours(unchecked: [
        Period(start: 9 * 60, end: 12 * 60),
        Period(start: 13 * 60 + 30, end: 17 * 60 + 30),
    ])

    /// Office minutes in one working day.
    public var minutesPerDay: Int { periods.reduce(0) { $0 + $1.minutes } }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let periods = try container.decode([Period].self, forKey: .periods)
        do {
            try self.init(periods: periods)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .periods, in: container, debugDescription: "Invalid office hours: \(error)")
        }
    }
}
