import Testing
@testable import ZhengwuCore

@Suite("Anomaly flags")
struct AnomalyTests {
    @Test("a decision faster than one working day per hand-over between stages is flagged")
    func tooFast() {
        // The default workflow: review, then the head's decision — one hand-over.
        #expect(Anomaly.afterDecision(usedDays: 0, stages: 2) == .decidedTooFast(usedDays: 0, stages: 2, minimumDays: 1))
        #expect(Anomaly.afterDecision(usedDays: 1, stages: 2) == nil)
        #expect(Anomaly.afterDecision(usedDays: 2, stages: 4) == .decidedTooFast(usedDays: 2, stages: 4, minimumDays: 3))
        // One stage hands nothing on: nothing is too fast.
        #expect(Anomaly.afterDecision(usedDays: 0, stages: 1) == nil)
    }

    @Test("returns beyond two, extensions on the last day, visits beyond the promise")
    func others() {
        #expect(Anomaly.afterReturn(returns: 2) == nil && Anomaly.afterReturn(returns: 3) == .returnedOften(count: 3))
        let due = LocalDate(iso: "2026-03-16")!
        #expect(Anomaly.afterExtension(today: LocalDate(iso: "2026-03-13")!, dueBefore: due) == nil)
        #expect(Anomaly.afterExtension(today: due, dueBefore: due) == .extendedOnLastDay(dueOn: due))
        #expect(Anomaly.afterVisit(visits: 1, promised: 1) == nil && Anomaly.afterVisit(visits: 2, promised: 1) == .visitedOften(visits: 2, promised: 1))
        #expect(Set([Anomaly.returnedOften(count: 3), .extendedOnLastDay(dueOn: due), .visitedOften(visits: 2, promised: 1),
                     .decidedTooFast(usedDays: 0, stages: 2, minimumDays: 1)].map(\.kind)).count == 4)
    }
}
