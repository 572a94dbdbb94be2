import Foundation

/// Hour-level limits (小时级时限): e.g. a 12345 hotline ticket must be signed for (签收) within
/// 2 working hours. Only minutes inside office periods of working days count; an instant outside
/// office hours starts counting at the next office period. Days are decided on the wall clock of
/// the calendar's time zone, whatever the server's zone is.
extension WorkingCalendar {
    /// The instant at which `minutes` working minutes after `instant` have passed. Pauses
    /// (e.g. waiting for the caller) stop the clock. `minutes == 0` returns `instant`. When the
    /// limit is used up exactly at the end of a period, the answer is that end (12:00, not 13:30).
    public func addingWorkingMinutes(_ minutes: Int, to instant: Date, pauses: [DateInterval] = []) -> Date {
        precondition(minutes >= 0, "A time limit cannot be negative")
        guard minutes > 0 else { return instant }
        var remaining = Double(minutes) * 60
        var due = instant
        forEachCountedStretch(from: instant, pauses: pauses) { start, end in
            if remaining <= end - start {
                due = Date(timeIntervalSinceReferenceDate: start + remaining)
                return false
            }
            remaining -= end - start
            return true
        }
        return due
    }

    /// Whole working minutes between two instants, pauses excluded; 0 when `end` is not after
    /// `start`. Agrees with `addingWorkingMinutes`.
    public func workingMinutes(from start: Date, to end: Date, pauses: [DateInterval] = []) -> Int {
        let limit = end.timeIntervalSinceReferenceDate
        guard limit > start.timeIntervalSinceReferenceDate else { return 0 }
        var seconds = 0.0
        forEachCountedStretch(from: start, pauses: pauses) { stretchStart, stretchEnd in
            guard stretchStart < limit else { return false }
            seconds += min(stretchEnd, limit) - stretchStart
            return stretchEnd < limit
        }
        // Allow for floating-point dust from fractional-second instants.
        return Int(((seconds + 0.001) / 60).rounded(.down))
    }

    /// Calls `body` with each stretch of countable time at or after `instant` (office periods of
    /// working days minus pauses), in order, as seconds since the reference date, until `body`
    /// returns false.
    private func forEachCountedStretch(from instant: Date, pauses: [DateInterval], _ body: (Double, Double) -> Bool) {
        let stops = Self.merged(pauses)
        var nextStop = 0
        var cursor = instant.timeIntervalSinceReferenceDate
        var day = LocalDate(instant, in: timeZone)
        while true {
            if isWorkingDay(day) {
                for period in officeHours.periods {
                    var start = max(cursor, day.instant(atMinute: period.start, in: timeZone).timeIntervalSinceReferenceDate)
                    let end = day.instant(atMinute: period.end, in: timeZone).timeIntervalSinceReferenceDate
                    while start < end {
                        while nextStop < stops.count, stops[nextStop].end <= start { nextStop += 1 }
                        if nextStop < stops.count, stops[nextStop].start <= start {
                            start = stops[nextStop].end // inside a pause: resume where it ends
                            continue
                        }
                        let stretchEnd = nextStop < stops.count ? min(end, stops[nextStop].start) : end
                        guard body(start, stretchEnd) else { return }
                        start = stretchEnd
                    }
                    cursor = max(cursor, start)
                }
            }
            // A pause may have carried the cursor days ahead; jump there instead of walking.
            day = max(day.adding(days: 1), LocalDate(Date(timeIntervalSinceReferenceDate: cursor), in: timeZone))
        }
    }

    /// Pauses sorted and merged, empty ones dropped.
    private static func merged(_ pauses: [DateInterval]) -> [(start: Double, end: Double)] {
        var result: [(start: Double, end: Double)] = []
        for pause in pauses.sorted(by: { $0.start < $1.start }) where pause.duration > 0 {
            let start = pause.start.timeIntervalSinceReferenceDate, end = pause.end.timeIntervalSinceReferenceDate
            if let last = result.last, start <= last.end {
                result[result.count - 1].end = max(last.end, end)
            } else {
                result.append((start, end))
            }
        }
        return result
    }
}
