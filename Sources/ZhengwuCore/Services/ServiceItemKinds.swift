/// The closed vocabularies of the implementation list (实施清单). Stored as raw strings, so
/// adding a case never renumbers old rows; each has a `messageKey` into the UI tables.

/// 事项类型.
public enum ItemType: String, Codable, Sendable, CaseIterable {
    /// 行政许可
    case licence
    /// 行政确认
    case confirmation
    /// 行政给付
    case benefit
    /// 行政奖励
    case reward
    /// 行政备案
    case filing
    /// 其他行政权力
    case otherPower = "other_power"
    /// 公共服务
    case publicService = "public_service"

    public var messageKey: String { "item_type.\(rawValue)" }
}

/// 行使层级.
public enum AdministrativeLevel: String, Codable, Sendable, CaseIterable {
    case province, city, county, township
    public var messageKey: String { "level.\(rawValue)" }
}

/// Who may apply: 自然人 or 法人 (firms and organisations).
public enum ApplicantKind: String, Codable, Sendable, CaseIterable, Comparable {
    case person, organisation
    public var messageKey: String { "applicant_kind.\(rawValue)" }

    public static func < (lhs: ApplicantKind, rhs: ApplicantKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// 办件类型: 即办件 are decided on the spot, 承诺件 within a promised number of working days.
public enum HandlingType: String, Codable, Sendable, CaseIterable {
    case onTheSpot = "on_the_spot"
    case promised
    public var messageKey: String { "handling.\(rawValue)" }
}

/// 网上办理深度: how far an item can be handled online.
public enum OnlineDepth: Int, Codable, Sendable, CaseIterable, Comparable {
    /// 一级: the guide only.
    case information = 1
    /// 二级: forms can be downloaded and filled in advance.
    case forms = 2
    /// 三级: applied for online, finished at the window.
    case onlineApplication = 3
    /// 四级: everything online, result delivered.
    case fullyOnline = 4

    public var messageKey: String { "online_depth.\(rawValue)" }
    /// Online application is offered from level three up.
    public var acceptsOnlineApplications: Bool { self >= .onlineApplication }

    public static func < (lhs: OnlineDepth, rhs: OnlineDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The life events (主题) the public catalogue is browsed by.
public enum LifeEvent: String, Codable, Sendable, CaseIterable {
    case birth, schooling, employment, business, marriage, housing, construction
    case medical, disability, socialAssistance = "social_assistance", residence, elderly, agriculture, transport
    public var messageKey: String { "life_event.\(rawValue)" }
}

/// How a material must be handed in.
public enum MaterialNecessity: String, Codable, Sendable, CaseIterable {
    /// 必要
    case required
    /// 视情况提供: needed only in the circumstances the note describes.
    case conditional
    public var messageKey: String { "necessity.\(rawValue)" }
}

/// 原件 or 复印件.
public enum MaterialForm: String, Codable, Sendable, CaseIterable {
    case original, copy, originalAndCopy = "original_and_copy"
    public var messageKey: String { "material_form.\(rawValue)" }
}

/// 纸质 or 电子.
public enum MaterialMedium: String, Codable, Sendable, CaseIterable {
    case paper, electronic, either
    public var messageKey: String { "medium.\(rawValue)" }
}

/// Where a material comes from: the applicant, or another department that issued it as a
/// certificate (电子证照), which the platform can then reuse instead of asking again.
public enum MaterialSource: String, Codable, Sendable, CaseIterable {
    case applicant
    case issuedCertificate = "issued_certificate"
    public var messageKey: String { "material_source.\(rawValue)" }
}

/// 送达方式.
public enum DeliveryOption: String, Codable, Sendable, CaseIterable {
    case collect, post, electronic
    public var messageKey: String { "delivery.\(rawValue)" }
}
