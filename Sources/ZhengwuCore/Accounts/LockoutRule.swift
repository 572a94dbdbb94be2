import Foundation

/// Account lock-out after repeated sign-in failures (等保: 登录失败处理).
public struct LockoutRule: Sendable, Equatable {
    public var maximumFailures: Int
    public var lockDuration: TimeInterval

    public init(maximumFailures: Int = 5, lockDuration: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.lockDuration = lockDuration
    }

    /// What a failed attempt does to the account: the new failure count and, once the count
    /// reaches the maximum, the instant the lock ends.
    public func afterFailure(previousFailures: Int, at now: Date) -> (failures: Int, lockedUntil: Date?) {
        let failures = previousFailures + 1
        return failures >= maximumFailures ? (0, now.addingTimeInterval(lockDuration)) : (failures, nil)
    }

    public func isLocked(until lockedUntil: Date?, at now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }
}
