import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor
import ZhengwuCore

/// The limits the platform applies. Counters live in the database so that every instance
/// behind a load balancer counts together.
enum RateLimits {
    static let signInPerAddress = RateLimitWindow(limit: 20, window: 600)
    static let signInPerAccount = RateLimitWindow(limit: 10, window: 900)
    static let registrationPerAddress = RateLimitWindow(limit: 10, window: 3600)
    /// Every form posted on the public portal, whatever it is, per address and per account.
    static let publicSubmissionPerAddress = RateLimitWindow(limit: 60, window: 600)
    static let publicSubmissionPerAccount = RateLimitWindow(limit: 30, window: 600)
    /// Progress look-ups that matched nothing, per address; and look-ups of one receipt number.
    static let trackMissesPerAddress = RateLimitWindow(limit: 10, window: 600)
    /// Certificate verification misses: the 8-character code must not be guessable by trying.
    static let verifyMissesPerAddress = RateLimitWindow(limit: 20, window: 600)
    /// Wrong answers for one receipt number from anywhere: enough for the applicant's typos,
    /// too few to try a million ID tails even from many addresses.
    static let trackMissesPerReceipt = RateLimitWindow(limit: 30, window: 3600)
}

enum RateLimiter {
    /// Counts one event for `key`; throws `AppError.rateLimited` once the window's limit is passed.
    static func hit(_ key: String, _ rule: RateLimitWindow, on request: Request) async throws {
        let now = request.now
        let start = rule.windowStart(at: now)
        let id = "\(key)|\(rule.window)|\(start)"
        let count: Int
        if request.zhengwu.config.database.isSQLite {
            // SQLite means one process, so its memory sees every request; a durable commit per
            // counted request would otherwise cost more than the request itself.
            count = request.zhengwu.rateCounters.increment(id, expiresAt: start + rule.window, now: now)
        } else {
            count = try await countInDatabase(id, expiresAt: start + rule.window, windowStart: start, on: request)
        }
        guard rule.allows(countIncludingThis: count) else {
            throw AppError.rateLimited(retryAfterSeconds: rule.secondsUntilReset(at: now))
        }
    }

    /// Refuses (429) when `key` has used up the window already, without counting this request:
    /// for limits that count only failures, checked before trying.
    static func refuseIfExhausted(_ key: String, _ rule: RateLimitWindow, on request: Request) async throws {
        let now = request.now
        let start = rule.windowStart(at: now)
        let id = "\(key)|\(rule.window)|\(start)"
        let count: Int
        if request.zhengwu.config.database.isSQLite {
            count = request.zhengwu.rateCounters.current(id)
        } else {
            count = try await (request.db as! SQLDatabase).raw("SELECT count FROM rate_counters WHERE id = \(bind: id)")
                .first()?.decode(column: "count", as: Int.self) ?? 0
        }
        guard count < rule.limit else {
            throw AppError.rateLimited(retryAfterSeconds: rule.secondsUntilReset(at: now))
        }
    }

    /// Several instances share PostgreSQL, so they count together there.
    private static func countInDatabase(_ id: String, expiresAt: Int64, windowStart start: Int64, on request: Request) async throws -> Int {
        try await request.application.write { db -> Int in
            let sql = db as! SQLDatabase
            let row = try await sql.raw("""
                INSERT INTO rate_counters (id, count, expires_at) VALUES (\(bind: id), 1, \(bind: expiresAt))
                ON CONFLICT (id) DO UPDATE SET count = rate_counters.count + 1 RETURNING count
                """).first()
            let count = try row?.decode(column: "count", as: Int.self) ?? 1
            if count == 1, Int.random(in: 0..<50) == 0 {
                // Old windows are swept now and then by whoever opens a new one.
                try await sql.raw("DELETE FROM rate_counters WHERE expires_at < \(bind: start)").run()
            }
            return count
        }
    }
}

/// Rate-limit counters held in memory, for the single-process SQLite installation.
final class MemoryRateCounters: Sendable {
    private let counters = NIOLockedValueBox<[String: (count: Int, expiresAt: Int64)]>([:])

    private let lastSweep = NIOLockedValueBox<Int64>(0)

    func current(_ id: String) -> Int { counters.withLockedValue { $0[id]?.count ?? 0 } }

    func increment(_ id: String, expiresAt: Int64, now: Date) -> Int {
        let current = Int64(now.timeIntervalSince1970)
        // Expired windows are dropped at most once a minute, however many keys there are.
        let sweep = lastSweep.withLockedValue { last in
            guard current - last >= 60 else { return false }
            last = current
            return true
        }
        return counters.withLockedValue { counters in
            if sweep, counters.count > 10_000 {
                counters = counters.filter { $0.value.expiresAt > current }
            }
            let count = (counters[id]?.count ?? 0) + 1
            counters[id] = (count, expiresAt)
            return count
        }
    }
}

/// Caps every form submission on the public portal per address and per signed-in account, so
/// no public form can be used to flood the system, including forms added later.
struct PublicSubmissionLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        // Open311 partners relay many people from one address: their keys are limited instead.
        if ![.GET, .HEAD, .OPTIONS].contains(request.method), !request.url.path.hasPrefix(Open311Controller.base + "/") {
            try await RateLimiter.hit("submit:\(request.clientNetwork)", RateLimits.publicSubmissionPerAddress, on: request)
            if let account = request.signedIn?.accountID {
                try await RateLimiter.hit("submit-account:\(account)", RateLimits.publicSubmissionPerAccount, on: request)
            }
        }
        return try await next.respond(to: request)
    }
}
