import Foundation
import Vapor
import ZhengwuCore

/// A guide as the guide page, the printable guide and the blank form show it: every element,
/// with vocabulary already in the reader's language.
struct GuideView: Encodable {
    struct Material: Encodable {
        let key: String
        let name: String
        let necessity: String
        let isRequired: Bool
        let form: String
        let copies: Int
        let medium: String
        let source: String
        let certificateType: String
        let note: String
        let isApplicationForm: Bool
    }

    struct Field: Encodable {
        let key: String
        let label: String
        let kind: String
        let required: Bool
        let options: [String]
        let sample: String
        let help: String
        let isLong: Bool
        let isChoice: Bool
        let isDate: Bool
    }

    struct Procedure: Encodable {
        let name: String
        let days: Int
        let note: String
    }

    let code: String
    let name: String
    let subItem: String
    let itemType: String
    let level: String
    let department: String
    let applicantKinds: String
    let legalBasis: String
    let conditions: String
    let procedure: [String]
    let quantityLimit: String
    let handling: String
    let isOnTheSpot: Bool
    let legalLimitDays: Int
    let promisedLimitDays: Int
    let specialProcedures: [Procedure]
    let materials: [Material]
    let isFree: Bool
    let fee: String
    let feeBasis: String
    let place: String
    let hours: String
    let consultPhone: String
    let complaintPhone: String
    let onlineDepth: String
    let acceptsOnline: Bool
    let maxVisits: Int
    let jointDepartments: [String]
    let resultName: String
    let resultIsCertificate: Bool
    let resultSample: String
    let delivery: String
    let faq: [Question]
    let fields: [Field]
    let lifeEvents: [String]
    let availability: String
    let isActive: Bool
    let availabilityNotice: String
    let version: Int
    let publishedOn: String
    /// 办理流程图 as SVG, made by ZhengwuCore with every text escaped; nil for 即办件.
    let workflowPicture: String?

    init(_ published: CatalogueQuery.Published, on req: Request) {
        let guide = published.guide
        func t(_ key: String) -> String { req.t(key) }
        code = guide.code
        name = guide.name
        subItem = guide.subItem
        itemType = t(guide.itemType.messageKey)
        level = t(guide.level.messageKey)
        department = published.department.name
        applicantKinds = guide.applicantKinds.sorted().map { t($0.messageKey) }.joined(separator: "、")
        legalBasis = guide.legalBasis
        conditions = guide.conditions
        procedure = guide.procedure
        quantityLimit = guide.quantityLimit
        handling = t(guide.handling.messageKey)
        isOnTheSpot = guide.handling == .onTheSpot
        legalLimitDays = guide.legalLimitDays
        promisedLimitDays = guide.promisedLimitDays
        specialProcedures = guide.specialProcedures.map { Procedure(name: $0.name, days: $0.expectedDays, note: $0.note) }
        materials = guide.materials.map {
            Material(key: $0.key, name: $0.name, necessity: t($0.necessity.messageKey), isRequired: $0.necessity == .required,
                     form: t($0.form.messageKey), copies: $0.copies, medium: t($0.medium.messageKey),
                     source: t($0.source.messageKey), certificateType: $0.certificateType, note: $0.note,
                     isApplicationForm: $0.isApplicationForm)
        }
        isFree = guide.isFree
        fee = guide.fee
        feeBasis = guide.feeBasis
        place = guide.place
        hours = guide.hours
        consultPhone = guide.consultPhone
        complaintPhone = guide.complaintPhone
        onlineDepth = t(guide.onlineDepth.messageKey)
        acceptsOnline = guide.acceptsOnlineApplications && published.item.availability == .active
        maxVisits = guide.maxVisits
        jointDepartments = published.jointDepartments.map(\.name)
        resultName = guide.result.name
        resultIsCertificate = guide.result.isCertificate
        resultSample = guide.result.sample
        delivery = guide.result.delivery.map { t($0.messageKey) }.joined(separator: "、")
        faq = guide.faq
        fields = guide.form.map(Self.field)
        lifeEvents = guide.lifeEvents.map { t($0.messageKey) }
        availability = t(published.item.availability.messageKey)
        isActive = published.item.availability == .active
        availabilityNotice = published.item.availabilityNotice
        version = published.revisionNumber
        publishedOn = published.publishedAt.map { LocalDate($0, in: WorkingCalendar.default.timeZone).iso } ?? ""
        let names = Dictionary((published.jointDepartments + [published.department]).map { ($0.code, $0.shortName) },
                               uniquingKeysWith: { first, _ in first })
        workflowPicture = guide.effectiveWorkflow(leadDepartmentCode: published.department.code, departmentNames: names).map { workflow in
            workflow.svg(.init(title: req.t("guide.workflow_description",
                                            ["stages": workflow.stages.map(\.name).joined(separator: " → ")])))
        }
    }

    static func field(_ field: FormField) -> Field {
        Field(key: field.key, label: field.label, kind: field.kind.rawValue, required: field.required, options: field.options,
              sample: field.sample, help: field.help, isLong: field.kind == .longText, isChoice: field.kind == .choice,
              isDate: field.kind == .date)
    }
}
