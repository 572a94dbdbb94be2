/// Section 四: administrative reconsideration and litigation over disclosure, entered by staff
/// from the cases' files (the platform does not hold them).
extension AnnualDisclosureReport {
    /// The three groups of the table, in statutory order.
    public enum ReviewGroup: String, Codable, Sendable, Hashable, CaseIterable {
        /// 行政复议
        case reconsideration
        /// 行政诉讼 · 未经复议直接起诉
        case litigationDirect = "litigation_direct"
        /// 行政诉讼 · 复议后起诉
        case litigationAfterReconsideration = "litigation_after_reconsideration"

        public var messageKey: String { "annual_report.review.\(rawValue)" }
        /// 行政诉讼, above the two litigation groups; nil for 行政复议, which has no heading above it.
        public var headingKey: String? { self == .reconsideration ? nil : "annual_report.review.litigation" }
    }

    /// The five columns of each group.
    public enum ReviewColumn: String, Codable, Sendable, Hashable, CaseIterable {
        /// 结果维持
        case upheld
        /// 结果纠正
        case corrected
        /// 其他结果
        case other
        /// 尚未审结
        case pending
        /// 总计
        case total

        public var messageKey: String { "annual_report.review.\(rawValue)" }
    }

    /// 结果维持, 结果纠正, 其他结果 and 尚未审结 of one group, as staff enter them; the 总计 is not
    /// entered, so it cannot disagree.
    public struct ReviewResults: Codable, Sendable, Equatable {
        public var upheld = 0
        public var corrected = 0
        public var other = 0
        public var pending = 0

        public init(upheld: Int = 0, corrected: Int = 0, other: Int = 0, pending: Int = 0) {
            self.upheld = upheld
            self.corrected = corrected
            self.other = other
            self.pending = pending
        }

        public var sum: Int { upheld + corrected + other + pending }
    }

    /// One group as published: the four results and their 总计.
    public struct ReviewFigures: Codable, Sendable, Equatable {
        public var upheld = 0
        public var corrected = 0
        public var other = 0
        public var pending = 0
        public var total = 0

        public init(_ results: ReviewResults = ReviewResults()) {
            upheld = results.upheld
            corrected = results.corrected
            other = results.other
            pending = results.pending
            total = results.sum
        }

        public subscript(column: ReviewColumn) -> Int {
            switch column {
            case .upheld: upheld
            case .corrected: corrected
            case .other: other
            case .pending: pending
            case .total: total
            }
        }

        /// What `total` should be.
        public var sumOfResults: Int { upheld + corrected + other + pending }
    }

    public struct ReviewAndLitigation: Codable, Sendable, Equatable {
        public var reconsideration = ReviewFigures()
        public var litigationDirect = ReviewFigures()
        public var litigationAfterReconsideration = ReviewFigures()

        public init() {}

        public subscript(group: ReviewGroup) -> ReviewFigures {
            get {
                switch group {
                case .reconsideration: reconsideration
                case .litigationDirect: litigationDirect
                case .litigationAfterReconsideration: litigationAfterReconsideration
                }
            }
            set {
                switch group {
                case .reconsideration: reconsideration = newValue
                case .litigationDirect: litigationDirect = newValue
                case .litigationAfterReconsideration: litigationAfterReconsideration = newValue
                }
            }
        }
    }
}
