import Foundation
import Testing
@testable import ZhengwuCore

@Suite("Backup manifests and retention")
struct BackupManifestTests {
    let manifest = BackupManifest(createdAt: "2026-03-02T02:00:00Z", database: "sqlite",
                                  files: [.init(name: "zhengwu.sqlite", bytes: 10, sha256: "aa"), .init(name: "master.key", bytes: 32, sha256: "bb")],
                                  counts: ["tickets": 5, "audit_log": 9], auditRecords: 9, masterKeyIncluded: true)

    @Test("a restore refuses a backup with a file missing or changed, and names it")
    func files() {
        #expect(manifest.check(found: ["zhengwu.sqlite": (10, "aa"), "master.key": (32, "bb")]).isEmpty)
        #expect(manifest.check(found: ["zhengwu.sqlite": (10, "ab"), "master.key": (32, "bb")]) == [.changed("zhengwu.sqlite")])
        #expect(manifest.check(found: ["zhengwu.sqlite": (10, "aa")]) == [.missing("master.key")])
    }

    @Test("restored counts are compared table by table")
    func counts() {
        #expect(manifest.check(counts: ["tickets": 5, "audit_log": 9, "other": 1]).isEmpty)
        #expect(manifest.check(counts: ["tickets": 4, "audit_log": 9]) == [.countDiffers(table: "tickets", expected: 5, found: 4)])
        #expect(manifest.check(counts: ["audit_log": 9]) == [.countDiffers(table: "tickets", expected: 5, found: -1)])
    }

    @Test("retention keeps the newest backups and leaves other folders alone")
    func retention() {
        let names = ["zhengwu-20260301-020000", "zhengwu-20260303-020000", "notes", "zhengwu-20260302-020000", "zhengwu-old"]
        #expect(BackupRetention.expired(names, keep: 2) == ["zhengwu-20260301-020000"])
        #expect(BackupRetention.expired(names, keep: 0) == ["zhengwu-20260302-020000", "zhengwu-20260301-020000"])
        #expect(BackupRetention.folderName(for: Date(timeIntervalSince1970: 1_772_416_800)) == "zhengwu-20260302-020000")
    }
}
