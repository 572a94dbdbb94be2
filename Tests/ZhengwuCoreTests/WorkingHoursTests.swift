import Foundation
import Testing
@testable import ZhengwuCore

@Suite("Working hours")
struct WorkingHoursTests {
    let calendar = WorkingCalendar.default

    @Test(arguments: [
        // Within the morning; ending exactly at lunch stays at 12:00, not 13:30.
        ("2026-03-16 09:00", 60, "2026-03-16 10:00"),
        ("2026-03-16 10:00", 120, "2026-03-16 12:00"),
        // Across lunch.
        ("2026-03-16 11:00", 120, "2026-03-16 14:30"),
        // Across an evening: 30 minutes today, 90 tomorrow morning.
        ("2026-03-16 17:00", 120, "2026-03-17 10:30"),
        // Across a weekend: Friday afternoon to Monday morning.
        ("2026-03-20 17:00", 120, "2026-03-23 10:30"),
        // Across the National Day holiday (1–7 Oct 2026) to Thursday 8 Oct.
        ("2026-09-30 17:00", 120, "2026-10-08 10:30"),
        // Into a makeup Saturday (10 Oct 2026).
        ("2026-10-09 17:00", 120, "2026-10-10 10:30"),
        // Across the Spring Festival, landing on the makeup Saturday before it, then after it.
        ("2026-02-13 17:00", 60, "2026-02-14 09:30"),
        ("2026-02-14 17:00", 60, "2026-02-24 09:30"),
        // Starting outside office hours: before opening, at lunch, in the evening, on a weekend.
        ("2026-03-16 07:00", 60, "2026-03-16 10:00"),
        ("2026-03-16 12:30", 60, "2026-03-16 14:30"),
        ("2026-03-16 20:00", 60, "2026-03-17 10:00"),
        ("2026-03-21 10:00", 60, "2026-03-23 10:00"),
        // A whole working day and a bit.
        ("2026-03-16 09:00", 420, "2026-03-16 17:30"),
        ("2026-03-16 09:00", 421, "2026-03-17 09:01"),
        // 2027 is not loaded: 1 January 2027 (Friday) is counted as a weekday.
        ("2026-12-31 17:00", 60, "2027-01-01 09:30"),
    ])
    func deadlines(start: String, minutes: Int, due: String) {
        #expect(calendar.addingWorkingMinutes(minutes, to: beijing(start)) == beijing(due))
        #expect(calendar.workingMinutes(from: beijing(start), to: beijing(due)) == minutes)
    }

    @Test func zeroMinutesIsTheStartEvenOutsideHours() {
        #expect(calendar.addingWorkingMinutes(0, to: beijing("2026-03-21 23:00")) == beijing("2026-03-21 23:00"))
    }

    @Test func secondsAreKept() {
        let start = instant("2026-03-16T10:00:30.500+08:00")
        #expect(calendar.addingWorkingMinutes(1, to: start) == instant("2026-03-16T10:01:30.500+08:00"))
        #expect(calendar.addingWorkingMinutes(120, to: start) == instant("2026-03-16T13:30:30.500+08:00"))
    }

    @Test func pausesStopTheClock() {
        let morningPause = DateInterval(start: beijing("2026-03-16 09:30"), end: beijing("2026-03-16 10:30"))
        #expect(calendar.addingWorkingMinutes(120, to: beijing("2026-03-16 09:00"), pauses: [morningPause]) == beijing("2026-03-16 12:00"))

        // A pause over lunch into the afternoon: 60 minutes before it, 60 after 14:00.
        let overLunch = DateInterval(start: beijing("2026-03-16 11:00"), end: beijing("2026-03-16 14:00"))
        #expect(calendar.addingWorkingMinutes(120, to: beijing("2026-03-16 10:00"), pauses: [overLunch]) == beijing("2026-03-16 15:00"))

        // A pause lasting days, and one already running at the start.
        let long = DateInterval(start: beijing("2026-03-16 10:30"), end: beijing("2026-03-18 09:15"))
        #expect(calendar.addingWorkingMinutes(60, to: beijing("2026-03-16 10:00"), pauses: [long]) == beijing("2026-03-18 09:45"))
        #expect(calendar.addingWorkingMinutes(60, to: beijing("2026-03-17 10:00"), pauses: [long]) == beijing("2026-03-18 10:15"))

        // Overlapping and unsorted pauses are merged.
        let pauses = [
            DateInterval(start: beijing("2026-03-16 10:00"), end: beijing("2026-03-16 10:40")),
            DateInterval(start: beijing("2026-03-16 09:10"), end: beijing("2026-03-16 09:20")),
            DateInterval(start: beijing("2026-03-16 10:20"), end: beijing("2026-03-16 11:00")),
        ]
        // Counted: 09:00–09:10, 09:20–10:00, 11:00–11:10 = 60.
        #expect(calendar.addingWorkingMinutes(60, to: beijing("2026-03-16 09:00"), pauses: pauses) == beijing("2026-03-16 11:10"))
        #expect(calendar.workingMinutes(from: beijing("2026-03-16 09:00"), to: beijing("2026-03-16 12:00"), pauses: pauses) == 110)
    }

    @Test func workingMinutesBetweenInstants() {
        // 10:00–12:00, 13:30–17:30, next day 09:00–10:00.
        #expect(calendar.workingMinutes(from: beijing("2026-03-16 10:00"), to: beijing("2026-03-17 10:00")) == 420)
        // A whole week of five working days.
        #expect(calendar.workingMinutes(from: beijing("2026-03-16 00:00"), to: beijing("2026-03-23 00:00")) == 5 * 420)
        // The Spring Festival week of 2026 holds only the makeup Saturday.
        #expect(calendar.workingMinutes(from: beijing("2026-02-14 00:00"), to: beijing("2026-02-24 00:00")) == 420)
        #expect(calendar.workingMinutes(from: beijing("2026-03-16 12:00"), to: beijing("2026-03-16 13:30")) == 0)
        #expect(calendar.workingMinutes(from: beijing("2026-03-17 10:00"), to: beijing("2026-03-16 10:00")) == 0)
        #expect(calendar.workingMinutes(from: beijing("2026-03-16 10:00"), to: instant("2026-03-16T10:00:59+08:00")) == 0)
        #expect(calendar.workingMinutes(from: beijing("2026-03-16 10:00"), to: instant("2026-03-16T10:01:00+08:00")) == 1)
    }

    @Test func theCalendarZoneDecidesTheDayNotTheServer() throws {
        // 10:00 UTC is 18:00 in Beijing: after hours, so counting starts next morning there.
        let start = instant("2026-03-16T10:00:00Z")
        #expect(calendar.addingWorkingMinutes(60, to: start) == instant("2026-03-17T10:00:00+08:00"))
        let utcCalendar = WorkingCalendar(arrangements: HolidayArrangement.builtIn, timeZone: TimeZone(identifier: "UTC")!)
        #expect(utcCalendar.addingWorkingMinutes(60, to: start) == instant("2026-03-16T11:00:00Z"))
    }

    @Test func customOfficeHours() throws {
        let hours = try OfficeHours(periods: [.init(start: 8 * 60, end: 12 * 60), .init(start: 14 * 60 + 30, end: 18 * 60)])
        let summer = WorkingCalendar(arrangements: HolidayArrangement.builtIn, officeHours: hours)
        #expect(summer.addingWorkingMinutes(60, to: beijing("2026-06-01 11:30")) == beijing("2026-06-01 15:00"))
        #expect(summer.addingWorkingMinutes(30, to: beijing("2026-06-01 17:45")) == beijing("2026-06-02 08:15"))
    }

    @Test func addingAndMeasuringAgree() {
        var random = SeededGenerator(seed: 12345)
        let origin = beijing("2025-12-20 00:00")
        for _ in 0..<300 {
            let start = origin.addingTimeInterval(Double(Int.random(in: 0...(60 * 24 * 400), using: &random)) * 60 + 0.25)
            let minutes = Int.random(in: 0...5_000, using: &random)
            var pauses: [DateInterval] = []
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let pauseStart = start.addingTimeInterval(Double(Int.random(in: -600...20_000, using: &random)) * 60)
                pauses.append(DateInterval(start: pauseStart, duration: Double(Int.random(in: 1...3_000, using: &random)) * 60))
            }
            let due = calendar.addingWorkingMinutes(minutes, to: start, pauses: pauses)
            #expect(calendar.workingMinutes(from: start, to: due, pauses: pauses) == minutes)
            if minutes > 0 {
                // Nothing earlier would do: one minute before the due instant is one minute short.
                #expect(calendar.workingMinutes(from: start, to: due.addingTimeInterval(-60), pauses: pauses) == minutes - 1)
                // The due instant lies on a working day, inside an office period.
                let date = LocalDate(due, in: calendar.timeZone)
                #expect(calendar.isWorkingDay(date))
            }
        }
    }
}
