import Foundation

/// The working-day calendar (工作日历) that every legal time limit is counted on.
///
/// In China a calendar that knows only "weekends and holidays" is wrong: the State Council
/// moves days, so it must know both weekday holidays (放假) and working weekends (调休上班).
/// Days are Monday–Friday unless a loaded arrangement says otherwise; a year with no loaded
/// arrangement still counts Monday–Friday, but reports itself (`hasArrangement(forYear:)`,
/// `DayKind.unarranged`, `DeadlineExplanation.yearsWithoutArrangement`) so the fallback is
/// never silent.
///
/// Counting rule of the law (and of this type): the day of receipt is day 0, counting starts
/// on the next working day, and the deadline is the end of the Nth working day.
public struct WorkingCalendar: Sendable {
    /// The loaded arrangements, one per year, oldest first.
    public let arrangements: [HolidayArrangement]
    public let officeHours: OfficeHours
    /// The zone whose wall clock decides which day an instant falls on.
    public let timeZone: TimeZone

    private let arrangedYears: Set<Int>
    /// Every day an arrangement mentions, keyed by days since 1970-01-01.
    private let arrangedDays: [Int: DayKind]
    /// The keys of `arrangedDays`, sorted, for range queries.
    private let arrangedDayNumbers: [Int]

    /// China Standard Time (北京时间, Asia/Shanghai); a fixed UTC+8 if the zone database lacks it.
    public static let chinaStandardTime: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// The built-in arrangements, default office hours, Asia/Shanghai.
    public static let `default` = WorkingCalendar(arrangements: HolidayArrangement.builtIn)

    /// When two arrangements have the same year, the later one in the list wins; when two
    /// arrangements mention the same day (a notice reaching across the new year), the one for
    /// the later year wins, being the more recent notice.
    public init(
        arrangements: [HolidayArrangement],
        officeHours: OfficeHours = .default,
        timeZone: TimeZone = WorkingCalendar.chinaStandardTime
    ) {
        var byYear: [Int: HolidayArrangement] = [:]
        for arrangement in arrangements { byYear[arrangement.year] = arrangement }
        let sorted = byYear.values.sorted { $0.year < $1.year }

        var days: [Int: DayKind] = [:]
        for arrangement in sorted {
            for holiday in arrangement.holidays {
                for day in holiday.days { days[day.daysSinceEpoch] = .holiday(name: holiday.name) }
            }
            for workday in arrangement.makeupWorkdays {
                days[workday.date.daysSinceEpoch] = .makeupWorkday(holidayName: workday.holidayName)
            }
        }
        self.arrangements = sorted
        self.officeHours = officeHours
        self.timeZone = timeZone
        self.arrangedYears = Set(byYear.keys)
        self.arrangedDays = days
        self.arrangedDayNumbers = days.keys.sorted()
    }

    /// The same calendar with `arrangement` loaded, replacing any arrangement for its year
    /// (how next year's notice, or a corrected one, takes effect).
    public func replacing(_ arrangement: HolidayArrangement) -> WorkingCalendar {
        WorkingCalendar(
            arrangements: arrangements.filter { $0.year != arrangement.year } + [arrangement],
            officeHours: officeHours,
            timeZone: timeZone
        )
    }

    /// The loaded arrangement for `year`, e.g. to show it for editing as `text`.
    public func arrangement(forYear year: Int) -> HolidayArrangement? {
        arrangements.first { $0.year == year }
    }

    /// Whether the State Council arrangement for `year` is loaded; when not, that year is
    /// counted Monday–Friday and callers should show a warning.
    public func hasArrangement(forYear year: Int) -> Bool {
        arrangedYears.contains(year)
    }

    public func dayKind(_ date: LocalDate) -> DayKind {
        if let kind = arrangedDays[date.daysSinceEpoch] { return kind }
        let weekend = date.isWeekend
        guard hasArrangement(forYear: date.year) else { return .unarranged(weekend: weekend) }
        return weekend ? .weekend : .workday
    }

    /// Whether `date` counts toward a time limit (a year without arrangement: Monday–Friday).
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        isWorkingDay(daysSinceEpoch: date.daysSinceEpoch)
    }

    // MARK: Counting days

    /// The day a limit of `n` working days ends, counted from `start` (the day of receipt,
    /// day 0). Paused days (补正 waiting for the applicant, 特别程序 special procedures) are not
    /// counted even when they are working days. `n == 0` returns `start`.
    ///
    /// Runs in time proportional to n / 5 plus the number of arranged and paused days crossed:
    /// stretches of plain weeks are skipped five working days at a time.
    public func addingWorkingDays(_ n: Int, to start: LocalDate, pausedDays: Set<LocalDate> = []) -> LocalDate {
        precondition(n >= 0, "A time limit cannot be negative")
        guard n > 0 else { return start }
        let paused = pausedDays.map(\.daysSinceEpoch).sorted()
        var day = start.daysSinceEpoch
        var remaining = n
        var nextArranged = Self.firstIndex(in: arrangedDayNumbers, after: day)
        var nextPaused = Self.firstIndex(in: paused, after: day)
        while true {
            while nextArranged < arrangedDayNumbers.count, arrangedDayNumbers[nextArranged] <= day { nextArranged += 1 }
            while nextPaused < paused.count, paused[nextPaused] <= day { nextPaused += 1 }
            let nextSpecial = min(
                nextArranged < arrangedDayNumbers.count ? arrangedDayNumbers[nextArranged] : Int.max,
                nextPaused < paused.count ? paused[nextPaused] : Int.max
            )
            // Seven plain days hold exactly five working days; stop a week short of the end.
            let plainWeeks = min((nextSpecial - day - 1) / 7, (remaining - 1) / 5)
            if plainWeeks > 0 {
                day += 7 * plainWeeks
                remaining -= 5 * plainWeeks
                continue
            }
            day += 1
            let isPaused = nextPaused < paused.count && paused[nextPaused] == day
            if !isPaused, isWorkingDay(daysSinceEpoch: day) {
                remaining -= 1
                if remaining == 0 { return LocalDate(daysSinceEpoch: day) }
            }
        }
    }

    /// Working days in (start, end] that are not paused: how much of a limit has been used by
    /// the end of `end`. 0 when `end` is not after `start`. Agrees with `addingWorkingDays`:
    /// `workingDays(after: s, through: addingWorkingDays(n, to: s)) == n`.
    ///
    /// Constant time for the Monday–Friday part; then one correction per arranged or paused day
    /// in the range.
    public func workingDays(after start: LocalDate, through end: LocalDate, pausedDays: Set<LocalDate> = []) -> Int {
        let first = start.daysSinceEpoch, last = end.daysSinceEpoch
        guard last > first else { return 0 }
        var count = Self.mondayToFridayCount(through: last) - Self.mondayToFridayCount(through: first)
        var index = Self.firstIndex(in: arrangedDayNumbers, after: first)
        while index < arrangedDayNumbers.count, arrangedDayNumbers[index] <= last {
            let day = arrangedDayNumbers[index]
            let ordinary = Self.isMondayToFriday(day)
            let arranged = arrangedDays[day]!.isWorkingDay
            count += (arranged ? 1 : 0) - (ordinary ? 1 : 0)
            index += 1
        }
        for date in pausedDays {
            let day = date.daysSinceEpoch
            if day > first, day <= last, isWorkingDay(daysSinceEpoch: day) { count -= 1 }
        }
        return count
    }

    /// The deadline with its workings shown, for the public calculator page (期限计算器): which
    /// days counted, which were skipped and why, and which years fell back to Monday–Friday.
    public func explainDeadline(
        from start: LocalDate, workingDays n: Int, pausedDays: Set<LocalDate> = []
    ) -> DeadlineExplanation {
        precondition(n >= 0, "A time limit cannot be negative")
        var counted: [LocalDate] = []
        var skipped: [DeadlineExplanation.SkippedDay] = []
        var missingYears: [Int] = []
        var date = start
        while counted.count < n {
            date = date.adding(days: 1)
            if !hasArrangement(forYear: date.year), missingYears.last != date.year { missingYears.append(date.year) }
            let kind = dayKind(date)
            if !kind.isWorkingDay {
                let reason: DeadlineExplanation.SkippedDay.Reason =
                    if case .holiday(let name) = kind { .holiday(name: name) } else { .weekend }
                skipped.append(.init(date: date, kind: kind, reason: reason))
            } else if pausedDays.contains(date) {
                skipped.append(.init(date: date, kind: kind, reason: .paused))
            } else {
                counted.append(date)
            }
        }
        return DeadlineExplanation(
            start: start,
            workingDays: n,
            due: counted.last ?? start,
            countedDays: counted,
            skippedDays: skipped,
            yearsWithoutArrangement: missingYears
        )
    }

    // MARK: Helpers on day numbers

    func isWorkingDay(daysSinceEpoch day: Int) -> Bool {
        if let kind = arrangedDays[day] { return kind.isWorkingDay }
        return Self.isMondayToFriday(day)
    }

    private static func isMondayToFriday(_ day: Int) -> Bool {
        // 1970-01-05 (day 4) was a Monday.
        LocalDate.floorMod(day - 4, 7) < 5
    }

    /// Monday–Friday days from a fixed Monday up to and including `day`; only differences matter.
    private static func mondayToFridayCount(through day: Int) -> Int {
        let sinceMonday = day - 4
        let weeks = LocalDate.floorDiv(sinceMonday, 7)
        return 5 * weeks + min(sinceMonday - 7 * weeks + 1, 5)
    }

    /// Index of the first element greater than `value` in a sorted array.
    private static func firstIndex(in sorted: [Int], after value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
