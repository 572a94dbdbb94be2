import Crypto
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// Backups of a running installation, and restoring one into an empty data directory.
///
/// SQLite: `VACUUM INTO` writes a consistent copy of the live database while it keeps serving
/// (readers and writers carry on; the copy is one snapshot). PostgreSQL: `pg_dump` in the custom
/// format. Uploaded files live in the database (`stored_files`), so the database copy holds them.
/// The master key file is copied too when the installation keeps it in a file: without it the
/// sealed personal data and the audit chain cannot be read. A manifest lists every file's size
/// and SHA-256 and the main tables' row counts as of the snapshot.
public enum Backups {
    /// The tables whose counts a restore must reproduce exactly.
    static let countedTables = [Account.schema, ServiceCase.schema, StoredFile.schema, Publication.schema, InformationRequest.schema,
                                Ticket.schema, Rating.schema, AuditEntry.schema]
    static let databaseFile = "zhengwu.sqlite"
    static let dumpFile = "zhengwu.pgdump"
    static let keyFile = "master.key"

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes a new backup folder under `parent` and returns its path and manifest.
    public static func make(app: Application, into parent: String) async throws -> (folder: String, manifest: BackupManifest) {
        let now = app.zhengwu.clock.now()
        let folder = parent + "/" + BackupRetention.folderName(for: Date())
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // Never into an existing folder: a failure below removes the folder, which must be ours.
        guard !FileManager.default.fileExists(atPath: folder) else {
            throw Failure(description: "\(folder) already exists: a backup was taken this second")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        do {
            let counts: [String: Int]
            let kind: String
            switch app.zhengwu.config.database {
            case .sqliteFile, .sqliteMemory:
                kind = "sqlite"
                let path = folder + "/" + databaseFile
                try await (app.db as! SQLDatabase).raw("VACUUM INTO \(bind: path)").run()
                counts = try await countRows(ofSQLiteFile: path, app: app)
            case .postgres(let url):
                kind = "postgresql"
                counts = try await dumpPostgres(url: url, to: folder + "/" + dumpFile, app: app)
            }
            var keyIncluded = false
            if case .file(let keyPath) = app.zhengwu.config.masterKey, FileManager.default.fileExists(atPath: keyPath) {
                try FileManager.default.copyItem(atPath: keyPath, toPath: folder + "/" + keyFile)
                keyIncluded = true
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            let manifest = BackupManifest(createdAt: ISO8601DateFormatter().string(from: now), database: kind,
                                          files: try names.map { try describe(folder + "/" + $0, name: $0) },
                                          counts: counts, auditRecords: counts[AuditEntry.schema] ?? 0, masterKeyIncluded: keyIncluded)
            try JSONEncoder.sorted.encode(manifest).write(to: URL(fileURLWithPath: folder + "/" + BackupManifest.fileName))
            return (folder, manifest)
        } catch {
            // A half-written backup must never be mistaken for a good one.
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// Deletes the oldest backups under `parent`, keeping `keep`; returns the names removed.
    @discardableResult
    public static func prune(in parent: String, keep: Int) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        let expired = BackupRetention.expired(names, keep: keep)
        for name in expired { try FileManager.default.removeItem(atPath: parent + "/" + name) }
        return expired
    }

    /// Checks a backup's files against its manifest and puts it in place for `config`, whose data
    /// directory (SQLite) or database (PostgreSQL) must be empty. The caller then opens the
    /// installation and checks it with `verify`.
    public static func restore(from folder: String, into config: ZhengwuConfig) async throws -> BackupManifest {
        let manifestURL = URL(fileURLWithPath: folder + "/" + BackupManifest.fileName)
        guard let data = try? Data(contentsOf: manifestURL),
              let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data) else {
            throw Failure(description: "\(folder) holds no readable \(BackupManifest.fileName): not a backup")
        }
        var found: [String: (bytes: Int, sha256: String)] = [:]
        for file in manifest.files where FileManager.default.fileExists(atPath: folder + "/" + file.name) {
            let described = try describe(folder + "/" + file.name, name: file.name)
            found[file.name] = (described.bytes, described.sha256)
        }
        let problems = manifest.check(found: found)
        guard problems.isEmpty else { throw Failure(description: problems.map(\.description).joined(separator: "; ")) }
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        switch (config.database, manifest.database) {
        case (.sqliteFile(let path), "sqlite"):
            guard !fileManager.fileExists(atPath: path) else {
                throw Failure(description: "\(path) already exists: restore only into an empty data directory")
            }
            try fileManager.copyItem(atPath: folder + "/" + databaseFile, toPath: path)
        case (.postgres(let url), "postgresql"):
            try await restorePostgres(folder + "/" + dumpFile, url: url)
        default:
            throw Failure(description: "the backup is of a \(manifest.database) database; restore it into the same kind")
        }
        if manifest.masterKeyIncluded, case .file(let keyPath) = config.masterKey {
            guard !fileManager.fileExists(atPath: keyPath) else {
                throw Failure(description: "\(keyPath) already exists: restore only into an empty data directory")
            }
            try fileManager.copyItem(atPath: folder + "/" + keyFile, toPath: keyPath)
        }
        return manifest
    }

    /// After a restore: the counts match the manifest and the audit chain verifies with the key.
    public static func verify(_ manifest: BackupManifest, app: Application) async throws -> [String] {
        var problems = manifest.check(counts: try await countRows(on: app.db as! SQLDatabase)).map(\.description)
        let verification = try await app.zhengwu.audit.verify(on: app.db)
        if let broken = verification.firstBreak {
            problems.append("the audit chain breaks at record \(broken.sequence)")
        } else if verification.checked != Int64(manifest.auditRecords) {
            problems.append("the audit chain has \(verification.checked) records, the backup recorded \(manifest.auditRecords)")
        }
        return problems
    }

    // MARK: helpers

    static func countRows(on sql: SQLDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in countedTables {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    /// Counts in the copy itself, so the manifest describes exactly what was written.
    private static func countRows(ofSQLiteFile path: String, app: Application) async throws -> [String: Int] {
        let id = DatabaseID(string: "backup-\(UUID().uuidString)")
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: id, isDefault: false)
        return try await countRows(on: app.db(id) as! SQLDatabase)
    }

    /// pg_dump of the snapshot the counts were taken in: the transaction exports its snapshot and
    /// stays open until the dump has read it.
    private static func dumpPostgres(url: String, to path: String, app: Application) async throws -> [String: Int] {
        try await app.db.transaction { db in
            let sql = db as! SQLDatabase
            try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
            guard let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS s").first()?.decode(column: "s", as: String.self) else {
                throw Failure(description: "PostgreSQL gave no snapshot to dump")
            }
            let counts = try await countRows(on: sql)
            try await run(tool: "pg_dump", ["--format=custom", "--no-owner", "--snapshot=\(snapshot)", "--file=\(path)", "--dbname=\(url)"])
            return counts
        }
    }

    private static func restorePostgres(_ dump: String, url: String) async throws {
        try await run(tool: "pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", "--dbname=\(url)", dump])
    }

    /// Runs a PostgreSQL client tool found on PATH or in Debian's versioned folders.
    private static func run(tool: String, _ arguments: [String]) async throws {
        let candidates = ((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" })
            + ["17", "16", "15", "14"].map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "\(tool) is not installed (apt-get install postgresql-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "\(tool) failed: \(message.prefix(500))") }
    }

    private static func describe(_ path: String, name: String) throws -> BackupManifest.File {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        return BackupManifest.File(name: name, bytes: data.count, sha256: SHA256.hash(data: data).lowercaseHex)
    }
}
