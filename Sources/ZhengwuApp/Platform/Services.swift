import Fluent
import FluentPostgresDriver
import SQLKit
import Foundation
import NIOConcurrencyHelpers
import Vapor
import ZhengwuCore

/// The platform's shared services, built once at start-up from the configuration.
public struct ZhengwuServices: Sendable {
    public let config: ZhengwuConfig
    public let clock: AppClock
    public let vault: PersonalDataVault
    public let auditChain: AuditChain
    public let localizer: Localizer
    public let calendars: CalendarStore
    let siteSettings = SiteSettingsCache()
    let ticketCatalogue = TicketCatalogueCache()
    /// Keys CSRF tokens to this installation.
    let csrfKey: SymmetricKey
    let writeLock = AsyncLock()
    /// Shares commits between concurrent submissions (see GroupCommit).
    let groupCommit: GroupCommit
    let rateCounters = MemoryRateCounters()
    let guidePages = GuidePages()
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = ZhengwuServices }

    public var zhengwu: ZhengwuServices {
        get {
            guard let services = storage[ServicesKey.self] else {
                fatalError("configure(_:with:) has not run for this application")
            }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }

    /// Runs `body` in one database transaction. On SQLite, writers queue in-process (see
    /// AsyncLock); PostgreSQL handles concurrent writers itself.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        let database = db
        if zhengwu.config.database.isSQLite {
            return try await zhengwu.writeLock.withLock {
                try await database.withConnection { connection in
                    // Per connection, and the pool has several: every write transaction sets it
                    // on the connection it uses, so no acknowledged write waits on a lazy sync.
                    try await (connection as! SQLDatabase).raw("PRAGMA synchronous=FULL").run()
                    return try await connection.transaction { try await body($0) }
                }
            }
        }
        return try await database.withConnection { connection in
            try await PostgresTransaction.run(on: connection, body)
        }
    }
}

/// BEGIN … COMMIT on one PostgreSQL connection, as Fluent's `transaction` does, but never left
/// waiting on a connection the server has closed. PostgresNIO does not answer a query written
/// after its connection closed (the write goes out with no promise once the channel's handlers
/// are gone), so when PostgreSQL restarts between two statements of a transaction, the next
/// statement would wait forever, and with it the group commit and every write queued behind it.
/// A watch on the connection ends the wait instead: the server has rolled the transaction back,
/// the caller hears that nothing was saved (503, see DatabaseOutage), and the connection goes
/// back to the pool, which drops it and opens a fresh one.
enum PostgresTransaction {
    static let watchInterval: Duration = .milliseconds(200)

    static func run<T: Sendable>(on connection: any Database,
                                 _ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        let sql = connection as! any SQLDatabase
        let work = Task<T, Error> {
            try await sql.raw("BEGIN").run()
            let result: T
            do {
                result = try await body(connection)
            } catch {
                if await !isClosed(connection) { try? await sql.raw("ROLLBACK").run() }
                throw error
            }
            try await sql.raw("COMMIT").run()
            return result
        }
        // Whichever comes first answers the caller: the transaction's end, or the connection's.
        let waiting = NIOLockedValueBox<CheckedContinuation<T, Error>?>(nil)
        @Sendable func finish(_ result: Result<T, Error>) {
            waiting.withLockedValue { continuation in
                continuation?.resume(with: result)
                continuation = nil
            }
        }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.withLockedValue { $0 = continuation }
            Task { finish(await work.result) }
            Task {
                while waiting.withLockedValue({ $0 != nil }) {
                    try? await Task.sleep(for: watchInterval)
                    if await isClosed(connection) { finish(.failure(ConnectionLost())) }
                }
            }
        }
    }

    /// Whether the server has closed this connection; anything not on PostgreSQL is open.
    static func isClosed(_ connection: any Database) async -> Bool {
        guard let postgres = connection as? any PostgresDatabase else { return false }
        return (try? await postgres.withConnection { $0.eventLoop.makeSucceededFuture($0.isClosed) }.get()) ?? true
    }

    /// Read by ErrorPageMiddleware (through DatabaseOutage) as "the database cannot be reached".
    struct ConnectionLost: Error, CustomDebugStringConvertible {
        var debugDescription: String { "PostgreSQL connection closed by the server (serverClosedConnection)" }
    }
}

extension Request {
    var zhengwu: ZhengwuServices { application.zhengwu }
    var now: Date { application.zhengwu.clock.now() }
}
