import Vapor
import ZhengwuCore

/// The workbench's guide editor form: every element of a guide as one HTML form field, list
/// elements as textareas in GuideText's line format. Reading never loses what was typed; the
/// problems point at the field (and line) to fix.
struct GuideEditorForm: Encodable {
    static let textFields = [
        "code", "name", "sub_item", "item_type", "level", "keywords", "legal_basis", "conditions", "procedure",
        "quantity_limit", "handling", "legal_limit_days", "promised_limit_days", "special_procedures", "materials", "fee",
        "fee_basis", "place", "hours", "consult_phone", "complaint_phone", "online_depth", "max_visits", "joint_departments",
        "result_name", "result_is_certificate", "result_sample", "result_validity_years", "faq", "form", "workflow", "change_note",
    ]

    var values: [String: String]
    var applicantKinds: Set<String>
    var lifeEvents: Set<String>
    var delivery: Set<String>

    init(guide: ServiceGuide) {
        values = [
            "code": guide.code, "name": guide.name, "sub_item": guide.subItem, "item_type": guide.itemType.rawValue,
            "level": guide.level.rawValue, "keywords": guide.keywords.joined(separator: "、"), "legal_basis": guide.legalBasis,
            "conditions": guide.conditions, "procedure": guide.procedure.joined(separator: "\n"),
            "quantity_limit": guide.quantityLimit, "handling": guide.handling.rawValue,
            "legal_limit_days": String(guide.legalLimitDays), "promised_limit_days": String(guide.promisedLimitDays),
            "special_procedures": GuideText.format(specialProcedures: guide.specialProcedures),
            "materials": GuideText.format(materials: guide.materials), "fee": guide.fee, "fee_basis": guide.feeBasis,
            "place": guide.place, "hours": guide.hours, "consult_phone": guide.consultPhone, "complaint_phone": guide.complaintPhone,
            "online_depth": String(guide.onlineDepth.rawValue), "max_visits": String(guide.maxVisits),
            "joint_departments": guide.jointDepartmentCodes.joined(separator: ", "), "result_name": guide.result.name,
            "result_is_certificate": guide.result.isCertificate ? "on" : "", "result_sample": guide.result.sample,
            "result_validity_years": guide.result.validityYears.map(String.init) ?? "",
            "faq": GuideText.format(faq: guide.faq), "form": GuideText.format(fields: guide.form), "change_note": "",
        ]
        applicantKinds = Set(guide.applicantKinds.map(\.rawValue))
        lifeEvents = Set(guide.lifeEvents.map(\.rawValue))
        delivery = Set(guide.result.delivery.map(\.rawValue))
    }

    init(reading req: Request) {
        var values: [String: String] = [:]
        for name in Self.textFields {
            values[name] = req.typedField(name)
        }
        self.values = values
        func set(_ name: String) -> Set<String> {
            Set((try? req.content.get([String].self, at: name)) ?? ((try? req.content.get(String.self, at: name)).map { [$0] } ?? []))
        }
        applicantKinds = set("applicant_kinds")
        lifeEvents = set("life_events")
        delivery = set("delivery")
    }

    /// The guide the form describes, or the problems that stop it being one. The workflow's
    /// people are still usernames: the controller turns them into accounts (StaffUsernames).
    func guide() -> (ServiceGuide?, [FieldIssue]) {
        var issues: [FieldIssue] = []
        func value(_ name: String) -> String { values[name] ?? "" }
        func number(_ name: String) -> Int {
            if let n = Int(value(name)), n >= 0 { return n }
            issues.append(FieldIssue(field: name, message: LocalizedMessage("form.not_a_number")))
            return 0
        }
        func list<T>(_ name: String, _ result: Result<[T], LineProblems>) -> [T] {
            switch result {
            case .success(let items): return items
            case .failure(let problems):
                issues += problems.problems.map { FieldIssue(field: name, message: $0.message) }
                return []
            }
        }
        var guide = ServiceGuide(
            code: value("code").uppercased(), name: value("name"), subItem: value("sub_item"),
            itemType: ItemType(rawValue: value("item_type")) ?? .licence,
            level: AdministrativeLevel(rawValue: value("level")) ?? .county,
            applicantKinds: ApplicantKind.allCases.filter { applicantKinds.contains($0.rawValue) },
            lifeEvents: LifeEvent.allCases.filter { lifeEvents.contains($0.rawValue) },
            keywords: GuideText.keywords(value("keywords")), legalBasis: value("legal_basis"), conditions: value("conditions"),
            procedure: GuideText.lines(value("procedure")), quantityLimit: value("quantity_limit"),
            handling: HandlingType(rawValue: value("handling")) ?? .promised,
            legalLimitDays: number("legal_limit_days"), promisedLimitDays: number("promised_limit_days"),
            specialProcedures: list("special_procedures", GuideText.parseSpecialProcedures(value("special_procedures"))),
            materials: list("materials", GuideText.parseMaterials(value("materials"))),
            fee: value("fee"), feeBasis: value("fee_basis"), place: value("place"), hours: value("hours"),
            consultPhone: value("consult_phone"), complaintPhone: value("complaint_phone"),
            onlineDepth: OnlineDepth(rawValue: Int(value("online_depth")) ?? 1) ?? .information, maxVisits: number("max_visits"),
            jointDepartmentCodes: GuideText.keywords(value("joint_departments").uppercased()),
            result: ServiceResult(name: value("result_name"), isCertificate: !value("result_is_certificate").isEmpty,
                                  sample: value("result_sample"),
                                  delivery: DeliveryOption.allCases.filter { delivery.contains($0.rawValue) },
                                  validityYears: value("result_validity_years").isEmpty ? nil : number("result_validity_years")),
            faq: list("faq", GuideText.parseFAQ(value("faq"))), form: list("form", GuideText.parseFields(value("form"))))
        switch GuideText.parseWorkflow(value("workflow")) {
        case .success(let workflow): guide.workflow = workflow
        case .failure(let problems): issues += problems.problems.map { FieldIssue(field: "workflow", message: $0.message) }
        }
        return issues.isEmpty ? (guide, []) : (nil, issues)
    }
}
