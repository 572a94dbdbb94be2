import Fluent
import Foundation
import NIOConcurrencyHelpers
import ZhengwuCore

/// The working-day calendar in force: the built-in years, overridden and extended by the years
/// administrators imported or edited. Cached, and re-read at most once a minute so that an edit
/// made on one instance reaches the others behind the load balancer.
public final class CalendarStore: Sendable {
    private struct Cache {
        var calendar: WorkingCalendar
        var loadedAt: Date?
    }
    private let cache = NIOLockedValueBox(Cache(calendar: .default, loadedAt: nil))
    private let refreshInterval: TimeInterval = 60

    public init() {}

    public func calendar(on database: Database, now: Date) async throws -> WorkingCalendar {
        let cached = cache.withLockedValue { $0 }
        if let loadedAt = cached.loadedAt, now.timeIntervalSince(loadedAt) < refreshInterval, now >= loadedAt {
            return cached.calendar
        }
        return try await reload(on: database, now: now)
    }

    @discardableResult
    public func reload(on database: Database, now: Date) async throws -> WorkingCalendar {
        let stored = try await CalendarYear.query(on: database).all()
        var calendar = WorkingCalendar.default
        for year in stored {
            // A stored year was validated when saved; one that no longer parses is skipped
            // rather than taking the whole calendar down, and `zhengwu calendar import` reports it.
            if let arrangement = try? HolidayArrangement.parse(year.arrangement) {
                calendar = calendar.replacing(arrangement)
            }
        }
        let result = calendar
        cache.withLockedValue { $0 = Cache(calendar: result, loadedAt: now) }
        return result
    }

    /// Years covered by an arrangement, built in or loaded, for the administrator's page.
    func storedYears(on database: Database) async throws -> [CalendarYear] {
        try await CalendarYear.query(on: database).sort(\.$id).all()
    }
}
