import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The annual report as files, the same from the workbench's downloads and from
/// `zhengwu report disclosure`: CSV (the core's layout), JSON (the report as stored, plus the
/// failed checks), a standalone HTML page and plain text for a terminal. Every label comes from
/// the string tables in the language asked for.
public enum AnnualReportExport {
    public enum Problem: Error, Equatable {
        /// No organ has this code.
        case unknownOrgan(String)
    }

    /// The years a report may be asked for: a typo such as 226 or 20266 is refused, not counted.
    public static let years = 2000...2100

    /// The report of `year` for the organ with `organCode`, or of the whole government.
    public static func make(year: Int, organCode: String?, app: Application) async throws -> AnnualDisclosureReport {
        var organ: Department?
        if let organCode {
            guard let found = try await Department.query(on: app.db).filter(\.$code == organCode).first() else {
                throw Problem.unknownOrgan(organCode)
            }
            organ = found
        }
        return try await AnnualReportData.make(year: year, organ: organ, on: app.db)
    }

    /// What each failed check says, in `language`; empty when the report adds up.
    public static func checkMessages(_ report: AnnualDisclosureReport, localizer: Localizer, language: String) -> [String] {
        let label = { (key: String) in localizer.text(key, language: language) }
        return report.checks().map { localizer.text($0.message(label: label), language: language) }
    }

    /// The official title: "新龙县民政局2026年政府信息公开工作年度报告", or the year's report of
    /// every organ added up.
    public static func heading(_ report: AnnualDisclosureReport, localizer: Localizer, language: String) -> String {
        guard let organ = report.organName else {
            return localizer.text("annual_report.heading_whole", ["year": String(report.year)], language: language)
        }
        return localizer.text("annual_report.heading", ["organ": organ, "year": String(report.year)], language: language)
    }

    /// The CSV file; `byteOrderMark` for spreadsheet programs, which otherwise misread the Chinese.
    public static func csv(_ report: AnnualDisclosureReport, localizer: Localizer, language: String, byteOrderMark: Bool) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + report.csv { localizer.text($0, language: language) }
    }

    /// The JSON file. Its fields are the report's own, so it reads back as an
    /// AnnualDisclosureReport; `checks` beside them lists what does not add up (empty when all does).
    struct JSONFile: Encodable {
        struct Check: Encodable {
            let key: String
            let message: String
        }

        let year: Int
        let organCode: String?
        let organName: String?
        let section2: AnnualDisclosureReport.ProactiveDisclosure
        let section3: AnnualDisclosureReport.RequestTable
        let section4: AnnualDisclosureReport.ReviewAndLitigation
        let checks: [Check]
    }

    public static func json(_ report: AnnualDisclosureReport, localizer: Localizer, language: String) throws -> Data {
        let label = { (key: String) in localizer.text(key, language: language) }
        let checks = report.checks().map { failure in
            let message = failure.message(label: label)
            return JSONFile.Check(key: message.key, message: localizer.text(message, language: language))
        }
        let file = JSONFile(year: report.year, organCode: report.organCode, organName: report.organName, section2: report.section2,
                            section3: report.section3, section4: report.section4, checks: checks)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(file)
    }

    /// What the standalone page shows; `page` as on the workbench, so both use the same tables partial.
    struct Document: Encodable {
        struct Body: Encodable {
            let lang: String
            let heading: String
            let checks: [String]
            let checksFailed: String
            let checksPassed: String
            let tables: AnnualReportTables
        }

        let page: Body
    }

    /// A page of its own, without the workbench around it, to print or to hand on.
    public static func html(_ report: AnnualDisclosureReport, localizer: Localizer, language: String, app: Application) async throws -> String {
        let label = { (key: String) in localizer.text(key, language: language) }
        let document = Document(page: .init(
            lang: language, heading: heading(report, localizer: localizer, language: language),
            checks: checkMessages(report, localizer: localizer, language: language),
            checksFailed: label("annual_report.checks.failed"), checksPassed: label("annual_report.checks.passed"),
            tables: AnnualReportTables(report, label: label)))
        let view = try await app.view.render("disclosure-report-document", document)
        return String(buffer: view.data)
    }

    /// The tables as plain text for a terminal: one line per row, the figures after the name,
    /// separated by " | "; nested rows indented.
    public static func text(_ report: AnnualDisclosureReport, localizer: Localizer, language: String) -> String {
        let tables = AnnualReportTables(report, label: { localizer.text($0, language: language) })
        var lines = [heading(report, localizer: localizer, language: language), ""]
        func line(_ indent: Int, _ cells: [String]) {
            lines.append(String(repeating: "  ", count: indent) + cells.joined(separator: " | "))
        }
        lines.append(tables.section2Title)
        for table in tables.section2 {
            line(1, [table.caption])
            line(2, table.columns)
            for row in table.rows { line(2, [row.label] + row.values) }
        }
        lines.append("")
        let s3 = tables.section3
        lines.append(s3.title)
        line(1, [s3.note])
        line(1, [s3.applicants.label + ":", s3.naturalPerson.label]
             + s3.organisationColumns.map { s3.organisations.label + "·" + $0.label } + [s3.total.label])
        for row in s3.rows { line(1 + row.level, [row.title] + row.cells.map(\.text)) }
        lines.append("")
        let s4 = tables.section4
        lines.append(s4.title)
        let groups = [s4.reconsideration.label] + s4.litigationGroups.map { s4.litigation.label + "·" + $0.label }
        let columns = s4.reconsiderationColumns.map(\.label)
        line(1, [""] + columns)
        for (index, group) in groups.enumerated() {
            line(1, [group] + s4.cells[(index * columns.count)..<((index + 1) * columns.count)].map(\.text))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
