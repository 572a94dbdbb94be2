/// How a request for government information was closed: one case per leaf of section 三 of the
/// annual report (国办公开办函〔2021〕30号), so a closed request is counted in exactly one row.
///
/// Raw values are stored with the request and must never change. `allCases` is in the order of
/// the statutory table, which the report's rows follow.
public enum DisclosureOutcome: String, Codable, Sendable, Hashable, CaseIterable, Comparable, CodingKeyRepresentable {
    /// （一）予以公开
    case disclose
    /// （二）部分公开: a request answered partly counts only here, whatever else was withheld.
    case partial

    // （三）不予公开
    case stateSecret = "withhold.state_secret"
    case prohibitedByLaw = "withhold.prohibited_by_law"
    /// 危及“三安全一稳定”: national, public, economic security and social stability.
    case endangersSecurity = "withhold.security_stability"
    case thirdPartyRights = "withhold.third_party"
    case internalAffairs = "withhold.internal_affairs"
    case processInformation = "withhold.process_information"
    case enforcementFile = "withhold.enforcement_file"
    case inquiryMatter = "withhold.inquiry_matter"

    // （四）无法提供
    case notHeld = "unable.not_held"
    case needsCreation = "unable.needs_creation"
    case stillUnclear = "unable.still_unclear"

    // （五）不予处理
    case complaint = "not_processed.complaint"
    case repeated = "not_processed.repeated"
    case publication = "not_processed.publication"
    case excessive = "not_processed.excessive"
    case confirmation = "not_processed.confirmation"

    // （六）其他处理
    /// The correction was not made in time (`DisclosureClock.State.correctionLapsed`).
    case noCorrection = "other.no_correction"
    /// The fee was not paid in time (`DisclosureClock.State.feeLapsed`).
    case feeUnpaid = "other.fee_unpaid"
    case other = "other.other"

    /// The six headings （一）…（六） of 三、本年度办理结果, in statutory order.
    public enum Group: String, Codable, Sendable, Hashable, CaseIterable {
        case disclose, partial, withhold, unable
        case notProcessed = "not_processed"
        case other

        /// 1 for （一） … 6 for （六）.
        public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }
        public var messageKey: String { "disclosure_outcome_group.\(rawValue)" }
        public var outcomes: [DisclosureOutcome] { DisclosureOutcome.allCases.filter { $0.group == self } }
    }

    public var group: Group {
        switch self {
        case .disclose: .disclose
        case .partial: .partial
        case .stateSecret, .prohibitedByLaw, .endangersSecurity, .thirdPartyRights, .internalAffairs,
             .processInformation, .enforcementFile, .inquiryMatter: .withhold
        case .notHeld, .needsCreation, .stillUnclear: .unable
        case .complaint, .repeated, .publication, .excessive, .confirmation: .notProcessed
        case .noCorrection, .feeUnpaid, .other: .other
        }
    }

    public var messageKey: String { "disclosure_outcome.\(rawValue)" }

    /// The 1., 2., … of the item under its group; nil for 予以公开 and 部分公开, which the table
    /// shows as the group row itself.
    public var itemNumber: Int? {
        let siblings = group.outcomes
        guard siblings.count > 1 else { return nil }
        return siblings.firstIndex(of: self)! + 1
    }

    public static func < (lhs: DisclosureOutcome, rhs: DisclosureOutcome) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// 申请人情况: who asked, as the columns of section 三 split them (总计 aside). Raw values are
/// stored with the request.
public enum ApplicantType: String, Codable, Sendable, Hashable, CaseIterable {
    /// 自然人
    case naturalPerson = "natural_person"
    // 法人或其他组织
    /// 商业企业
    case commercialEnterprise = "commercial_enterprise"
    /// 科研机构
    case researchInstitution = "research_institution"
    /// 社会公益组织
    case publicWelfareOrganisation = "public_welfare"
    /// 法律服务机构
    case legalServiceAgency = "legal_service"
    /// 其他
    case otherOrganisation = "other_organisation"

    public var messageKey: String { "applicant_type.\(rawValue)" }
    /// Under the heading 法人或其他组织.
    public var isOrganisation: Bool { self != .naturalPerson }
}
