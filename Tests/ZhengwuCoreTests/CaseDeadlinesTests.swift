import Testing
@testable import ZhengwuCore

/// Decision deadlines across the 2026 Spring Festival (holiday 2-15..2-23, makeup Saturdays
/// 2-14 and 2-28), counted by hand from the State Council notice.
@Suite("Decision deadlines")
struct CaseDeadlinesTests {
    let calendar = WorkingCalendar.default
    let accepted = LocalDate(iso: "2026-02-10")!

    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("20 working days from 10 February skip the holiday and count both makeup Saturdays")
    func acrossSpringFestival() {
        let deadlines = CaseDeadlines(acceptedOn: accepted, promisedDays: 15, legalDays: 20, handling: .single)
        #expect(deadlines.legalDue(calendar: calendar, today: accepted) == day("2026-03-16"))
        #expect(deadlines.promisedDue(calendar: calendar, today: accepted) == day("2026-03-09"))
    }

    @Test("extensions are capped at 10 working days, 15 for joint handling, in all")
    func extensions() throws {
        var single = CaseDeadlines(acceptedOn: accepted, promisedDays: 20, legalDays: 20, handling: .single)
        try single.extend(by: 6)
        try single.extend(by: 4)
        #expect(single.legalDue(calendar: calendar, today: accepted) == day("2026-03-30"))
        #expect(throws: CaseDeadlines.ExtensionError.exceedsCap(cap: 10, alreadyGranted: 10)) { try single.extend(by: 1) }
        #expect(throws: CaseDeadlines.ExtensionError.notPositive) { try single.extend(by: 0) }
        var joint = CaseDeadlines(acceptedOn: accepted, promisedDays: 45, legalDays: 45, handling: .joint)
        try joint.extend(by: 15)
        #expect(throws: CaseDeadlines.ExtensionError.exceedsCap(cap: 15, alreadyGranted: 15)) { try joint.extend(by: 1) }
    }

    @Test("a special procedure's days do not count, also while it is still running")
    func pauses() {
        var deadlines = CaseDeadlines(acceptedOn: accepted, promisedDays: 20, legalDays: 20, handling: .single)
        deadlines.pause(.init(reason: .specialProcedure, firstDay: day("2026-03-02"), lastDay: nil))
        // Monday to Wednesday stood still so far: three working days later.
        #expect(deadlines.legalDue(calendar: calendar, today: day("2026-03-04")) == day("2026-03-19"))
        deadlines.resume(on: day("2026-03-06"))
        #expect(deadlines.legalDue(calendar: calendar, today: day("2026-04-01")) == day("2026-03-23"))
        // A pause over a weekend costs nothing more.
        var weekend = CaseDeadlines(acceptedOn: accepted, promisedDays: 20, legalDays: 20, handling: .single)
        weekend.pause(.init(reason: .awaitingMaterial, firstDay: day("2026-03-07"), lastDay: day("2026-03-08")))
        #expect(weekend.legalDue(calendar: calendar, today: day("2026-03-09")) == day("2026-03-16"))
    }

    @Test("a late decision is still a decision, recorded against each limit")
    func outcome() {
        let deadlines = CaseDeadlines(acceptedOn: accepted, promisedDays: 15, legalDays: 20, handling: .single)
        let onLegalDay = deadlines.outcome(decidedOn: day("2026-03-16"), calendar: calendar)
        #expect(onLegalDay == .init(workingDaysUsed: 20, withinPromised: false, withinLegal: true))
        let late = deadlines.outcome(decidedOn: day("2026-03-17"), calendar: calendar)
        #expect(late == .init(workingDaysUsed: 21, withinPromised: false, withinLegal: false))
        let early = deadlines.outcome(decidedOn: day("2026-02-14"), calendar: calendar)
        #expect(early == .init(workingDaysUsed: 4, withinPromised: true, withinLegal: true))
    }
}
