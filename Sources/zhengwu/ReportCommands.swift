import ConsoleKit
import Foundation
import ZhengwuApp
import ZhengwuCore

struct ReportGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["disclosure": DisclosureReportCommand()] }
    var help: String { "Statutory reports counted from the platform's records." }
}

/// `zhengwu report disclosure --year 2026 --organ MZJ --format csv`: the annual report on
/// government information disclosure (政府信息公开工作年度报告, sections 二 to 四), as the
/// workbench shows it, on standard output; scripts can collect every organ's report in turn.
struct DisclosureReportCommand: AsyncCommand {
    static let formats = ["text", "html", "csv", "json"]

    struct Signature: CommandSignature {
        @Option(name: "year", help: "the year reported on, 2000 to 2100 (default: the current year)") var year: Int?
        @Option(name: "organ", help: "the organ's code, e.g. MZJ (default: the whole government, every organ added up)") var organ: String?
        @Option(name: "format", help: "text (default, for reading in a terminal), html, csv or json") var format: String?
        @Option(name: "language", help: "the language of the labels: zh-Hans (default) or en") var language: String?
        @Flag(name: "bom", help: "start CSV with a byte-order mark, which spreadsheet programs need to read the Chinese") var byteOrderMark: Bool
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String {
        """
        Print the annual report on government information disclosure to standard output. The tables \
        are checked as published reports must be (一 + 二 = 三（七）+ 四 in every column, and every \
        total); a failed check is listed on standard error and the exit status is 1. An unknown \
        organ code exits with status 2.
        """
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let format = signature.format ?? "text"
        guard Self.formats.contains(format) else {
            throw CommandFailure(message: "--format: one of \(Self.formats.joined(separator: ", "))", exitCode: 64)
        }
        let language = signature.language ?? Language.fallback.code
        guard ["zh-Hans", "en"].contains(language) else { throw CommandFailure(message: "--language: zh-Hans or en", exitCode: 64) }
        if let year = signature.year, !AnnualReportExport.years.contains(year) {
            throw CommandFailure(message: "--year: a year from \(AnnualReportExport.years.lowerBound) to \(AnnualReportExport.years.upperBound)",
                                 exitCode: 64)
        }
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        let (output, failures) = try await withApplication(flags.configFlags) { app -> (String, [String]) in
            let year = signature.year ?? LocalDate(app.zhengwu.clock.now(), in: WorkingCalendar.default.timeZone).year
            let report: AnnualDisclosureReport
            do {
                report = try await AnnualReportExport.make(year: year, organCode: signature.organ, app: app)
            } catch AnnualReportExport.Problem.unknownOrgan(let code) {
                throw CommandFailure(message: "--organ: no organ has the code \(code) (see the departments in the workbench)", exitCode: 2)
            }
            let localizer = app.zhengwu.localizer
            let output: String
            switch format {
            case "html": output = try await AnnualReportExport.html(report, localizer: localizer, language: language, app: app)
            case "csv":
                output = AnnualReportExport.csv(report, localizer: localizer, language: language, byteOrderMark: signature.byteOrderMark)
            case "json":
                output = String(decoding: try AnnualReportExport.json(report, localizer: localizer, language: language), as: UTF8.self) + "\n"
            default: output = AnnualReportExport.text(report, localizer: localizer, language: language)
            }
            return (output, AnnualReportExport.checkMessages(report, localizer: localizer, language: language))
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        // The report is still printed, so the figures can be looked into; the status tells scripts not to publish it.
        guard failures.isEmpty else {
            throw CommandFailure(message: (["The report does not add up:"] + failures.map { "- " + $0 }).joined(separator: "\n"), exitCode: 1)
        }
    }
}
