import Foundation
import Vapor
import ZhengwuCore

/// Backups on a schedule (ZHENGWU_BACKUP_DIR, _HOURS, _KEEP): one instance at a time takes the
/// job, makes a backup when the newest is older than the interval, and deletes the oldest beyond
/// the number kept. The folder names carry their time, so no state is kept elsewhere.
enum ScheduledBackups {
    static func run(app: Application, worker: String) async throws {
        guard let settings = app.zhengwu.config.backups else { return }
        let now = Date()
        // Held for the backup's length at most; a large database may take a while.
        guard try await JobLease.acquire("backups", holder: worker, for: 3600, now: app.zhengwu.clock.now(), on: app.db) else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: settings.directory)) ?? []
        let newest = names.filter { $0.hasPrefix(BackupRetention.prefix) }.max()
        let due = BackupRetention.folderName(for: now.addingTimeInterval(-Double(settings.hours) * 3600))
        guard newest.map({ $0 <= due }) ?? true else { return }
        let (folder, manifest) = try await Backups.make(app: app, into: settings.directory)
        let removed = try Backups.prune(in: settings.directory, keep: settings.keep)
        app.logger.notice("Backup written to \(folder) (\(manifest.files.count) files); removed \(removed.count) old backups")
        try await app.write { db in
            try await app.zhengwu.audit.append(on: db, actor: .system("backups"), action: "backup.made", subject: "backup:\((folder as NSString).lastPathComponent)",
                                               detail: ["removed": String(removed.count)])
        }
    }
}
