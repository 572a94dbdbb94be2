import Foundation

/// What a backup holds and how to tell it is whole: every file with its size and SHA-256, the
/// row counts of the main tables as they were in the backup's snapshot, and the audit chain's
/// length. A restore checks the files before it writes anything, and the counts and the chain
/// after.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let fileName = "manifest.json"

    public struct File: Codable, Sendable, Equatable {
        public let name: String
        public let bytes: Int
        public let sha256: String

        public init(name: String, bytes: Int, sha256: String) {
            self.name = name
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case missing(String)
        case changed(String)
        case countDiffers(table: String, expected: Int, found: Int)

        public var description: String {
            switch self {
            case .missing(let name): "\(name) is missing from the backup"
            case .changed(let name): "\(name) does not match its checksum: the backup is damaged"
            case .countDiffers(let table, let expected, let found): "\(table): \(found) rows restored, the backup recorded \(expected)"
            }
        }
    }

    public var format = 1
    public var createdAt: String
    /// "sqlite" or "postgresql".
    public var database: String
    public var files: [File]
    public var counts: [String: Int]
    public var auditRecords: Int
    /// Whether the key file is in the backup; without it sealed data and the chain cannot be read.
    public var masterKeyIncluded: Bool

    public init(createdAt: String, database: String, files: [File], counts: [String: Int], auditRecords: Int, masterKeyIncluded: Bool) {
        self.createdAt = createdAt
        self.database = database
        self.files = files
        self.counts = counts
        self.auditRecords = auditRecords
        self.masterKeyIncluded = masterKeyIncluded
    }

    /// The files as found (name → size and checksum) against the manifest.
    public func check(found: [String: (bytes: Int, sha256: String)]) -> [Problem] {
        files.compactMap { file in
            guard let actual = found[file.name] else { return .missing(file.name) }
            return actual.bytes == file.bytes && actual.sha256 == file.sha256 ? nil : .changed(file.name)
        }
    }

    /// The restored database's counts against the manifest.
    public func check(counts restored: [String: Int]) -> [Problem] {
        counts.keys.sorted().compactMap { table in
            let expected = counts[table] ?? 0, found = restored[table] ?? -1
            return expected == found ? nil : .countDiffers(table: table, expected: expected, found: found)
        }
    }
}

/// Which backups to delete: folders are named `zhengwu-YYYYMMDD-HHMMSS`, so their names sort by
/// time; the newest `keep` stay. Anything else in the folder is not ours and is left alone.
public enum BackupRetention {
    public static let prefix = "zhengwu-"

    public static func folderName(for date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return prefix + formatter.string(from: date)
    }

    public static func expired(_ names: [String], keep: Int) -> [String] {
        let ours = names.filter { $0.hasPrefix(prefix) && $0.count == prefix.count + 15 }.sorted(by: >)
        return Array(ours.dropFirst(max(keep, 1)))
    }
}
