import Foundation
import Testing
@testable import ZhengwuCore

@Suite("Password policy and lock-out")
struct PasswordAndLockoutTests {
    @Test func acceptsLongMixedPasswords() {
        #expect(PasswordPolicy.problems(password: "correct-horse-7", login: "13800000001").isEmpty)
    }

    @Test func reportsEveryProblem() {
        let problems = PasswordPolicy.problems(password: "abc", confirmation: "abd", login: "x")
        #expect(problems.contains(.tooShort))
        #expect(problems.contains(.tooFewCharacterClasses))
        #expect(problems.contains(.mismatch))
    }

    @Test func refusesPasswordsContainingTheLogin() {
        #expect(PasswordPolicy.problems(password: "zhangsan-2026", login: "ZhangSan") == [.containsLogin])
    }

    @Test func bcryptLimitIsBytesNotCharacters() {
        let chinese = String(repeating: "政", count: 30) + "1" // 91 bytes in UTF-8
        #expect(PasswordPolicy.problems(password: chinese, login: "").contains(.tooLong))
    }

    @Test func locksAfterTheFifthFailureAndUnlocksLater() {
        let rule = LockoutRule(maximumFailures: 5, lockDuration: 900)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var failures = 0
        var lockedUntil: Date?
        for attempt in 1...5 {
            (failures, lockedUntil) = rule.afterFailure(previousFailures: failures, at: now)
            #expect((lockedUntil != nil) == (attempt == 5))
        }
        #expect(failures == 0)
        #expect(rule.isLocked(until: lockedUntil, at: now.addingTimeInterval(899)))
        #expect(!rule.isLocked(until: lockedUntil, at: now.addingTimeInterval(900)))
    }

    @Test func rateWindowsAreFixedAndReportTheirReset() {
        let rule = RateLimitWindow(limit: 3, window: 600)
        let instant = Date(timeIntervalSince1970: 1_800_000_123)
        #expect(rule.windowStart(at: instant) == 1_800_000_000 - 1_800_000_000 % 600)
        #expect(rule.secondsUntilReset(at: instant) == rule.windowStart(at: instant) + 600 - 1_800_000_123)
        #expect(rule.allows(countIncludingThis: 3))
        #expect(!rule.allows(countIncludingThis: 4))
    }
}
