/// What makes a guide publishable. The workbench editor shows these beside its fields, so
/// the keys are the editor's field names.
extension ServiceGuide {
    public static let codePattern = "A-Z, 0-9, -"

    public func problems(knownDepartmentCodes: Set<String>) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func add(_ field: String, _ key: String, _ arguments: [String: String] = [:]) {
            issues.append(FieldIssue(field: field, message: LocalizedMessage(key, arguments)))
        }
        if code.isEmpty || code.count > 40 || !code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            add("code", "guide.code_invalid")
        }
        for (field, value) in [("name", name), ("legal_basis", legalBasis), ("conditions", conditions), ("place", place),
                               ("hours", hours), ("consult_phone", consultPhone), ("complaint_phone", complaintPhone),
                               ("result_name", result.name)] where value.isEmpty {
            add(field, "form.required")
        }
        if procedure.isEmpty { add("procedure", "form.required") }
        if applicantKinds.isEmpty { add("applicant_kinds", "guide.no_applicant_kind") }
        switch handling {
        case .onTheSpot where legalLimitDays != 0 || promisedLimitDays != 0:
            add("promised_limit_days", "guide.on_the_spot_has_no_limit")
        case .promised where promisedLimitDays < 1 || legalLimitDays < 1:
            add("legal_limit_days", "guide.limit_required")
        case .promised where promisedLimitDays > legalLimitDays:
            add("promised_limit_days", "guide.promised_above_legal")
        default:
            break
        }
        if !(0...2).contains(maxVisits) { add("max_visits", "guide.visits_range") }
        if specialProcedures.contains(where: { $0.name.isEmpty || $0.expectedDays < 1 }) {
            add("special_procedures", "guide.special_procedure_invalid")
        }
        let materialKeys = materials.map(\.key)
        if Set(materialKeys).count != materialKeys.count || materialKeys.contains(where: { !Self.isKey($0) }) {
            add("materials", "guide.material_keys")
        }
        if materials.contains(where: { $0.name.isEmpty || $0.copies < 1 }) { add("materials", "guide.material_invalid") }
        if materials.contains(where: { $0.source == .issuedCertificate && $0.certificateType.isEmpty }) {
            add("materials", "guide.certificate_type_missing")
        }
        let fieldKeys = form.map(\.key)
        if Set(fieldKeys).count != fieldKeys.count || fieldKeys.contains(where: { !Self.isKey($0) }) {
            add("form", "guide.field_keys")
        }
        if form.contains(where: { $0.label.isEmpty }) { add("form", "guide.field_label_missing") }
        if form.contains(where: { $0.kind == .choice && $0.options.count < 2 }) { add("form", "guide.choice_options") }
        if acceptsOnlineApplications, form.isEmpty { add("form", "guide.online_needs_form") }
        let unknown = jointDepartmentCodes.filter { !knownDepartmentCodes.contains($0) }
        if !unknown.isEmpty { add("joint_departments", "guide.unknown_department", ["codes": unknown.joined(separator: ", ")]) }
        if let validity = result.validityYears, !(1...50).contains(validity) { add("result_validity_years", "guide.validity_range") }
        if let workflow {
            if handling == .onTheSpot { add("workflow", "guide.on_the_spot_has_no_workflow") }
            issues += workflow.problems(promisedLimitDays: promisedLimitDays, legalLimitDays: legalLimitDays,
                                        knownDepartmentCodes: knownDepartmentCodes)
                .filter { $0 != .promisedAboveLegal(promised: promisedLimitDays, legal: legalLimitDays) }
                .map { FieldIssue(field: "workflow", message: $0.message) }
        }
        return issues
    }

    /// Keys name posted fields and stored values: lower-case ASCII, digits and underscores,
    /// starting with a letter, so no key can be `_csrf` or another of the platform's own fields.
    static func isKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return key.count <= 40 && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
