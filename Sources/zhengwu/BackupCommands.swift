import ConsoleKit
import Foundation
import ZhengwuApp
import ZhengwuCore

/// `zhengwu backup`: a consistent copy of the live installation with a manifest of checksums.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "folder to write the backup in (default DATA-DIR/backups)") var target: String?
        @Option(name: "keep", help: "after writing, delete the oldest backups there beyond this many") var keep: Int?
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String {
        "Back up the database (SQLite: online copy; PostgreSQL: pg_dump), which holds the uploaded files, and the key file, with a manifest of checksums and record counts."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        if let keep = signature.keep, keep < 1 { throw CommandFailure(message: "--keep must be at least 1", exitCode: 64) }
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let (folder, counts, removed) = try await withApplication(flags.configFlags) { app in
            let parent = signature.target ?? app.zhengwu.config.dataDirectory + "/backups"
            do {
                let (folder, manifest) = try await Backups.make(app: app, into: parent)
                let removed = try signature.keep.map { try Backups.prune(in: parent, keep: $0) } ?? []
                return (folder, manifest.counts, removed)
            } catch let failure as Backups.Failure {
                throw CommandFailure(message: failure.description)
            }
        }
        context.console.output("Backup written to \(folder)".consoleText(.success))
        for (table, count) in counts.sorted(by: { $0.key < $1.key }) { context.console.output("  \(table): \(count)".consoleText()) }
        if !removed.isEmpty { context.console.output("Removed \(removed.count) older backups: \(removed.joined(separator: ", "))".consoleText()) }
    }
}

/// `zhengwu restore BACKUP --data-dir EMPTY`: puts a backup in place and proves it whole.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "backup", help: "the backup folder (with manifest.json)") var backup: String
        @Option(name: "data-dir", help: "an empty folder to restore into (SQLite)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… of an empty database to restore into") var databaseURL: String?
        init() {}
    }

    var help: String {
        "Restore a backup into an empty data directory or database; checks the files against the manifest first, and the record counts and the audit chain after. Exits 1 if any check fails."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let config = try ZhengwuConfig.resolve(flags: flags.configFlags, environment: ProcessInfo.processInfo.environment)
        let manifest: BackupManifest
        do { manifest = try await Backups.restore(from: signature.backup, into: config) } catch let failure as Backups.Failure {
            throw CommandFailure(message: failure.description)
        }
        let problems = try await withApplication(flags.configFlags) { app in try await Backups.verify(manifest, app: app) }
        guard problems.isEmpty else { throw CommandFailure(message: "Restored, but: " + problems.joined(separator: "; ")) }
        context.console.output("Restored the backup of \(manifest.createdAt): record counts match and the audit chain of \(manifest.auditRecords) records verifies."
            .consoleText(.success))
    }
}
