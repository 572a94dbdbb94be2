/// 主题分类: the subject categories of government publications, as the State Council's
/// 政府信息公开目录 uses them. Raw values are stable storage keys and appear in feed URLs.
public enum PublicationSubject: String, Codable, Sendable, CaseIterable {
    case organisation = "organisation"          // 国务院组织机构 / 机构职能
    case generalAffairs = "general_affairs"     // 综合政务
    case economy = "economy"                    // 国民经济管理、国有资产监管
    case finance = "finance"                    // 财政、金融、审计
    case landAndResources = "land_resources"    // 国土资源、能源
    case agriculture = "agriculture"            // 农业、林业、水利
    case industryTransport = "industry_transport" // 工业、交通
    case commerce = "commerce"                  // 商贸、海关、旅游
    case marketRegulation = "market_regulation" // 市场监管、安全生产监管
    case construction = "construction"          // 城乡建设、环境保护
    case scienceEducation = "science_education" // 科技、教育
    case culture = "culture"                    // 文化、广电、新闻出版
    case healthSports = "health_sports"         // 卫生、体育
    case population = "population"              // 人口与计划生育、妇女儿童工作
    case labour = "labour"                      // 劳动、人事、监察
    case publicSecurity = "public_security"     // 公安、安全、司法
    case civilAffairs = "civil_affairs"         // 民政、扶贫、救灾
    case ethnicReligion = "ethnic_religion"     // 民族、宗教
    case other = "other"                        // 其他

    public var messageKey: String { "publication_subject.\(rawValue)" }
}

/// 体裁: the kind of document. Rules and normative documents carry a validity state.
public enum PublicationGenre: String, Codable, Sendable, CaseIterable {
    case notice = "notice"                  // 通知
    case announcement = "announcement"      // 公告
    case circular = "circular"              // 通告
    case opinion = "opinion"                // 意见
    case decision = "decision"              // 决定
    case rule = "rule"                      // 规章
    case normative = "normative"            // 行政规范性文件
    case plan = "plan"                      // 规划、计划
    case report = "report"                  // 报告、总结
    case reply = "reply"                    // 批复、函
    case statistics = "statistics"          // 统计数据
    case other = "other"                    // 其他

    public var messageKey: String { "publication_genre.\(rawValue)" }

    /// 规章 and 行政规范性文件 state whether they are in force, and the annual report counts them.
    public var hasValidity: Bool { self == .rule || self == .normative }
}

/// 有效性 of a rule or normative document.
public enum PublicationValidity: String, Codable, Sendable, CaseIterable {
    /// 有效
    case valid
    /// 失效: expired by its own terms (its period ended, or it was replaced).
    case expired
    /// 废止: repealed by a decision.
    case abolished

    public var messageKey: String { "publication_validity.\(rawValue)" }
}

/// Where one edition of a publication stands.
public enum EditionState: String, Codable, Sendable, CaseIterable {
    /// Being written; a rejected edition returns here with the publisher's comment.
    case draft
    /// Sent for review; nobody can change it until a publisher decides.
    case submitted
    /// Approved for a set time; the background job publishes it then.
    case scheduled
    /// What the public reads.
    case published
    /// Replaced by a later edition; still public, in the history of editions.
    case superseded

    public var messageKey: String { "edition_state.\(rawValue)" }
    public var isEditable: Bool { self == .draft }
    public var isPublic: Bool { self == .published || self == .superseded }
}

/// Where a publication as a whole stands once it has been published.
public enum PublicationStatus: String, Codable, Sendable, CaseIterable {
    /// Never published yet.
    case unpublished
    case live
    /// 撤回: the page stays, with the reason shown; it leaves the catalogue and feeds.
    case withdrawn
    /// 删除: the page answers 410 Gone with a note (e.g. published by mistake, personal data).
    case removed

    public var messageKey: String { "publication_status.\(rawValue)" }
    /// Found by search: live pages, and withdrawn ones, which keep their address and reason.
    public var isSearchable: Bool { self == .live || self == .withdrawn }
}
