import Foundation
import NIOConcurrencyHelpers

/// The platform's only source of "now". Domain rules take time as a parameter; handlers read it
/// here, so a drill or an end-to-end test can run the whole system at a chosen date
/// (ZHENGWU_FAKE_NOW) and tests can move time forward without sleeping.
public final class AppClock: Sendable {
    private let offset: NIOLockedValueBox<TimeInterval>

    /// A real clock, or one shifted so that the process starts at `startingAt`.
    public init(startingAt: Date? = nil) {
        offset = .init(startingAt.map { $0.timeIntervalSinceNow } ?? 0)
    }

    public func now() -> Date { Date().addingTimeInterval(offset.withLockedValue { $0 }) }

    public var isShifted: Bool { offset.withLockedValue { $0 } != 0 }

    /// Moves the clock forward; used by tests (e.g. to let a lock-out expire).
    public func advance(by interval: TimeInterval) { offset.withLockedValue { $0 += interval } }
}
