import Foundation
import NIOConcurrencyHelpers

/// The platform's only source of "now". Domain rules take time as a parameter; handlers read it
/// here, so a drill or an end-to-end test can run the whole system at a chosen date
/// (ZHENGWU_FAKE_NOW) and tests can move time forward without sleeping.
public final class AppClock: Sendable {
    private struct Offsets {
        /// Set once by ZHENGWU_FAKE_NOW: shifts business time only.
        var shift: TimeInterval
        /// Moved by tests: applies to both business time and the wall clock.
        var advanced: TimeInterval
    }
    private let offsets: NIOLockedValueBox<Offsets>

    /// A real clock, or one shifted so that the process starts at `startingAt`.
    public init(startingAt: Date? = nil) {
        offsets = .init(Offsets(shift: startingAt.map { $0.timeIntervalSinceNow } ?? 0, advanced: 0))
    }

    /// Business time: deadlines, sessions, lock-outs, audit records.
    public func now() -> Date {
        let offsets = offsets.withLockedValue { $0 }
        return Date().addingTimeInterval(offsets.shift + offsets.advanced)
    }

    /// Real time, never shifted by a drill: TOTP codes come from phones that keep real time, so
    /// checking them against a shifted clock would lock every member of staff out of a drill.
    public func wallNow() -> Date {
        Date().addingTimeInterval(offsets.withLockedValue { $0.advanced })
    }

    public var isShifted: Bool { offsets.withLockedValue { $0.shift } != 0 }

    /// Moves the clock forward; used by tests (e.g. to let a lock-out expire).
    public func advance(by interval: TimeInterval) { offsets.withLockedValue { $0.advanced += interval } }
}
