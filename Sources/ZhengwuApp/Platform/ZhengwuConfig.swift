import Foundation
import ZhengwuCore

/// Everything the platform reads from flags and the environment, read and validated in one place
/// at start-up. A wrong value stops the program with a message naming the setting.
public struct ZhengwuConfig: Sendable {
    public enum Environment: String, Sendable, CaseIterable {
        case development, production, testing
    }

    public enum DatabaseTarget: Sendable, Equatable {
        case sqliteFile(String)
        /// For tests: a private in-memory database named by `identifier`.
        case sqliteMemory(identifier: String)
        case postgres(url: String)

        public var isSQLite: Bool { if case .postgres = self { false } else { true } }
    }

    public struct Bind: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var description: String { "\(host):\(port)" }
    }

    public var environment: Environment
    public var dataDirectory: String
    public var database: DatabaseTarget
    public var publicBind: Bind
    public var staffBind: Bind
    /// The demo county's accounts share a published password, so production never loads it.
    public var loadDemo: Bool
    public var masterKey: MasterKeySource
    public var fakeNow: Date?
    public var secureCookies: Bool
    /// Addresses of load balancers whose X-Forwarded-For header is believed.
    public var trustedProxies: Set<String>
    public var resourcesDirectory: String
    /// Where applicants' text messages go; nil writes them to the log instead.
    public var smsGateway: SMSGatewaySettings? = nil
    /// The portal's public address (https://www.example.gov.cn), for feeds and the sitemap,
    /// which need absolute links; nil takes it from each request's Host header.
    public var publicURL: String? = nil
    /// Scheduled backups (zhengwu backup, every `hours`, the newest `keep` kept); nil: none.
    public var backups: BackupSettings? = nil

    public struct BackupSettings: Sendable, Equatable {
        public var directory: String
        public var hours: Int
        public var keep: Int
    }

    public struct SMSGatewaySettings: Sendable, Equatable {
        public var url: String
        public var key: String
    }

    public enum MasterKeySource: Sendable, Equatable {
        case given([UInt8])
        /// Read from, or on first run created in, this file (a single-machine install).
        case file(String)
    }
}

/// One thing wrong with the configuration, for the operator.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public let setting: String
    public let problem: String
    public var description: String { "\(setting): \(problem)" }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let problems: [ConfigProblem]
    public var description: String {
        (["The configuration is not valid:"] + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}

extension ZhengwuConfig {
    /// Values given as command-line flags; each overrides its environment variable.
    public struct Flags: Sendable {
        public var environment: String?
        public var dataDirectory: String?
        public var databaseURL: String?
        public var publicBind: String?
        public var staffBind: String?
        public var noDemo = false

        public init(environment: String? = nil, dataDirectory: String? = nil, databaseURL: String? = nil,
                    publicBind: String? = nil, staffBind: String? = nil, noDemo: Bool = false) {
            self.environment = environment
            self.dataDirectory = dataDirectory
            self.databaseURL = databaseURL
            self.publicBind = publicBind
            self.staffBind = staffBind
            self.noDemo = noDemo
        }
    }

    /// Every setting: its flag (if any), its variable and what it means; `zhengwu --help`
    /// prints it, and the README's configuration table follows it.
    static let settings: [(flag: String?, variable: String, help: String)] = [
        ("--env", "ZHENGWU_ENV", "development (default), production or testing"),
        ("--data-dir", "ZHENGWU_DATA_DIR", "where the SQLite database and key file live (./zhengwu-data)"),
        ("--database-url", "ZHENGWU_DATABASE_URL", "postgres://user:password@host:5432/name to use PostgreSQL"),
        ("--public-bind", "ZHENGWU_PUBLIC_BIND", "public portal listener, host:port (127.0.0.1:8080)"),
        ("--staff-bind", "ZHENGWU_STAFF_BIND", "staff workbench listener, host:port (127.0.0.1:8081)"),
        ("--no-demo", "ZHENGWU_NO_DEMO", "start empty instead of loading the demo county (never loaded in production)"),
        (nil, "ZHENGWU_MASTER_KEY", "32 random bytes, base64; encrypts personal data (required for production on PostgreSQL)"),
        (nil, "ZHENGWU_FAKE_NOW", "development only: run as if it were this instant (ISO 8601 with offset)"),
        (nil, "ZHENGWU_SECURE_COOKIES", "mark cookies Secure (default true in production)"),
        (nil, "ZHENGWU_TRUSTED_PROXIES", "comma-separated load-balancer addresses whose X-Forwarded-For is trusted"),
        (nil, "ZHENGWU_SMS_URL", "SMS gateway endpoint (https://…) that receives a JSON POST per message; unset: messages go to the log"),
        (nil, "ZHENGWU_PUBLIC_URL", "the portal's public address, e.g. https://www.example.gov.cn, for feeds and the sitemap"),
        (nil, "ZHENGWU_SMS_KEY", "bearer key sent to the SMS gateway (required with ZHENGWU_SMS_URL)"),
        (nil, "ZHENGWU_BACKUP_DIR", "folder for scheduled backups (zhengwu backup); unset: no scheduled backups"),
        (nil, "ZHENGWU_BACKUP_HOURS", "hours between scheduled backups (24)"),
        (nil, "ZHENGWU_BACKUP_KEEP", "scheduled backups kept, newest first (7)"),
        (nil, "ZHENGWU_RESOURCES_DIR", "folder holding Resources/ and Public/ (default: the working directory)"),
        (nil, "ZHENGWU_LOG_LEVEL", "notice (default), debug, info, warning or error"),
    ]

    /// The settings as lines for `--help`.
    public static var reference: String {
        settings.map { setting in
            let name = setting.flag.map { "\($0), \(setting.variable)" } ?? setting.variable
            return "  \(name.padding(toLength: 38, withPad: " ", startingAt: 0)) \(setting.help)"
        }.joined(separator: "\n")
    }

    public static func resolve(flags: Flags, environment env: [String: String]) throws(ConfigError) -> ZhengwuConfig {
        var problems: [ConfigProblem] = []
        func value(_ flag: String?, _ variable: String) -> String? {
            let raw = flag ?? env[variable]
            return raw?.trimmingCharacters(in: .whitespaces).isEmpty == true ? nil : raw
        }
        func bool(_ variable: String, default fallback: Bool) -> Bool {
            guard let raw = env[variable]?.lowercased(), !raw.isEmpty else { return fallback }
            switch raw {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append(.init(setting: variable, problem: "\"\(raw)\" is not a yes/no value; use true or false"))
                return fallback
            }
        }

        let envName = value(flags.environment, "ZHENGWU_ENV") ?? "development"
        let environment = Environment(rawValue: envName) ?? {
            problems.append(.init(setting: "--env / ZHENGWU_ENV",
                                  problem: "\"\(envName)\" is not one of development, production, testing"))
            return .development
        }()

        let dataDirectory = value(flags.dataDirectory, "ZHENGWU_DATA_DIR") ?? "./zhengwu-data"

        var database = DatabaseTarget.sqliteFile(dataDirectory + "/zhengwu.sqlite")
        if let url = value(flags.databaseURL, "ZHENGWU_DATABASE_URL") {
            if let parsed = URLComponents(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""),
               parsed.host?.isEmpty == false {
                database = .postgres(url: url)
            } else {
                problems.append(.init(setting: "--database-url / ZHENGWU_DATABASE_URL",
                                      problem: "expected postgres://user:password@host:port/database"))
            }
        }

        func bind(_ flag: String?, _ variable: String, _ name: String, default fallback: Bind) -> Bind {
            guard let raw = value(flag, variable) else { return fallback }
            let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, let port = Int(parts[1]), (0...65535).contains(port) {
                return Bind(host: String(parts[0]), port: port)
            }
            problems.append(.init(setting: "\(name) / \(variable)", problem: "\"\(raw)\" is not host:port with a port 0-65535"))
            return fallback
        }
        let publicBind = bind(flags.publicBind, "ZHENGWU_PUBLIC_BIND", "--public-bind", default: Bind(host: "127.0.0.1", port: 8080))
        let staffBind = bind(flags.staffBind, "ZHENGWU_STAFF_BIND", "--staff-bind", default: Bind(host: "127.0.0.1", port: 8081))
        if publicBind == staffBind, publicBind.port != 0 {
            problems.append(.init(setting: "--staff-bind / ZHENGWU_STAFF_BIND",
                                  problem: "must differ from the public listener (\(publicBind)): the workbench is never served to the public"))
        }

        let noDemo = flags.noDemo || bool("ZHENGWU_NO_DEMO", default: false)

        var masterKey = MasterKeySource.file(dataDirectory + "/master.key")
        if let raw = env["ZHENGWU_MASTER_KEY"], !raw.isEmpty {
            if let data = Data(base64Encoded: raw), data.count == 32 {
                masterKey = .given(Array(data))
            } else {
                problems.append(.init(setting: "ZHENGWU_MASTER_KEY", problem: "must be 32 bytes in base64 (openssl rand -base64 32)"))
            }
        } else if environment == .production, case .postgres = database {
            problems.append(.init(setting: "ZHENGWU_MASTER_KEY",
                                  problem: "is required in production on PostgreSQL, so every instance uses the same key"))
        }

        var fakeNow: Date?
        if let raw = env["ZHENGWU_FAKE_NOW"], !raw.isEmpty {
            if environment == .production {
                problems.append(.init(setting: "ZHENGWU_FAKE_NOW", problem: "is refused in production: the clock must be real"))
            } else if let date = ISO8601DateFormatter().date(from: raw) {
                fakeNow = date
            } else {
                problems.append(.init(setting: "ZHENGWU_FAKE_NOW", problem: "\"\(raw)\" is not an ISO 8601 instant such as 2026-03-01T10:00:00+08:00"))
            }
        }

        let secureCookies = bool("ZHENGWU_SECURE_COOKIES", default: environment == .production)
        let trustedProxies = Set((env["ZHENGWU_TRUSTED_PROXIES"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let resources = env["ZHENGWU_RESOURCES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.currentDirectoryPath
        if !FileManager.default.fileExists(atPath: resources + "/Resources/Views") {
            problems.append(.init(setting: "ZHENGWU_RESOURCES_DIR",
                                  problem: "\(resources) holds no Resources/Views; run from the project folder or set this"))
        }

        var smsGateway: SMSGatewaySettings?
        if let url = env["ZHENGWU_SMS_URL"], !url.isEmpty {
            let key = env["ZHENGWU_SMS_KEY"] ?? ""
            if URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                problems.append(.init(setting: "ZHENGWU_SMS_URL", problem: "\"\(url)\" is not an http(s) URL"))
            } else if key.isEmpty {
                problems.append(.init(setting: "ZHENGWU_SMS_KEY", problem: "is required when ZHENGWU_SMS_URL is set"))
            } else {
                smsGateway = SMSGatewaySettings(url: url, key: key)
            }
        }

        var publicURL: String?
        if let url = env["ZHENGWU_PUBLIC_URL"], !url.isEmpty {
            if let parsed = URLComponents(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host?.isEmpty == false,
               parsed.path.isEmpty || parsed.path == "/", parsed.query == nil {
                publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append(.init(setting: "ZHENGWU_PUBLIC_URL", problem: "\"\(url)\" is not an http(s) address without a path"))
            }
        }

        var backups: BackupSettings?
        if let directory = env["ZHENGWU_BACKUP_DIR"], !directory.isEmpty {
            let hours = Int(env["ZHENGWU_BACKUP_HOURS"] ?? "24"), keep = Int(env["ZHENGWU_BACKUP_KEEP"] ?? "7")
            if hours.map({ !(1...720).contains($0) }) ?? true {
                problems.append(.init(setting: "ZHENGWU_BACKUP_HOURS", problem: "must be a whole number of hours from 1 to 720"))
            }
            if keep.map({ !(1...1000).contains($0) }) ?? true {
                problems.append(.init(setting: "ZHENGWU_BACKUP_KEEP", problem: "must be a whole number from 1 to 1000"))
            }
            backups = BackupSettings(directory: directory, hours: hours ?? 24, keep: keep ?? 7)
        }

        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        var config = ZhengwuConfig(
            environment: environment, dataDirectory: dataDirectory, database: database,
            publicBind: publicBind, staffBind: staffBind, loadDemo: !noDemo && environment != .production, masterKey: masterKey,
            fakeNow: fakeNow, secureCookies: secureCookies, trustedProxies: trustedProxies,
            resourcesDirectory: resources, smsGateway: smsGateway
        )
        config.publicURL = publicURL
        config.backups = backups
        return config
    }
}
