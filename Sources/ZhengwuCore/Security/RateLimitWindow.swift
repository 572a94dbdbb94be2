import Foundation

/// A fixed-window rate limit: at most `limit` events per `window` seconds for one key (an IP
/// address, an account). Fixed windows keep the shared counter a single row per key and window,
/// which several instances can increment atomically in the database.
public struct RateLimitWindow: Sendable, Equatable {
    public var limit: Int
    public var window: Int64

    public init(limit: Int, window: Int64) {
        self.limit = limit
        self.window = window
    }

    /// The window an instant falls into, as its start in seconds since 1970.
    public func windowStart(at instant: Date) -> Int64 {
        let seconds = Int64(floor(instant.timeIntervalSince1970))
        return seconds - seconds % window
    }

    /// Seconds until the window containing `instant` ends, for the Retry-After header.
    public func secondsUntilReset(at instant: Date) -> Int64 {
        windowStart(at: instant) + window - Int64(floor(instant.timeIntervalSince1970))
    }

    public func allows(countIncludingThis count: Int) -> Bool { count <= limit }
}
