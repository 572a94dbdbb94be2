import Crypto
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import Vapor
import ZhengwuCore

/// The two faces' responders: each has its own route table and middleware stack.
public struct Faces: Sendable {
    public let portal: Responder
    public let workbench: Responder
}

extension Application {
    private struct FacesKey: StorageKey { typealias Value = Faces }

    public var faces: Faces {
        get { storage[FacesKey.self]! }
        set { storage[FacesKey.self] = newValue }
    }
}

/// Builds the running system from a validated configuration: services, database, migrations,
/// views and both route tables. Starting listeners is separate (ZhengwuServer), so commands
/// such as `migrate` and tests use the same set-up without opening ports.
public func configure(_ app: Application, with config: ZhengwuConfig, clock: AppClock? = nil) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: config.resourcesDirectory + "/")
    let masterKey = try MasterKey.load(config.masterKey)
    let vault = try PersonalDataVault(masterKey: masterKey)
    app.zhengwu = ZhengwuServices(
        config: config,
        clock: clock ?? AppClock(startingAt: config.fakeNow),
        vault: vault,
        auditChain: AuditChain(key: vault.auditKey),
        localizer: try Localizer.load(from: app.directory.resourcesDirectory + "Localization"),
        calendars: CalendarStore(),
        csrfKey: HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: masterKey),
                                        info: Array("zhengwu.csrf.v1".utf8), outputByteCount: 32),
        groupCommit: GroupCommit(application: app)
    )

    try configureDatabase(app, config.database)
    Migrations.register(on: app)

    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()
    // Templates are re-read on every request while developing, cached everywhere else.
    app.leaf.cache.isEnabled = config.environment != .development

    app.faces = Faces(portal: PortalSite.responder(for: app), workbench: WorkbenchSite.responder(for: app))
}

private func configureDatabase(_ app: Application, _ target: ZhengwuConfig.DatabaseTarget) throws {
    switch target {
    case .sqliteFile(let path):
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // SQLite blocks a thread per statement, and a durable commit blocks one for a disk
        // flush: with the default of one thread per core, a commit would stall half the reads.
        // In WAL mode readers on their own connections proceed while the one writer commits.
        app.threadPool = NIOThreadPool(numberOfThreads: 16)
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 4), as: .sqlite)
    case .sqliteMemory(let identifier):
        app.databases.use(.sqlite(.init(storage: .memory(identifier: identifier))), as: .sqlite)
    case .postgres(let url):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = ["public"]
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4), as: .psql)
    }
}

/// Tunes SQLite once the database is open: write-ahead logging lets readers and the writer
/// proceed together, and FULL sync means an acknowledged write survives a power cut.
func prepareDatabase(_ app: Application) async throws {
    guard app.zhengwu.config.database.isSQLite, let sql = app.db as? SQLDatabase else { return }
    if case .sqliteFile = app.zhengwu.config.database {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    try await sql.raw("PRAGMA synchronous=FULL").run()
}

/// The master key that seals personal data, keys the audit chain and signs CSRF tokens.
enum MasterKey {
    static func load(_ source: ZhengwuConfig.MasterKeySource) throws -> [UInt8] {
        switch source {
        case .given(let bytes):
            return bytes
        case .file(let path):
            if let data = FileManager.default.contents(atPath: path) {
                guard let decoded = Data(base64Encoded: String(decoding: data, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)), decoded.count == 32 else {
                    throw ConfigError(problems: [.init(setting: "master key file \(path)", problem: "is not 32 bytes of base64")])
                }
                return Array(decoded)
            }
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Readable by the service account only: whoever reads it can decrypt ID numbers.
            guard FileManager.default.createFile(atPath: path, contents: Data(Data(key).base64EncodedString().utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw ConfigError(problems: [.init(setting: "--data-dir / ZHENGWU_DATA_DIR", problem: "cannot write \(path)")])
            }
            return key
        }
    }
}

enum Migrations {
    static func register(on app: Application) {
        app.migrations.add(CreateOrganisation())
        app.migrations.add(CreateAccounts())
        app.migrations.add(CreateAuditLog())
        app.migrations.add(CreateCalendarYears())
        app.migrations.add(CreateRateCounters())
        app.migrations.add(CreateServiceCatalogue())
        app.migrations.add(CreateCases())
        app.migrations.add(CreateApproval())
        app.migrations.add(CreateRenewals())
        app.migrations.add(CreateSupervision())
        app.migrations.add(CreateWindowAndHandlerFigures())
        app.migrations.add(CreateDisclosure())
        app.migrations.add(CreateInformationRequests())
        app.migrations.add(CreateDisclosureReportFigures())
        app.migrations.add(AddPublicationSearchFacets())
        app.migrations.add(CreateInteraction())
        app.migrations.add(AddConcludedCasesIndex())
    }
}
