import Foundation
@testable import ZhengwuCore

/// Shared helpers of the calendar and identity tests.

/// A date from a literal the test writer checked by hand; crashes the test on a typo.
func day(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}

/// An instant from `yyyy-MM-ddTHH:mm:ss±hh:mm`, parsed by Foundation (independent of the code under test).
func instant(_ iso8601: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: iso8601) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: iso8601) else { fatalError("bad test instant \(iso8601)") }
    return date
}

/// Beijing wall-clock time as an instant: `beijing("2026-03-16 10:00")`.
func beijing(_ text: String) -> Date {
    instant(text.replacingOccurrences(of: " ", with: "T") + ":00+08:00")
}

/// Deterministic pseudo-random numbers (SplitMix64), so property checks fail reproducibly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
