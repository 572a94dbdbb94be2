/// A service item's guide (办事指南): the seeds' eight published elements plus the national
/// implementation list (实施清单). One value is one version; the platform keeps every version
/// and shows the public the published one.
public struct ServiceGuide: Codable, Sendable, Equatable {
    /// 事项编码: unique across the installation, also the item's public address.
    public var code: String
    /// 项目名称
    public var name: String
    /// 子项名称, when the item is one case of a wider power.
    public var subItem: String
    public var itemType: ItemType
    public var level: AdministrativeLevel
    public var applicantKinds: [ApplicantKind]
    public var lifeEvents: [LifeEvent]
    /// Extra words people search by (e.g. 营业执照 for 个体工商户登记).
    public var keywords: [String]
    /// 法定依据
    public var legalBasis: String
    /// 办事条件
    public var conditions: String
    /// 办事程序, one step per entry.
    public var procedure: [String]
    /// 数量限制
    public var quantityLimit: String
    public var handling: HandlingType
    /// 法定办结时限, working days; 0 for 即办件.
    public var legalLimitDays: Int
    /// 承诺办结时限, working days; never above the legal limit.
    public var promisedLimitDays: Int
    /// 特别程序: time spent in them does not count toward the limits.
    public var specialProcedures: [SpecialProcedure]
    /// 办事要件
    public var materials: [MaterialRequirement]
    /// 收费标准; empty when the item is free.
    public var fee: String
    /// 收费依据
    public var feeBasis: String
    /// 办理地点
    public var place: String
    /// 办理时间
    public var hours: String
    /// 咨询电话
    public var consultPhone: String
    /// 监督投诉电话
    public var complaintPhone: String
    public var onlineDepth: OnlineDepth
    /// 到现场次数: the most visits in person an applicant needs (0, 1 or 2).
    public var maxVisits: Int
    /// 联办部门: departments (by code) that review in parallel with the implementing one.
    public var jointDepartmentCodes: [String]
    /// 办理结果
    public var result: ServiceResult
    /// 常见问题
    public var faq: [Question]
    /// The application form (申请表) the applicant fills in, online or on paper.
    public var form: [FormField]
    /// How an accepted case is reviewed and decided; nil uses `defaultWorkflow`. Kept in the
    /// guide's version, so a running case keeps the workflow it started with.
    public var workflow: WorkflowDefinition?

    public init(code: String, name: String, subItem: String = "", itemType: ItemType, level: AdministrativeLevel = .county,
                applicantKinds: [ApplicantKind], lifeEvents: [LifeEvent], keywords: [String] = [],
                legalBasis: String, conditions: String, procedure: [String], quantityLimit: String = "",
                handling: HandlingType, legalLimitDays: Int, promisedLimitDays: Int,
                specialProcedures: [SpecialProcedure] = [], materials: [MaterialRequirement],
                fee: String = "", feeBasis: String = "", place: String, hours: String,
                consultPhone: String, complaintPhone: String, onlineDepth: OnlineDepth, maxVisits: Int,
                jointDepartmentCodes: [String] = [], result: ServiceResult, faq: [Question] = [], form: [FormField],
                workflow: WorkflowDefinition? = nil) {
        self.code = code
        self.name = name
        self.subItem = subItem
        self.itemType = itemType
        self.level = level
        self.applicantKinds = applicantKinds
        self.lifeEvents = lifeEvents
        self.keywords = keywords
        self.legalBasis = legalBasis
        self.conditions = conditions
        self.procedure = procedure
        self.quantityLimit = quantityLimit
        self.handling = handling
        self.legalLimitDays = legalLimitDays
        self.promisedLimitDays = promisedLimitDays
        self.specialProcedures = specialProcedures
        self.materials = materials
        self.fee = fee
        self.feeBasis = feeBasis
        self.place = place
        self.hours = hours
        self.consultPhone = consultPhone
        self.complaintPhone = complaintPhone
        self.onlineDepth = onlineDepth
        self.maxVisits = maxVisits
        self.jointDepartmentCodes = jointDepartmentCodes
        self.result = result
        self.faq = faq
        self.form = form
        self.workflow = workflow
    }

    public var isFree: Bool { fee.isEmpty }
    public var isJointHandling: Bool { !jointDepartmentCodes.isEmpty }
    public var acceptsOnlineApplications: Bool { onlineDepth.acceptsOnlineApplications }

    public func material(_ key: String) -> MaterialRequirement? { materials.first { $0.key == key } }
}

/// 特别程序: a hearing, inspection, testing or expert review, with its expected length.
public struct SpecialProcedure: Codable, Sendable, Equatable {
    public var name: String
    /// Expected duration in working days, told to the applicant in writing (art. 45).
    public var expectedDays: Int
    public var note: String

    public init(name: String, expectedDays: Int, note: String = "") {
        self.name = name
        self.expectedDays = expectedDays
        self.note = note
    }
}

/// One material (材料) with every attribute of the implementation list.
public struct MaterialRequirement: Codable, Sendable, Equatable {
    /// Stable within the item: an application's uploads refer to it.
    public var key: String
    public var name: String
    public var necessity: MaterialNecessity
    public var form: MaterialForm
    public var copies: Int
    public var medium: MaterialMedium
    public var source: MaterialSource
    /// For `.issuedCertificate`: the certificate type (e.g. 户口簿) a reference must be of.
    public var certificateType: String
    /// When it is needed, how it must look.
    public var note: String
    /// The blank form is the item's own application form (申请表), generated from `form`.
    public var isApplicationForm: Bool

    public init(key: String, name: String, necessity: MaterialNecessity = .required, form: MaterialForm = .original,
                copies: Int = 1, medium: MaterialMedium = .either, source: MaterialSource = .applicant,
                certificateType: String = "", note: String = "", isApplicationForm: Bool = false) {
        self.key = key
        self.name = name
        self.necessity = necessity
        self.form = form
        self.copies = copies
        self.medium = medium
        self.source = source
        self.certificateType = certificateType
        self.note = note
        self.isApplicationForm = isApplicationForm
    }
}

/// 办理结果: what the applicant receives.
public struct ServiceResult: Codable, Sendable, Equatable {
    public var name: String
    /// Whether the result is a certificate (证照) that other departments may later reuse.
    public var isCertificate: Bool
    /// What the result looks like (样本), described in words.
    public var sample: String
    public var delivery: [DeliveryOption]
    /// Whole years a certificate stays valid; nil: without a time limit.
    public var validityYears: Int?

    public init(name: String, isCertificate: Bool, sample: String = "", delivery: [DeliveryOption], validityYears: Int? = nil) {
        self.name = name
        self.isCertificate = isCertificate
        self.sample = sample
        self.delivery = delivery
        self.validityYears = validityYears
    }
}

/// 常见问题.
public struct Question: Codable, Sendable, Equatable {
    public var question: String
    public var answer: String

    public init(_ question: String, _ answer: String) {
        self.question = question
        self.answer = answer
    }
}
