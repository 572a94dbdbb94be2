/// What makes a workflow definition usable; checked when the department saves it.
extension WorkflowDefinition {
    public enum Problem: Error, Equatable, Sendable, UserFacingError {
        case noStages
        case emptyStage(stage: Int)
        case badStepKey(String)
        case duplicateStepKey(String)
        case missingStepName(String)
        case allotmentTooSmall(String)
        case groupTooSmall(String)
        case duplicateMember(String)
        case unknownDepartment(step: String, code: String)
        /// The allotments add up to more than the promised limit.
        case exceedsPromisedLimit(total: Int, promised: Int)
        case promisedAboveLegal(promised: Int, legal: Int)

        public var message: LocalizedMessage {
            switch self {
            case .noStages: LocalizedMessage("workflow.no_stages")
            case .emptyStage(let stage): LocalizedMessage("workflow.empty_stage", ["stage": String(stage + 1)])
            case .badStepKey(let key): LocalizedMessage("workflow.bad_step_key", ["key": key])
            case .duplicateStepKey(let key): LocalizedMessage("workflow.duplicate_step_key", ["key": key])
            case .missingStepName(let key): LocalizedMessage("workflow.missing_step_name", ["key": key])
            case .allotmentTooSmall(let key): LocalizedMessage("workflow.allotment_too_small", ["key": key])
            case .groupTooSmall(let key): LocalizedMessage("workflow.group_too_small", ["key": key])
            case .duplicateMember(let key): LocalizedMessage("workflow.duplicate_member", ["key": key])
            case .unknownDepartment(let step, let code): LocalizedMessage("workflow.unknown_department", ["key": step, "code": code])
            case .exceedsPromisedLimit(let total, let promised):
                LocalizedMessage("workflow.exceeds_promised", ["total": String(total), "promised": String(promised)])
            case .promisedAboveLegal(let promised, let legal):
                LocalizedMessage("workflow.promised_above_legal", ["promised": String(promised), "legal": String(legal)])
            }
        }
    }

    /// Every problem at once, in stage order.
    public func problems(promisedLimitDays: Int, legalLimitDays: Int, knownDepartmentCodes: Set<String>) -> [Problem] {
        var problems: [Problem] = []
        if stages.isEmpty { problems.append(.noStages) }
        var seen: Set<String> = []
        for (index, stage) in stages.enumerated() {
            if stage.steps.isEmpty { problems.append(.emptyStage(stage: index)) }
            for step in stage.steps {
                if !ServiceGuide.isKey(step.key) { problems.append(.badStepKey(step.key)) }
                if !seen.insert(step.key).inserted { problems.append(.duplicateStepKey(step.key)) }
                if step.name.isEmpty { problems.append(.missingStepName(step.key)) }
                if step.allottedDays < 1 { problems.append(.allotmentTooSmall(step.key)) }
                switch step.assignee {
                case .person:
                    break
                case .role(_, let code):
                    if !knownDepartmentCodes.contains(code) { problems.append(.unknownDepartment(step: step.key, code: code)) }
                case .group(let members, _):
                    if members.count < 2 { problems.append(.groupTooSmall(step.key)) }
                    if Set(members).count != members.count { problems.append(.duplicateMember(step.key)) }
                }
            }
        }
        if promisedLimitDays > legalLimitDays {
            problems.append(.promisedAboveLegal(promised: promisedLimitDays, legal: legalLimitDays))
        }
        if allottedDays > promisedLimitDays {
            problems.append(.exceedsPromisedLimit(total: allottedDays, promised: promisedLimitDays))
        }
        return problems
    }
}
