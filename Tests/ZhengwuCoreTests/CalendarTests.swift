import Foundation
import Testing
@testable import ZhengwuCore

@Suite("LocalDate")
struct LocalDateTests {
    @Test(arguments: [
        (2024, 2, 29, true), (2025, 2, 29, false), (1900, 2, 29, false), (2000, 2, 29, true),
        (2026, 4, 31, false), (2026, 12, 31, true), (2026, 13, 1, false), (2026, 0, 1, false),
        (2026, 1, 0, false), (0, 1, 1, false), (10000, 1, 1, false),
    ])
    func validatesRealDates(year: Int, month: Int, day: Int, exists: Bool) {
        #expect((LocalDate(year: year, month: month, day: day) != nil) == exists)
    }

    @Test(arguments: ["2026-2-10", "2026-02-10T00:00", "2026/02/10", " 2026-02-10", "20260210", "2026-02-30", "２０２６-02-10", ""])
    func refusesAnythingButStrictISO(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func parsesAndWritesISO() throws {
        let date = try #require(LocalDate(iso: "0987-03-04"))
        #expect(date.year == 987 && date.month == 3 && date.day == 4)
        #expect(date.iso == "0987-03-04")
        #expect("\(day("2026-02-10"))" == "2026-02-10")
    }

    @Test(arguments: [("1970-01-01", 4), ("2000-01-01", 6), ("2026-02-10", 2), ("2026-03-16", 1), ("2026-02-15", 7), ("1600-03-01", 3)])
    func weekday(_ iso: String, expected: Int) {
        #expect(day(iso).weekday == expected)
    }

    @Test func arithmeticAcrossMonthsYearsAndLeapDays() {
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2025-02-28").adding(days: 1) == day("2025-03-01"))
        #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
        #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
        #expect(day("2026-03-16") - day("2026-02-10") == 34)
        #expect(day("2026-02-10").daysSince(day("2026-03-16")) == -34)
        #expect(day("2000-01-01").adding(days: 146_097) == day("2400-01-01"))
    }

    @Test func agreesWithFoundationGregorianCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var random = SeededGenerator(seed: 7)
        let base = day("1970-01-01")
        for _ in 0..<500 {
            // Foundation switches to the Julian calendar before October 1582, so stay after it.
            let offset = Int.random(in: -135_000...200_000, using: &random)
            let foundation = calendar.dateComponents([.year, .month, .day, .weekday],
                                                     from: Date(timeIntervalSince1970: Double(offset) * 86_400))
            let date = base.adding(days: offset)
            #expect(date.year == foundation.year && date.month == foundation.month && date.day == foundation.day)
            #expect(date.weekday == (foundation.weekday! + 5) % 7 + 1) // Foundation: 1 = Sunday
            #expect(date - base == offset)
        }
    }

    @Test func orderIsChronological() {
        #expect(day("2025-12-31") < day("2026-01-01"))
        #expect(day("2026-01-31") < day("2026-02-01"))
        #expect(!(day("2026-02-10") < day("2026-02-10")))
    }

    @Test func codableAsISOString() throws {
        let data = try JSONEncoder().encode([day("2026-02-10")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-02-10"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [day("2026-02-10")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }

    @Test func dayOfAnInstantDependsOnTheZone() {
        let moment = instant("2026-02-09T16:30:00Z") // 00:30 on the 10th in Beijing
        #expect(LocalDate(moment, in: WorkingCalendar.chinaStandardTime) == day("2026-02-10"))
        #expect(LocalDate(moment, in: TimeZone(identifier: "UTC")!) == day("2026-02-09"))
        #expect(LocalDate(instant("1969-12-31T23:59:59Z"), in: TimeZone(identifier: "UTC")!) == day("1969-12-31"))
    }

    @Test func startOfDay() {
        #expect(day("2026-02-10").startOfDay(in: WorkingCalendar.chinaStandardTime) == instant("2026-02-10T00:00:00+08:00"))
        #expect(day("2026-02-10").startOfDay(in: TimeZone(identifier: "UTC")!) == instant("2026-02-10T00:00:00Z"))
        // A zone with daylight saving: midnight after the spring-forward change.
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(day("2026-03-30").startOfDay(in: berlin) == instant("2026-03-30T00:00:00+02:00"))
        #expect(day("2026-03-28").startOfDay(in: berlin) == instant("2026-03-28T00:00:00+01:00"))
    }
}

@Suite("Working days")
struct WorkingDayTests {
    let calendar = WorkingCalendar.default

    /// Holiday periods as printed in calendar.md (typed here independently of the built-in tables).
    static let holidayPeriods: [(name: String, first: String, last: String)] = [
        ("元旦", "2025-01-01", "2025-01-01"), ("春节", "2025-01-28", "2025-02-04"),
        ("清明节", "2025-04-04", "2025-04-06"), ("劳动节", "2025-05-01", "2025-05-05"),
        ("端午节", "2025-05-31", "2025-06-02"), ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
        ("元旦", "2026-01-01", "2026-01-03"), ("春节", "2026-02-15", "2026-02-23"),
        ("清明节", "2026-04-04", "2026-04-06"), ("劳动节", "2026-05-01", "2026-05-05"),
        ("端午节", "2026-06-19", "2026-06-21"), ("中秋节", "2026-09-25", "2026-09-27"),
        ("国庆节", "2026-10-01", "2026-10-07"),
    ]

    static let makeupDays: [(date: String, holiday: String)] = [
        ("2025-01-26", "春节"), ("2025-02-08", "春节"), ("2025-04-27", "劳动节"),
        ("2025-09-28", "国庆节、中秋节"), ("2025-10-11", "国庆节、中秋节"),
        ("2026-01-04", "元旦"), ("2026-02-14", "春节"), ("2026-02-28", "春节"), ("2026-05-09", "劳动节"),
        ("2026-09-20", "国庆节"), ("2026-10-10", "国庆节"),
    ]

    @Test(arguments: holidayPeriods)
    func everyHolidayDayIsADayOff(period: (name: String, first: String, last: String)) {
        var date = day(period.first)
        while date <= day(period.last) {
            #expect(calendar.dayKind(date) == .holiday(name: period.name), "\(date)")
            #expect(!calendar.isWorkingDay(date), "\(date)")
            date = date.adding(days: 1)
        }
        // The days around the period are ordinary (or makeup) days, not part of it.
        for neighbour in [day(period.first).adding(days: -1), day(period.last).adding(days: 1)] {
            #expect(calendar.dayKind(neighbour) != .holiday(name: period.name), "\(neighbour)")
        }
    }

    @Test(arguments: makeupDays)
    func everyMakeupDayIsAWorkingWeekendDay(makeup: (date: String, holiday: String)) {
        let date = day(makeup.date)
        #expect(date.isWeekend)
        #expect(calendar.dayKind(date) == .makeupWorkday(holidayName: makeup.holiday))
        #expect(calendar.isWorkingDay(date))
    }

    @Test func builtInTablesHoldExactlyTheDaysOfCalendarMD() {
        for year in [2025, 2026] {
            var daysOff = 0, makeups = 0
            var date = LocalDate(year: year, month: 1, day: 1)!
            while date.year == year {
                switch calendar.dayKind(date) {
                case .holiday: daysOff += 1
                case .makeupWorkday: makeups += 1
                case .unarranged: Issue.record("\(date) should be arranged")
                case .workday, .weekend: break
                }
                date = date.adding(days: 1)
            }
            #expect(daysOff == (year == 2025 ? 28 : 33))
            #expect(makeups == (year == 2025 ? 5 : 6))
        }
    }

    @Test func ordinaryDays() {
        #expect(calendar.dayKind(day("2026-03-16")) == .workday)
        #expect(calendar.dayKind(day("2026-03-14")) == .weekend)
        #expect(calendar.dayKind(day("2026-03-15")) == .weekend)
        #expect(!calendar.isWorkingDay(day("2026-03-07")))
    }

    @Test func yearWithoutArrangementFallsBackToMondayToFridayVisibly() {
        #expect(calendar.hasArrangement(forYear: 2026))
        #expect(!calendar.hasArrangement(forYear: 2027))
        #expect(!calendar.hasArrangement(forYear: 2024))
        #expect(calendar.dayKind(day("2027-01-01")) == .unarranged(weekend: false))
        #expect(calendar.isWorkingDay(day("2027-01-01")))
        #expect(calendar.dayKind(day("2027-01-02")) == .unarranged(weekend: true))
        #expect(!calendar.isWorkingDay(day("2027-01-02")))
        #expect(calendar.dayKind(day("2024-10-01")) == .unarranged(weekend: false))
    }

    @Test func twentyWorkingDaysFrom10February2026EndOn16March() {
        #expect(calendar.addingWorkingDays(20, to: day("2026-02-10")) == day("2026-03-16"))
        #expect(calendar.workingDays(after: day("2026-02-10"), through: day("2026-03-16")) == 20)
        #expect(calendar.workingDays(after: day("2026-02-10"), through: day("2026-03-13")) == 19)
    }

    @Test func zeroDaysIsTheDayOfReceipt() {
        #expect(calendar.addingWorkingDays(0, to: day("2026-02-15")) == day("2026-02-15"))
        #expect(calendar.addingWorkingDays(1, to: day("2026-02-13")) == day("2026-02-14")) // makeup Saturday
        #expect(calendar.addingWorkingDays(1, to: day("2026-02-14")) == day("2026-02-24"))
    }

    @Test func acrossTheNewYear2025To2026() {
        // 26, 29, 30, 31 December, then 1–3 January off, then the makeup Sunday 4 January.
        #expect(calendar.addingWorkingDays(5, to: day("2025-12-25")) == day("2026-01-04"))
        #expect(calendar.addingWorkingDays(6, to: day("2025-12-25")) == day("2026-01-05"))
        let explanation = calendar.explainDeadline(from: day("2025-12-25"), workingDays: 5)
        #expect(explanation.yearsWithoutArrangement.isEmpty)
        #expect(explanation.skippedDays.map(\.date) ==
            ["2025-12-27", "2025-12-28", "2026-01-01", "2026-01-02", "2026-01-03"].map(day))
    }

    @Test func acrossTheNewYear2026To2027WithoutArrangement() throws {
        // 2027 is not loaded: 1 January 2027 (a Friday) counts as an ordinary weekday.
        #expect(calendar.addingWorkingDays(3, to: day("2026-12-30")) == day("2027-01-04"))
        let explanation = calendar.explainDeadline(from: day("2026-12-30"), workingDays: 3)
        #expect(explanation.due == day("2027-01-04"))
        #expect(explanation.yearsWithoutArrangement == [2027])
        #expect(explanation.countedDays == ["2026-12-31", "2027-01-01", "2027-01-04"].map(day))
        #expect(explanation.skippedDays.map(\.kind) == [.unarranged(weekend: true), .unarranged(weekend: true)])

        // Loading the 2027 notice moves the deadline and removes the warning.
        let arrangement2027 = try HolidayArrangement.parse("""
            year 2027
            source 国办发明电〔2026〕8号
            holiday 元旦 2027-01-01 2027-01-03
            """)
        let updated = calendar.replacing(arrangement2027)
        #expect(updated.hasArrangement(forYear: 2027))
        #expect(updated.hasArrangement(forYear: 2026))
        #expect(updated.addingWorkingDays(3, to: day("2026-12-30")) == day("2027-01-05"))
        #expect(updated.explainDeadline(from: day("2026-12-30"), workingDays: 3).yearsWithoutArrangement.isEmpty)
    }

    @Test func replacingAYearDropsItsOldDays() throws {
        let corrected = try HolidayArrangement.parse("""
            year 2026
            source 更正通知
            holiday 春节 2026-02-16 2026-02-20
            """)
        let updated = calendar.replacing(corrected)
        #expect(updated.arrangements.map(\.year) == [2025, 2026])
        #expect(updated.arrangement(forYear: 2026) == corrected)
        #expect(calendar.arrangement(forYear: 2026) == .y2026)
        #expect(calendar.arrangement(forYear: 2027) == nil)
        #expect(updated.dayKind(day("2026-02-14")) == .weekend)             // no longer a makeup day
        #expect(updated.dayKind(day("2026-10-01")) == .workday)             // old 国庆 gone
        #expect(updated.dayKind(day("2026-02-16")) == .holiday(name: "春节"))
    }

    @Test func pausedDaysAreNotCounted() {
        let paused: Set = [day("2026-02-11"), day("2026-02-12"), day("2026-02-16"), day("2026-03-01")]
        // Two working days paused (11, 12 Feb); 16 Feb is a holiday and 1 Mar a Sunday anyway.
        #expect(calendar.addingWorkingDays(20, to: day("2026-02-10"), pausedDays: paused) == day("2026-03-18"))
        #expect(calendar.workingDays(after: day("2026-02-10"), through: day("2026-03-18"), pausedDays: paused) == 20)
        // A paused makeup Saturday is not counted either.
        #expect(calendar.addingWorkingDays(1, to: day("2026-02-13"), pausedDays: [day("2026-02-14")]) == day("2026-02-24"))

        let explanation = calendar.explainDeadline(from: day("2026-02-10"), workingDays: 20, pausedDays: paused)
        #expect(explanation.due == day("2026-03-18"))
        let pausedSkips = explanation.skippedDays.filter { $0.reason == .paused }.map(\.date)
        #expect(pausedSkips == [day("2026-02-11"), day("2026-02-12")])
    }

    @Test func workingDaysOfAnEmptyOrBackwardRangeIsZero() {
        #expect(calendar.workingDays(after: day("2026-03-16"), through: day("2026-03-16")) == 0)
        #expect(calendar.workingDays(after: day("2026-03-16"), through: day("2026-02-10")) == 0)
        #expect(calendar.workingDays(after: day("2026-03-13"), through: day("2026-03-15")) == 0)
        #expect(calendar.workingDays(after: day("2026-03-13"), through: day("2026-03-16")) == 1)
    }

    @Test func explainsWhichDaysWereSkippedAndWhy() {
        let explanation = calendar.explainDeadline(from: day("2026-02-10"), workingDays: 20)
        #expect(explanation.due == day("2026-03-16"))
        #expect(explanation.countedDays.count == 20)
        #expect(explanation.countedDays.contains(day("2026-02-14")))
        #expect(explanation.countedDays.contains(day("2026-02-28")))
        #expect(explanation.countedDays.first == day("2026-02-11"))
        #expect(explanation.yearsWithoutArrangement.isEmpty)

        let holidays = explanation.skippedDays.filter { $0.reason == .holiday(name: "春节") }.map(\.date)
        #expect(holidays == (15...23).map { LocalDate(year: 2026, month: 2, day: $0)! })
        let weekends = explanation.skippedDays.filter { $0.reason == .weekend }.map(\.date)
        #expect(weekends == ["2026-03-01", "2026-03-07", "2026-03-08", "2026-03-14", "2026-03-15"].map(day))
        #expect(explanation.countedDays.count + explanation.skippedDays.count == 34)
        #expect(explanation.skippedDays[0].reason.message == LocalizedMessage("calendar.skip.holiday", ["name": "春节"]))
    }

    /// A plain day-by-day count, the definition the fast paths must agree with.
    private func slowDue(_ n: Int, from start: LocalDate, paused: Set<LocalDate>) -> LocalDate {
        var date = start, counted = 0
        while counted < n {
            date = date.adding(days: 1)
            if calendar.isWorkingDay(date), !paused.contains(date) { counted += 1 }
        }
        return date
    }

    @Test func fastCountsAgreeWithADayByDayCount() {
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<400 {
            let start = day("2024-06-01").adding(days: Int.random(in: 0...1_200, using: &random))
            let n = Int.random(in: 0...400, using: &random)
            var paused: Set<LocalDate> = []
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                paused.insert(start.adding(days: Int.random(in: -5...300, using: &random)))
            }
            let due = calendar.addingWorkingDays(n, to: start, pausedDays: paused)
            #expect(due == slowDue(n, from: start, paused: paused), "n=\(n) start=\(start)")
            #expect(calendar.workingDays(after: start, through: due, pausedDays: paused) == n)
            #expect(calendar.explainDeadline(from: start, workingDays: n, pausedDays: paused).due == due)
            if n > 0 {
                // The due day is the first day that completes the count.
                #expect(calendar.workingDays(after: start, through: due.adding(days: -1), pausedDays: paused) == n - 1)
            }
        }
    }

    @Test func largeLimitsAreFastAndConsistent() {
        let start = day("2026-01-01")
        let due = calendar.addingWorkingDays(250_000, to: start)
        #expect(calendar.workingDays(after: start, through: due) == 250_000)
        // Beyond the loaded years it is plain Monday–Friday: 250,000 days ≈ 50,000 weeks.
        #expect(due.year > 2900 && due.year < 3100)
    }
}

@Suite("Office hours")
struct OfficeHoursTests {
    @Test func defaultIsNineToFiveThirtyWithLunch() {
        #expect(OfficeHours.default.periods == [.init(start: 540, end: 720), .init(start: 810, end: 1050)])
        #expect(OfficeHours.default.minutesPerDay == 420)
    }

    @Test(arguments: [
        ([OfficeHours.Period](), OfficeHours.ValidationError.noPeriods),
        ([.init(start: -10, end: 60)], .outsideDay(period: 1)),
        ([.init(start: 540, end: 720), .init(start: 1000, end: 1500)], .outsideDay(period: 2)),
        ([.init(start: 540, end: 540)], .emptyPeriod(period: 1)),
        ([.init(start: 540, end: 720), .init(start: 700, end: 800)], .overlapsPrevious(period: 2)),
        ([.init(start: 810, end: 1050), .init(start: 540, end: 720)], .overlapsPrevious(period: 2)),
    ])
    func refusesBadPeriods(periods: [OfficeHours.Period], error: OfficeHours.ValidationError) {
        #expect(throws: error) { try OfficeHours(periods: periods) }
    }

    @Test func acceptsTouchingPeriodsAndWholeDay() throws {
        let hours = try OfficeHours(periods: [.init(start: 0, end: 720), .init(start: 720, end: 1440)])
        #expect(hours.minutesPerDay == 1440)
    }

    @Test func decodingValidates() throws {
        let good = Data(#"{"periods":[{"start":480,"end":720}]}"#.utf8)
        #expect(try JSONDecoder().decode(OfficeHours.self, from: good).minutesPerDay == 240)
        let bad = Data(#"{"periods":[{"start":720,"end":480}]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OfficeHours.self, from: bad) }
        let roundTrip = try JSONDecoder().decode(OfficeHours.self, from: JSONEncoder().encode(OfficeHours.default))
        #expect(roundTrip == .default)
    }
}
