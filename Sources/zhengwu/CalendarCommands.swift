import ConsoleKit
import Foundation
import ZhengwuApp
import ZhengwuCore

struct CalendarGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["due": CalendarDueCommand(), "import": CalendarImportCommand()] }
    var help: String { "The working-day calendar (holidays and 调休 makeup workdays)." }
}

/// `zhengwu calendar due --from 2026-02-10 --working-days 20` prints 2026-03-16.
struct CalendarDueCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "the day of receipt, YYYY-MM-DD (day 0)") var from: String?
        @Option(name: "working-days", help: "how many working days the limit allows") var workingDays: Int?
        @Option(name: "data-dir", help: "use the years imported into this install (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String { "Print the deadline N working days after a date, as the law counts them." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let fromText = signature.from, let from = LocalDate(iso: fromText) else {
            throw CommandFailure(message: "--from: a date such as 2026-02-10 is required", exitCode: 64)
        }
        guard let days = signature.workingDays, days >= 0 else {
            throw CommandFailure(message: "--working-days: a whole number of 0 or more is required", exitCode: 64)
        }
        let calendar = try await installedCalendar(signature)
        let explanation = calendar.explainDeadline(from: from, workingDays: days)
        for year in explanation.yearsWithoutArrangement {
            FileHandle.standardError.write(Data("warning: no holiday arrangement for \(year); counted Monday-Friday\n".utf8))
        }
        context.console.output(explanation.due.iso.consoleText())
    }

    /// The calendar of this install when it has a database; the built-in years otherwise, so the
    /// command never creates a database just to answer.
    private func installedCalendar(_ signature: Signature) async throws -> WorkingCalendar {
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let config = try ZhengwuConfig.resolve(flags: flags.configFlags, environment: ProcessInfo.processInfo.environment)
        if case .sqliteFile(let path) = config.database, !FileManager.default.fileExists(atPath: path) {
            return .default
        }
        return try await withApplication(flags.configFlags) { app in
            try await app.zhengwu.calendars.calendar(on: app.db, now: app.zhengwu.clock.now())
        }
    }
}

/// `zhengwu calendar import FILE`: loads a year's arrangement (see docs/calendar.md for the format).
struct CalendarImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "the arrangement file") var file: String
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String { "Load another year's holiday arrangement from a file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure(message: "\(signature.file): cannot be read", exitCode: 66)
        }
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let arrangement: HolidayArrangement
        do {
            arrangement = try HolidayArrangement.parse(String(decoding: data, as: UTF8.self))
        } catch {
            let config = try ZhengwuConfig.resolve(flags: flags.configFlags, environment: ProcessInfo.processInfo.environment)
            let localizer = try Localizer.load(from: config.resourcesDirectory + "/Resources/Localization")
            throw CommandFailure(message: "\(signature.file): \(localizer.text(error.message, language: "en"))", exitCode: 65)
        }
        try await withApplication(flags.configFlags) { app in
            try await CalendarImport.save(arrangement, by: .system("command line"), in: app)
        }
        context.console.output("Loaded \(arrangement.year): \(arrangement.holidays.count) holidays, \(arrangement.makeupWorkdays.count) makeup workdays.".consoleText(.success))
    }
}
