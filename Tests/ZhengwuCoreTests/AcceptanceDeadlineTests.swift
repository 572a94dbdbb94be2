import Testing
@testable import ZhengwuCore

/// 行政许可法 art. 32: five working days to accept, refuse or ask for corrections, counted from
/// the day after receipt on the 2026 State Council arrangement (calendar.md). Every expected date
/// below was counted by hand on a printed 2026 calendar; the comments show the count.
@Suite("Acceptance deadline (5 working days, deemed acceptance)")
struct AcceptanceDeadlineTests {
    let calendar = WorkingCalendar.default

    func due(_ received: String) -> LocalDate {
        AcceptanceDeadline.dueDate(receivedOn: day(received), calendar: calendar)
    }

    @Test func anOrdinaryWeekSkipsOnlyTheWeekend() {
        // Received Mon 03-02 (day 0): Tue 3, Wed 4, Thu 5, Fri 6, (weekend), Mon 9.
        #expect(due("2026-03-02") == day("2026-03-09"))
    }

    @Test func theReceiptDayIsNotCounted() {
        // Received Fri 03-06: Mon 9 … Fri 13. Counting the Friday itself would end on Thu 12.
        #expect(due("2026-03-06") == day("2026-03-13"))
    }

    @Test func receiptOnAWeekendStartsCountingOnMonday() {
        // Received Sat 03-07 (e.g. online): Mon 9 … Fri 13.
        #expect(due("2026-03-07") == day("2026-03-13"))
    }

    @Test func midAutumnAndNationalDayAreSkippedAndTheMakeupSaturdayCounts() {
        // Received Mon 09-28: Tue 29 (1), Wed 30 (2), 10-01…07 国庆 off, Thu 10-08 (3),
        // Fri 10-09 (4), Sat 10-10 调休上班 (5). Plain Mon–Fri would give Mon 10-05.
        #expect(due("2026-09-28") == day("2026-10-10"))
        // Received Thu 09-24: 09-25…27 中秋 off, Mon 28 (1), Tue 29 (2), Wed 30 (3), Thu 10-08 (4), Fri 10-09 (5).
        #expect(due("2026-09-24") == day("2026-10-09"))
    }

    @Test func theSundayMakeupWorkdayBeforeNationalDayCounts() {
        // Received Fri 09-18: Sun 09-20 调休上班 (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5).
        #expect(due("2026-09-18") == day("2026-09-24"))
    }

    @Test func springFestivalIsSkippedAndBothMakeupSaturdaysCount() {
        // Received Thu 02-12: Fri 13 (1), Sat 14 调休 (2), 02-15…23 春节 off, Tue 24 (3), Wed 25 (4), Thu 26 (5).
        #expect(due("2026-02-12") == day("2026-02-26"))
        // Received Tue 02-24: Wed 25 (1), Thu 26 (2), Fri 27 (3), Sat 28 调休 (4), Mon 03-02 (5).
        #expect(due("2026-02-24") == day("2026-03-02"))
    }

    @Test func labourDayIsSkippedAndItsMakeupSaturdayCounts() {
        // Received Thu 04-30: 05-01…05 off, Wed 6 (1), Thu 7 (2), Fri 8 (3), Sat 9 调休 (4), Mon 11 (5).
        #expect(due("2026-04-30") == day("2026-05-11"))
    }

    // MARK: Deemed acceptance

    @Test func deemedAcceptedTheDayAfterTheDueDateAndNotOnIt() {
        // Due Sat 2026-10-10 (a makeup workday): the department can still act all that day.
        let received = day("2026-09-28")
        func deemed(_ today: String) -> Bool {
            AcceptanceDeadline.isDeemedAccepted(receivedOn: received, today: day(today), calendar: calendar)
        }
        #expect(!deemed("2026-09-28"))
        #expect(!deemed("2026-10-07"))
        #expect(!deemed("2026-10-09"))
        #expect(!deemed("2026-10-10"))
        #expect(deemed("2026-10-11"))
        #expect(deemed("2026-10-12"))
        #expect(deemed("2026-12-31"))
    }

    // MARK: Working days left

    @Test func workingDaysLeftCountsTodayWhenItIsAWorkingDay() {
        let received = day("2026-09-28")
        func left(_ today: String) -> Int {
            AcceptanceDeadline.workingDaysLeft(receivedOn: received, today: day(today), calendar: calendar)
        }
        // On the day of receipt all five are still ahead (day 0 does not count).
        #expect(left("2026-09-28") == 5)
        // Tue 09-29 is day 1 and is still usable: 29, 30, 10-08, 10-09, 10-10.
        #expect(left("2026-09-29") == 5)
        #expect(left("2026-09-30") == 4)
        // During the National Day holiday only the three days after it remain.
        #expect(left("2026-10-01") == 3)
        #expect(left("2026-10-07") == 3)
        #expect(left("2026-10-08") == 3)
        #expect(left("2026-10-09") == 2)
        // The due day itself: one day left, and not yet deemed.
        #expect(left("2026-10-10") == 1)
        // Mon 10-12 is the first working day after the due date: one working day late.
        #expect(left("2026-10-12") == -1)
        #expect(left("2026-10-13") == -2)
    }

    @Test func aCaseIsLateEvenWhenTheDayAfterTheDueDateIsNotAWorkingDay() {
        // Due Sat 10-10; on Sun 10-11 the case is already deemed accepted, so the count must say
        // "late" (negative), not "0 left", or the supervision board shows no red card (红牌) for
        // a case the law already treats as accepted.
        let received = day("2026-09-28")
        let today = day("2026-10-11")
        #expect(AcceptanceDeadline.isDeemedAccepted(receivedOn: received, today: today, calendar: calendar))
        #expect(AcceptanceDeadline.workingDaysLeft(receivedOn: received, today: today, calendar: calendar) < 0)
        // Same on the first day of a holiday right after a due date.
        // Received Tue 09-22: Wed 23 (1), Thu 24 (2), 中秋 25…27, Mon 28 (3), Tue 29 (4), Wed 30 (5).
        let beforeHoliday = day("2026-09-22")
        #expect(AcceptanceDeadline.dueDate(receivedOn: beforeHoliday, calendar: calendar) == day("2026-09-30"))
        #expect(AcceptanceDeadline.isDeemedAccepted(receivedOn: beforeHoliday, today: day("2026-10-01"), calendar: calendar))
        #expect(AcceptanceDeadline.workingDaysLeft(receivedOn: beforeHoliday, today: day("2026-10-01"), calendar: calendar) < 0)
    }

    @Test func daysLeftAgreeWithDeeming() {
        // Over a whole year of receipt days and the following weeks: a positive count exactly
        // when the department may still act.
        var mismatches: [String] = []
        var received = day("2026-01-01")
        while received < day("2027-01-01") {
            for offset in 0..<20 {
                let today = received.adding(days: offset)
                let deemed = AcceptanceDeadline.isDeemedAccepted(receivedOn: received, today: today, calendar: calendar)
                let left = AcceptanceDeadline.workingDaysLeft(receivedOn: received, today: today, calendar: calendar)
                if (left > 0) == deemed || (left == 0) || left > AcceptanceDeadline.workingDays {
                    mismatches.append("received \(received), today \(today): \(left) left, deemed \(deemed)")
                }
            }
            received = received.adding(days: 1)
        }
        let examples = mismatches.prefix(5).joined(separator: "; ")
        #expect(mismatches.count == 0, "e.g. \(examples)")
    }

    // MARK: Decision limit

    @Test func decisionLimitUsesTheSameCount() {
        // calendar.md's verified example: 20 working days from 2026-02-10 end on 2026-03-16.
        #expect(DecisionDeadline.dueDate(acceptedOn: day("2026-02-10"), limitDays: 20, calendar: calendar) == day("2026-03-16"))
        // 即办件: due the day of acceptance.
        #expect(DecisionDeadline.dueDate(acceptedOn: day("2026-02-10"), limitDays: 0, calendar: calendar) == day("2026-02-10"))
    }
}
