import ZhengwuCore

/// The three tables of the annual report laid out as the official form (国办公开办函〔2021〕30号)
/// prints them, every label already in the reader's language and every figure already text:
/// Leaf cannot look a label up by a computed key, and the command line renders the same tables
/// without a request. Sections 三 and 四 have headers over two and three rows, so each figure
/// names its headers by id (`headers`), and a screen reader reads out the column and the row,
/// e.g. 法人或其他组织 · 商业企业 · （三）不予公开 · 1.属于国家秘密.
struct AnnualReportTables: Encodable {
    struct Header: Encodable {
        let id: String
        let label: String
    }

    /// A figure and the ids of every header it falls under.
    struct Cell: Encodable {
        let text: String
        let headers: String
    }

    /// One of the small tables of section 二, one per article of the regulation.
    struct ProactiveTable: Encodable {
        struct Row: Encodable {
            let label: String
            let values: [String]
        }

        let caption: String
        let columns: [String]
        let rows: [Row]
    }

    struct RequestRow: Encodable {
        let id: String
        /// Numbering and name: "（三）不予公开", "1.属于国家秘密".
        let title: String
        /// 0, 1 or 2: how far the name is indented.
        let level: Int
        /// A heading with no figures of its own: 三、本年度办理结果 and the groups （三）…（六）.
        let isHeading: Bool
        let cells: [Cell]
    }

    struct RequestTable: Encodable {
        let title: String
        let note: String
        let applicants: Header
        let naturalPerson: Header
        let organisations: Header
        let organisationColumns: [Header]
        let total: Header
        let rows: [RequestRow]
    }

    struct ReviewTable: Encodable {
        let title: String
        let reconsideration: Header
        let litigation: Header
        let reconsiderationColumns: [Header]
        let litigationGroups: [Header]
        let litigationColumns: [Header]
        let cells: [Cell]
    }

    let title: String
    let year: Int
    /// The organ's name, or the whole government.
    let organ: String
    let section2Title: String
    let section2: [ProactiveTable]
    let section3: RequestTable
    let section4: ReviewTable

    typealias Report = AnnualDisclosureReport

    /// `label` turns a messageKey into text, as for `AnnualDisclosureReport.csv`.
    init(_ report: Report, label: (String) -> String) {
        title = label(Report.titleKey)
        year = report.year
        organ = report.organName ?? label(Report.wholeGovernmentKey)
        section2Title = "二、" + label(Report.section2TitleKey)
        section2 = Self.proactive(report.section2, label: label)
        section3 = Self.requests(report, label: label)
        section4 = Self.review(report.section4, label: label)
    }

    private static func proactive(_ s: Report.ProactiveDisclosure, label: (String) -> String) -> [ProactiveTable] {
        let p = "annual_report.proactive."
        func row(_ key: String, _ values: [Int]) -> ProactiveTable.Row {
            .init(label: label(p + key), values: values.map(String.init))
        }
        let decisions = [label(p + "content"), label(p + "decisions")]
        return [
            .init(caption: label(p + "article_20_1"),
                  columns: [label(p + "content"), label(p + "made"), label(p + "abolished"), label(p + "in_force")],
                  rows: [row("rules", [s.rules.made, s.rules.abolished, s.rules.inForce]),
                         row("normative_documents", [s.normativeDocuments.made, s.normativeDocuments.abolished,
                                                     s.normativeDocuments.inForce])]),
            .init(caption: label(p + "article_20_5"), columns: decisions, rows: [row("permits", [s.permitDecisions])]),
            .init(caption: label(p + "article_20_6"), columns: decisions,
                  rows: [row("penalties", [s.penaltyDecisions]), row("enforcements", [s.enforcementDecisions])]),
            .init(caption: label(p + "article_20_8"), columns: [label(p + "content"), label(p + "fee_amount")],
                  rows: [.init(label: label(p + "fees"), values: [s.feeInTenThousandYuan])]),
        ]
    }

    private static func requests(_ report: Report, label: (String) -> String) -> RequestTable {
        let applicants = Header(id: "s3-applicants", label: label(Report.Column.applicantsHeadingKey))
        let organisations = Header(id: "s3-organisations", label: label(Report.Column.organisationsHeadingKey))
        func header(_ column: Report.Column) -> Header { Header(id: "s3-c-\(column.rawValue)", label: label(column.messageKey)) }
        // The column headers above each of the seven columns, outermost first.
        let columnHeaders: [String] = Report.Column.allCases.map { column in
            let own = header(column).id
            return column.applicantType?.isOrganisation == true ? "\(applicants.id) \(organisations.id) \(own)" : "\(applicants.id) \(own)"
        }
        var rows: [RequestRow] = []
        // The headings a row falls under, by their level: 三、本年度办理结果 over （一）…（七）, a group over its items.
        var headings: [(level: Int, id: String)] = []
        for (index, row) in report.section3Rows.enumerated() {
            let id = "s3-r\(index + 1)"
            headings.removeAll { $0.level >= row.level }
            let title = row.number + label(row.messageKey)
            guard let values = row.values else {
                rows.append(RequestRow(id: id, title: title, level: row.level, isHeading: true, cells: []))
                headings.append((level: row.level, id: id))
                continue
            }
            let rowHeaders = (headings.map(\.id) + [id]).joined(separator: " ")
            rows.append(RequestRow(id: id, title: title, level: row.level, isHeading: false, cells: zip(values, columnHeaders).map {
                Cell(text: String($0), headers: $1 + " " + rowHeaders)
            }))
        }
        return RequestTable(
            title: "三、" + label(Report.section3TitleKey), note: label(Report.checkNoteKey), applicants: applicants,
            naturalPerson: header(.naturalPerson), organisations: organisations,
            organisationColumns: Report.Column.allCases.filter { $0.applicantType?.isOrganisation == true }.map { header($0) },
            total: header(.total), rows: rows)
    }

    private static func review(_ section4: Report.ReviewAndLitigation, label: (String) -> String) -> ReviewTable {
        let reconsideration = Header(id: "s4-reconsideration", label: label(Report.ReviewGroup.reconsideration.messageKey))
        let litigation = Header(id: "s4-litigation", label: label("annual_report.review.litigation"))
        func columns(_ group: Report.ReviewGroup) -> [Header] {
            Report.ReviewColumn.allCases.map { Header(id: "s4-\(group.rawValue)-\($0.rawValue)", label: label($0.messageKey)) }
        }
        let litigationGroups: [Report.ReviewGroup] = [.litigationDirect, .litigationAfterReconsideration]
        var cells: [Cell] = []
        for group in Report.ReviewGroup.allCases {
            let above = group == .reconsideration ? reconsideration.id : "\(litigation.id) s4-\(group.rawValue)"
            for (column, header) in zip(Report.ReviewColumn.allCases, columns(group)) {
                cells.append(Cell(text: String(section4[group][column]), headers: "\(above) \(header.id)"))
            }
        }
        return ReviewTable(
            title: "四、" + label(Report.section4TitleKey), reconsideration: reconsideration, litigation: litigation,
            reconsiderationColumns: columns(.reconsideration),
            litigationGroups: litigationGroups.map { Header(id: "s4-\($0.rawValue)", label: label($0.messageKey)) },
            litigationColumns: litigationGroups.flatMap { columns($0) }, cells: cells)
    }
}
