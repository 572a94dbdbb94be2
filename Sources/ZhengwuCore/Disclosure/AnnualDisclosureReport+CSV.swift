/// The three tables as one CSV file (RFC 4180: fields quoted when they hold a comma, a quote or
/// a line break; CRLF after every record), for spreadsheets and the platforms that collect
/// annual reports. The caller adds a byte-order mark if its readers need one.
extension AnnualDisclosureReport {
    public static let titleKey = "annual_report.title"
    /// Named in the first line when the report has no organ.
    public static let wholeGovernmentKey = "annual_report.whole_government"
    public static let section2TitleKey = "annual_report.section2.title"
    public static let section3TitleKey = "annual_report.section3.title"
    public static let section4TitleKey = "annual_report.section4.title"

    /// The first line names the report: title, year, organ (and its code when given); then a
    /// titled block per section, each with its own header row. `label` turns a messageKey into
    /// text, so the caller chooses the language.
    public func csv(label: (String) -> String) -> String {
        var records: [[CSVCell]] = []
        func text(_ key: String) -> CSVCell { .text(label(key)) }
        func numbers(_ values: [Int]) -> [CSVCell] { values.map { .number(String($0)) } }

        records.append([text(Self.titleKey), .number(String(year)), .text(organName ?? label(Self.wholeGovernmentKey))]
                       + (organCode.map { [.text($0)] } ?? []))

        records.append([.text("二、" + label(Self.section2TitleKey))])
        let p = "annual_report.proactive."
        records.append([text(p + "article_20_1")])
        records.append([text(p + "content"), text(p + "made"), text(p + "abolished"), text(p + "in_force")])
        for (key, counts) in [("rules", section2.rules), ("normative_documents", section2.normativeDocuments)] {
            records.append([text(p + key)] + numbers([counts.made, counts.abolished, counts.inForce]))
        }
        records.append([text(p + "article_20_5")])
        records.append([text(p + "content"), text(p + "decisions")])
        records.append([text(p + "permits")] + numbers([section2.permitDecisions]))
        records.append([text(p + "article_20_6")])
        records.append([text(p + "content"), text(p + "decisions")])
        records.append([text(p + "penalties")] + numbers([section2.penaltyDecisions]))
        records.append([text(p + "enforcements")] + numbers([section2.enforcementDecisions]))
        records.append([text(p + "article_20_8")])
        records.append([text(p + "content"), text(p + "fee_amount")])
        records.append([text(p + "fees"), .number(section2.feeInTenThousandYuan)])

        records.append([.text("三、" + label(Self.section3TitleKey))])
        records.append([text(Self.checkNoteKey)] + Column.allCases.map { text($0.messageKey) })
        for row in section3Rows {
            records.append([.text(row.number + label(row.messageKey))] + numbers(row.values ?? []))
        }

        records.append([.text("四、" + label(Self.section4TitleKey))])
        records.append([.text(""), .text("")] + ReviewColumn.allCases.map { text($0.messageKey) })
        for group in ReviewGroup.allCases {
            let names = group.headingKey.map { [text($0), text(group.messageKey)] } ?? [text(group.messageKey), .text("")]
            records.append(names + numbers(ReviewColumn.allCases.map { section4[group][$0] }))
        }

        return records.map { $0.map(\.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A CSV field. Only text is defused: a spreadsheet runs a field starting with =, +, - or @
    /// (or a tab or carriage return, which some read past) as a formula, so text gets a leading
    /// apostrophe; figures such as "-3" are written as they are and stay numbers.
    enum CSVCell: Equatable {
        case text(String)
        case number(String)

        var field: String {
            switch self {
            case .number(let value): Self.quoted(value)
            case .text(let value):
                Self.quoted(value.first.map { "=+-@\t\r".contains($0) } == true ? "'" + value : value)
            }
        }

        static func quoted(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
            var out = "\""
            for character in value {
                out.append(character)
                if character == "\"" { out.append("\"") }
            }
            return out + "\""
        }
    }
}
