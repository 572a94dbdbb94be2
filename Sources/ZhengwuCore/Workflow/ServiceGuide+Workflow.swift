/// The workflow an item runs when its department has not drawn its own: the lead department's
/// handler reviews while each joint-handling department reviews in parallel (并联审批), then the
/// head of the lead department decides. The promised limit is shared out: a quarter (at least
/// one day) for the decision, the rest for the review.
extension ServiceGuide {
    /// `departmentNames` (by code) name the joint reviews; codes stand in for missing names.
    public func defaultWorkflow(leadDepartmentCode: String, departmentNames: [String: String] = [:]) -> WorkflowDefinition? {
        guard handling == .promised, promisedLimitDays >= 1 else { return nil }
        if promisedLimitDays == 1 {
            return WorkflowDefinition(stages: [
                .init(name: "审查决定", steps: [
                    .init(key: "decision", name: "审查决定", assignee: .role(.departmentHead, departmentCode: leadDepartmentCode), allottedDays: 1),
                ]),
            ])
        }
        let decisionDays = max(1, promisedLimitDays / 4)
        let reviewDays = promisedLimitDays - decisionDays
        var review: [WorkflowDefinition.Step] = [
            .init(key: "review", name: "审查", assignee: .role(.departmentHandler, departmentCode: leadDepartmentCode), allottedDays: reviewDays),
        ]
        for code in jointDepartmentCodes where code != leadDepartmentCode {
            review.append(.init(key: "joint_\(code.lowercased())", name: "联合审查（\(departmentNames[code] ?? code)）",
                                assignee: .role(.departmentHandler, departmentCode: code), allottedDays: reviewDays))
        }
        return WorkflowDefinition(stages: [
            .init(name: review.count > 1 ? "并联审查" : "审查", steps: review),
            .init(name: "审批决定", steps: [
                .init(key: "decision", name: "审批决定", assignee: .role(.departmentHead, departmentCode: leadDepartmentCode),
                      allottedDays: decisionDays),
            ]),
        ])
    }

    /// The department's own workflow, or the default one.
    public func effectiveWorkflow(leadDepartmentCode: String, departmentNames: [String: String] = [:]) -> WorkflowDefinition? {
        workflow ?? defaultWorkflow(leadDepartmentCode: leadDepartmentCode, departmentNames: departmentNames)
    }
}
