import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// A backup taken while tickets keep arriving restores into an empty installation with the
/// counts its manifest recorded and an audit chain that verifies; a damaged backup is refused
/// before anything is written. On SQLite and, in CI, on PostgreSQL (pg_dump and pg_restore).
@Suite("Backups")
struct BackupTests {
    static func ticket(_ n: Int) -> SubmitTicket.Input {
        SubmitTicket.Input(type: .complaint, channel: .web, categoryCode: "urban-light", content: "路灯第\(n)号不亮，请修理",
                           phone: String(format: "139%08d", n), address: "茹龙镇")
    }

    @Test("a backup under write load restores whole; a damaged one is refused")
    func backupAndRestore() async throws {
        try await withTestApp { t in
            let scratch = NSTemporaryDirectory() + "zw-backup-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let services = t.app.zhengwu
            // Tickets keep arriving while the backup is taken.
            let (backup, acknowledged) = try await withThrowingTaskGroup(of: String?.self) { group in
                for n in 0..<120 {
                    group.addTask {
                        try await SubmitTicket.run(Self.ticket(n), by: .caller, services: services, auditActor: .system("test"),
                                                   now: services.clock.now()).ticket.number
                    }
                }
                let made = try await Backups.make(app: t.app, into: scratch)
                var numbers: [String] = []
                for try await number in group { if let number { numbers.append(number) } }
                return (made, numbers)
            }
            #expect(acknowledged.count == 120)
            let manifest = backup.manifest
            #expect(manifest.files.contains { $0.name == (manifest.database == "sqlite" ? "zhengwu.sqlite" : "zhengwu.pgdump") })
            #expect(manifest.counts[Ticket.schema] != nil && manifest.auditRecords > 0)

            // Restore into an empty installation with the same master key.
            var config = TestApp.config(database: .sqliteFile(scratch + "/restored/zhengwu.sqlite"))
            config.dataDirectory = scratch + "/restored"
            config.masterKey = services.config.masterKey
            var restoredDatabase: String?
            if let admin = TestApp.postgresURL {
                let name = "zw_restore_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
                try await PostgresTestDatabases.run("CREATE DATABASE \(name)", adminURL: admin)
                restoredDatabase = name
                var components = URLComponents(string: admin)!
                components.path = "/" + name
                config.database = .postgres(url: components.string!)
            }
            func dropRestored() async {
                if let restoredDatabase, let admin = TestApp.postgresURL {
                    try? await PostgresTestDatabases.run("DROP DATABASE IF EXISTS \(restoredDatabase)", adminURL: admin)
                }
            }
            // A damaged copy is refused, naming the file, and nothing is written.
            let damaged = scratch + "/damaged"
            try FileManager.default.copyItem(atPath: backup.folder, toPath: damaged)
            let victim = damaged + "/" + manifest.files[0].name
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: victim))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("x".utf8))
            try handle.close()
            await #expect(throws: Backups.Failure.self) { try await Backups.restore(from: damaged, into: config) }
            #expect(!FileManager.default.fileExists(atPath: scratch + "/restored/zhengwu.sqlite"))

            _ = try await Backups.restore(from: backup.folder, into: config)
            let restored = try await Application.make(.testing)
            do {
                try await configure(restored, with: config)
                try await Startup.migrate(restored)
                #expect(try await Backups.verify(manifest, app: restored).isEmpty)
                // Every ticket in the copy is one that was acknowledged, each once.
                let numbers = try await Ticket.query(on: restored.db).all().map(\.number)
                #expect(Set(numbers).isSubset(of: Set(acknowledged)) && Set(numbers).count == numbers.count)
                #expect(numbers.count == manifest.counts[Ticket.schema])
                try await restored.asyncShutdown()
                await dropRestored()
            } catch {
                try? await restored.asyncShutdown()
                await dropRestored()
                throw error
            }
            // A second restore into the same place is refused.
            if restoredDatabase == nil {
                await #expect(throws: Backups.Failure.self) { try await Backups.restore(from: backup.folder, into: config) }
            }
        }
    }
}
