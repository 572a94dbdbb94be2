import Testing
@testable import ZhengwuCore

/// Yellow and red across the 2026 Spring Festival (holiday 15–23 February, makeup Saturdays 14
/// and 28 February). A case accepted on 10 February with 10 working days is due on 2 March:
/// 11, 12, 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat), 2 March.
@Suite("Deadline warnings")
struct WarningRulesTests {
    let calendar = WorkingCalendar.default
    let start = LocalDate(iso: "2026-02-10")!
    let due = LocalDate(iso: "2026-03-02")!

    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    func level(_ today: String, rules: WarningRules = .defaults, due: LocalDate? = nil, paused: Bool = false) -> WarningLevel {
        rules.level(start: start, due: due ?? self.due, today: day(today), paused: paused, calendar: calendar)
    }

    @Test("the budget counts working days only: used before today, left from today")
    func budget() {
        #expect(calendar.addingWorkingDays(10, to: start) == due)
        let holiday = TimeBudget(start: start, due: due, today: day("2026-02-18"), calendar: calendar)
        #expect(holiday == TimeBudget(start: start, due: due, today: day("2026-02-23"), calendar: calendar))
        #expect(holiday.allotted == 10 && holiday.used == 4 && holiday.left == 6)
        let makeup = TimeBudget(start: start, due: due, today: day("2026-02-28"), calendar: calendar)
        #expect(makeup.used == 8 && makeup.left == 2)
        // On acceptance day nothing is used yet.
        #expect(TimeBudget(start: start, due: due, today: start, calendar: calendar).used == 0)
    }

    @Test("the holiday changes nothing; yellow on the makeup Saturday, red the day after the due date",
          arguments: [
              ("2026-02-13", WarningLevel.normal), ("2026-02-16", .normal), ("2026-02-23", .normal),
              ("2026-02-27", .normal), ("2026-02-28", .yellow), ("2026-03-01", .yellow), ("2026-03-02", .yellow),
              ("2026-03-03", .red), ("2026-04-01", .red),
          ])
    func defaults(today: String, expected: WarningLevel) {
        #expect(level(today) == expected)
    }

    @Test("each threshold works on its own")
    func thresholds() {
        // Only the share used: half of 10 days is used by the end of 24 February.
        let half = WarningRules(yellowDaysLeft: 0, yellowPercentUsed: 50)
        #expect(level("2026-02-24", rules: half) == .normal && level("2026-02-25", rules: half) == .yellow)
        // Only the days left: three left on the 27th, two on the 28th.
        let days = WarningRules(yellowDaysLeft: 2, yellowPercentUsed: 100)
        #expect(level("2026-02-27", rules: days) == .normal && level("2026-02-28", rules: days) == .yellow)
        // Red whatever the thresholds.
        #expect(level("2026-03-03", rules: WarningRules(yellowDaysLeft: 0, yellowPercentUsed: 100)) == .red)
        // A clock due the day it starts is measured by days left alone.
        let sameDay = WarningRules(yellowDaysLeft: 0, yellowPercentUsed: 80)
        #expect(sameDay.level(start: day("2026-03-04"), due: day("2026-03-04"), today: day("2026-03-04"), calendar: calendar) == .normal)
    }

    @Test("a running pause shows as paused; once over, the due date it moved sets the level")
    func pauses() throws {
        var deadlines = CaseDeadlines(acceptedOn: start, promisedDays: 10, legalDays: 20, handling: .single)
        deadlines.pause(.init(reason: .awaitingMaterial, firstDay: day("2026-02-24"), lastDay: day("2026-02-26")))
        let moved = deadlines.promisedDue(calendar: calendar, today: day("2026-02-27"))
        #expect(moved == day("2026-03-05"))
        #expect(level("2026-02-25", paused: true) == .paused)
        // The day that was yellow without the pause is not now.
        #expect(level("2026-02-28", due: moved) == .normal)
        #expect(level("2026-03-04", due: moved) == .yellow && level("2026-03-06", due: moved) == .red)
    }

    @Test("levels order from paused to red; thresholds outside their ranges are refused")
    func orderAndChecks() {
        #expect(WarningLevel.allCases.sorted() == [.paused, .normal, .yellow, .red])
        #expect(WarningRules.defaults.problems.isEmpty)
        #expect(WarningRules(yellowDaysLeft: 11, yellowPercentUsed: 0).problems == [.daysLeftOutOfRange, .percentOutOfRange])
    }
}

@Suite("Supervision policy")
struct SupervisionPolicyTests {
    @Test func onlySupervisorsWithARegionWatchAndSetRules() {
        let supervisor = Actor(accountID: "s", kind: .staff, roles: [.supervisor], departmentID: nil, regionCode: "513329")
        let head = Actor(accountID: "h", kind: .staff, roles: [.departmentHead], departmentID: "d", regionCode: "513329")
        let regionless = Actor(accountID: "r", kind: .staff, roles: [.supervisor], departmentID: nil, regionCode: nil)
        for action in SupervisionPolicy.Action.allCases {
            #expect(SupervisionPolicy.permits(supervisor, action))
            #expect(!SupervisionPolicy.permits(head, action) && !SupervisionPolicy.permits(regionless, action))
        }
    }
}
