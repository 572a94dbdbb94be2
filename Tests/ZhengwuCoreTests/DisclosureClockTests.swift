import Testing
import ZhengwuCore

/// Dates worked out by hand on the 2026 calendar: received Monday 2 March; 清明 closes 4–6 April.
@Suite("The statutory clock of a disclosure request")
struct DisclosureClockTests {
    let calendar = WorkingCalendar.default
    func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("20 working days from receipt; yellow and red by the same rules as every clock")
    func plain() {
        let clock = DisclosureClock(receivedOn: d("2026-03-02"))
        #expect(clock.state(today: d("2026-03-10"), calendar: calendar) == .running(due: d("2026-03-30"), paused: false))
        #expect(clock.warning(today: d("2026-03-10"), rules: .defaults, calendar: calendar) == .normal)
        #expect(clock.warning(today: d("2026-03-26"), rules: .defaults, calendar: calendar) == .yellow)
        #expect(clock.warning(today: d("2026-03-31"), rules: .defaults, calendar: calendar) == .red)
    }

    @Test("one correction, asked for within 7 working days; the 20 days run again from its arrival, across 清明")
    func correction() throws {
        var clock = DisclosureClock(receivedOn: d("2026-03-02"))
        var late = clock
        #expect(throws: DisclosureClock.Problem.correctionTooLate(lastDay: d("2026-03-11"))) {
            try late.requestCorrection(on: d("2026-03-12"), correctBy: d("2026-03-26"), calendar: calendar)
        }
        #expect(throws: DisclosureClock.Problem.correctionDateNotAfter(d("2026-03-05"))) {
            try late.requestCorrection(on: d("2026-03-05"), correctBy: d("2026-03-05"), calendar: calendar)
        }
        try clock.requestCorrection(on: d("2026-03-05"), correctBy: d("2026-03-19"), calendar: calendar)
        #expect(throws: DisclosureClock.Problem.correctionAlreadyRequested) {
            try clock.requestCorrection(on: d("2026-03-06"), correctBy: d("2026-03-19"), calendar: calendar)
        }
        #expect(clock.state(today: d("2026-03-15"), calendar: calendar) == .awaitingCorrection(by: d("2026-03-19")))
        #expect(clock.due(today: d("2026-03-15"), calendar: calendar) == nil)
        #expect(clock.warning(today: d("2026-03-15"), rules: .defaults, calendar: calendar) == nil)
        var lapsed = clock
        #expect(lapsed.state(today: d("2026-03-20"), calendar: calendar) == .correctionLapsed)
        // Tuesday 10 March + 20 working days: 3 April is the 18th, then 7 and 8 April.
        try clock.receiveCorrection(on: d("2026-03-10"))
        #expect(clock.state(today: d("2026-03-20"), calendar: calendar) == .running(due: d("2026-04-08"), paused: false))
        #expect(throws: DisclosureClock.Problem.noCorrectionAwaited) { try clock.receiveCorrection(on: d("2026-03-11")) }
        #expect(throws: DisclosureClock.Problem.correctionDeadlinePassed(d("2026-03-19"))) {
            try lapsed.receiveCorrection(on: d("2026-03-20"))
        }
    }

    @Test("one extension of at most 20 working days")
    func extended() throws {
        var clock = DisclosureClock(receivedOn: d("2026-03-02"))
        #expect(throws: DisclosureClock.Problem.extensionOutOfRange(max: 20)) { try clock.extend(by: 21) }
        #expect(throws: DisclosureClock.Problem.extensionOutOfRange(max: 20)) { try clock.extend(by: 0) }
        try clock.extend(by: 20)
        #expect(throws: DisclosureClock.Problem.extensionAlreadyGranted) { try clock.extend(by: 1) }
        // 30 March + 20: 3 April is the 4th, 7 April the 5th, then three weeks and a day.
        #expect(clock.due(today: d("2026-03-10"), calendar: calendar) == d("2026-04-28"))
    }

    @Test("third-party consultation is not counted, for at most 15 working days")
    func consultation() throws {
        var clock = DisclosureClock(receivedOn: d("2026-03-02"))
        try clock.startConsultation(on: d("2026-03-04"))
        #expect(throws: DisclosureClock.Problem.consultationRunning) { try clock.startConsultation(on: d("2026-03-05")) }
        // Four working days stood still so far (5, 6, 9 and 10 March).
        #expect(clock.state(today: d("2026-03-10"), calendar: calendar) == .running(due: d("2026-04-03"), paused: true))
        #expect(clock.warning(today: d("2026-03-10"), rules: .defaults, calendar: calendar) == .paused)
        // Never answered: the clock runs again after 15 working days (25 March).
        #expect(clock.state(today: d("2026-04-01"), calendar: calendar) == .running(due: d("2026-04-21"), paused: false))
        var answered = clock
        // Answered on Wednesday 11 March: 5 working days not counted.
        try answered.endConsultation(on: d("2026-03-11"))
        #expect(answered.state(today: d("2026-04-01"), calendar: calendar) == .running(due: d("2026-04-07"), paused: false))
        #expect(throws: DisclosureClock.Problem.noConsultationRunning) { try answered.endConsultation(on: d("2026-03-12")) }
    }

    @Test("a fee notice stops the clock until payment; unpaid after 20 working days, the request closes")
    func fee() throws {
        var clock = DisclosureClock(receivedOn: d("2026-03-02"))
        let payBy = try clock.noticeFee(on: d("2026-03-04"), calendar: calendar)
        #expect(payBy == d("2026-04-01"))
        #expect(throws: DisclosureClock.Problem.feeAlreadyNoticed) { try clock.noticeFee(on: d("2026-03-05"), calendar: calendar) }
        #expect(clock.state(today: d("2026-03-10"), calendar: calendar) == .running(due: d("2026-04-03"), paused: true))
        #expect(clock.state(today: d("2026-04-02"), calendar: calendar) == .feeLapsed)
        try clock.feePaid(on: d("2026-03-06"))
        #expect(clock.state(today: d("2026-04-02"), calendar: calendar) == .running(due: d("2026-04-01"), paused: false))
        #expect(throws: DisclosureClock.Problem.noFeeAwaited) { try clock.feePaid(on: d("2026-03-09")) }
    }
}
