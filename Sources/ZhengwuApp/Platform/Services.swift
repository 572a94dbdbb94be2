import Fluent
import SQLKit
import Foundation
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
        return try await database.transaction { try await body($0) }
    }
}

extension Request {
    var zhengwu: ZhengwuServices { application.zhengwu }
    var now: Date { application.zhengwu.clock.now() }
}
