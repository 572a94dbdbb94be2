/// The figures of the statutory annual report on government information disclosure
/// (政府信息公开工作年度报告, format of 国办公开办函〔2021〕30号), sections 二, 三 and 四; section 一
/// and the closing sections are prose the organ writes.
///
/// `make` builds a report from the platform's records, and such a report always passes
/// `checks()`. A report is also stored as JSON and may be corrected by hand before publication,
/// so its figures are `var` and `checks()` reads them afresh rather than trusting the builder.
public struct AnnualDisclosureReport: Codable, Sendable, Equatable {
    public var year: Int
    /// The organ reported on, as the caller names it; both nil for the whole government.
    public var organCode: String?
    public var organName: String?
    /// 二、主动公开政府信息情况
    public var section2: ProactiveDisclosure
    /// 三、收到和处理政府信息公开申请情况
    public var section3: RequestTable
    /// 四、政府信息公开行政复议、行政诉讼情况
    public var section4: ReviewAndLitigation

    public init(year: Int, organCode: String?, organName: String?, section2: ProactiveDisclosure,
                section3: RequestTable, section4: ReviewAndLitigation) {
        self.year = year
        self.organCode = organCode
        self.organName = organName
        self.section2 = section2
        self.section3 = section3
        self.section4 = section4
    }

    // MARK: Section 二

    /// 本年制发件数, 本年废止件数, 现行有效件数 of one kind of document.
    public struct DocumentCounts: Codable, Sendable, Equatable {
        public var made = 0
        public var abolished = 0
        public var inForce = 0
        public init(made: Int = 0, abolished: Int = 0, inForce: Int = 0) {
            self.made = made
            self.abolished = abolished
            self.inForce = inForce
        }
    }

    public struct ProactiveDisclosure: Codable, Sendable, Equatable {
        /// 规章
        public var rules = DocumentCounts()
        /// 行政规范性文件
        public var normativeDocuments = DocumentCounts()
        /// 行政许可 本年处理决定数量
        public var permitDecisions = 0
        /// 行政处罚 本年处理决定数量
        public var penaltyDecisions = 0
        /// 行政强制 本年处理决定数量
        public var enforcementDecisions = 0
        /// 行政事业性收费 本年收费金额, in whole 元. The table asks for 万元; four decimals of 万元
        /// are whole 元, so an integer of 元 is exact where a `Double` would not be, and JSON carries
        /// it without the rounding `Decimal` suffers through `JSONDecoder`.
        public var feeYuan = 0

        public init() {}

        /// The fee as the table shows it: 万元 with four decimals, "12.3456" for 123,456 元.
        public var feeInTenThousandYuan: String {
            let units = String(feeYuan.magnitude / 10_000)
            let rest = String(feeYuan.magnitude % 10_000)
            return (feeYuan < 0 ? "-" : "") + units + "." + String(repeating: "0", count: 4 - rest.count) + rest
        }
    }

    // MARK: Section 三

    /// The seven columns of section 三: the six applicant types, then 总计.
    public enum Column: String, Codable, Sendable, Hashable, CaseIterable {
        case naturalPerson = "natural_person"
        case commercialEnterprise = "commercial_enterprise"
        case researchInstitution = "research_institution"
        case publicWelfareOrganisation = "public_welfare"
        case legalServiceAgency = "legal_service"
        case otherOrganisation = "other_organisation"
        case total

        /// 申请人情况, above all seven columns.
        public static let applicantsHeadingKey = "annual_report.requests.column.applicants"
        /// 法人或其他组织, above the five organisation columns.
        public static let organisationsHeadingKey = "annual_report.requests.column.organisations"

        public init(_ type: ApplicantType) { self.init(rawValue: type.rawValue)! }

        public var applicantType: ApplicantType? { ApplicantType(rawValue: rawValue) }
        public var messageKey: String { applicantType?.messageKey ?? "annual_report.requests.column.total" }
    }

    /// One row of section 三 across the seven columns.
    public struct Counts: Codable, Sendable, Equatable {
        public var naturalPerson = 0
        public var commercialEnterprise = 0
        public var researchInstitution = 0
        public var publicWelfareOrganisation = 0
        public var legalServiceAgency = 0
        public var otherOrganisation = 0
        public var total = 0

        public init() {}

        public subscript(column: Column) -> Int {
            get {
                switch column {
                case .naturalPerson: naturalPerson
                case .commercialEnterprise: commercialEnterprise
                case .researchInstitution: researchInstitution
                case .publicWelfareOrganisation: publicWelfareOrganisation
                case .legalServiceAgency: legalServiceAgency
                case .otherOrganisation: otherOrganisation
                case .total: total
                }
            }
            set {
                switch column {
                case .naturalPerson: naturalPerson = newValue
                case .commercialEnterprise: commercialEnterprise = newValue
                case .researchInstitution: researchInstitution = newValue
                case .publicWelfareOrganisation: publicWelfareOrganisation = newValue
                case .legalServiceAgency: legalServiceAgency = newValue
                case .otherOrganisation: otherOrganisation = newValue
                case .total: total = newValue
                }
            }
        }

        /// The seven values in `Column.allCases` order.
        public var values: [Int] { Column.allCases.map { self[$0] } }

        /// What `total` should be: the six applicant columns added up.
        public var sumOfApplicants: Int { ApplicantType.allCases.reduce(0) { $0 + self[Column($1)] } }

        mutating func count(_ type: ApplicantType) {
            self[Column(type)] += 1
            total += 1
        }
    }

    /// A row of section 三 that holds figures.
    public enum Line: Hashable, Sendable, CaseIterable {
        /// 一、本年新收政府信息公开申请数量
        case newlyReceived
        /// 二、上年结转政府信息公开申请数量
        case carriedOver
        /// 三（一）…（六）
        case outcome(DisclosureOutcome)
        /// 三（七）总计
        case resultsTotal
        /// 四、结转下年度继续办理
        case carriedForward

        /// In statutory order.
        public static var allCases: [Line] {
            [.newlyReceived, .carriedOver] + DisclosureOutcome.allCases.map(Line.outcome) + [.resultsTotal, .carriedForward]
        }
    }

    public struct RequestTable: Codable, Sendable, Equatable {
        public var newlyReceived = Counts()
        public var carriedOver = Counts()
        /// An outcome missing here (JSON written by hand) reads as a row of zeros.
        public var outcomes: [DisclosureOutcome: Counts] = [:]
        public var resultsTotal = Counts()
        public var carriedForward = Counts()

        public init() {}

        public subscript(line: Line) -> Counts {
            get {
                switch line {
                case .newlyReceived: newlyReceived
                case .carriedOver: carriedOver
                case .outcome(let outcome): outcomes[outcome] ?? Counts()
                case .resultsTotal: resultsTotal
                case .carriedForward: carriedForward
                }
            }
            set {
                switch line {
                case .newlyReceived: newlyReceived = newValue
                case .carriedOver: carriedOver = newValue
                case .outcome(let outcome): outcomes[outcome] = newValue
                case .resultsTotal: resultsTotal = newValue
                case .carriedForward: carriedForward = newValue
                }
            }
        }
    }
}
