/// The workflow in the guide editor's line format, one step per line:
///
///     审查 | review | 业务审查 | 承办人@MZJ | 6
///     审查 | joint_wjj | 卫健局联合审查 | 承办人@WJJ | 6
///     决定 | decision | 审批决定 | 负责人@MZJ | 2
///     会审 | panel | 专家会审 | 会签:li.ming、wang.fang | 3
///
/// `阶段 | key | 步骤名称 | 办理人 | 工作日`. Consecutive lines with the same stage name form one
/// stage and run in parallel (并联审批). The assignee is a role in a department
/// (`承办人@代码`, `负责人@代码`), one person (`人员:用户名`), or a group that must all approve
/// (`会签:用户名、用户名`) or of which any one may (`或签:…`). People are written by username;
/// the workbench turns them into accounts when it saves and back when it shows the text.
extension GuideText {
    public static func format(workflow: WorkflowDefinition, username: (String) -> String) -> String {
        workflow.stages.flatMap { stage in
            stage.steps.map { step in
                let assignee: String = switch step.assignee {
                case .role(let role, let code): "\(roleWords.word(for: role))@\(code)"
                case .person(let id): "\(personWord):\(username(id))"
                case .group(let members, let mode):
                    "\(countersignWords.word(for: mode)):" + members.map { cell(username($0), alsoReplacing: optionSeparators) }.joined(separator: "、")
                }
                return row([stage.name, step.key, step.name, assignee, String(step.allottedDays)])
            }
        }.joined(separator: "\n")
    }

    /// The definition with people as the usernames typed; nil for an empty text (the item then
    /// runs the default workflow).
    public static func parseWorkflow(_ text: String) -> Result<WorkflowDefinition?, LineProblems> {
        var keys = KeyRegister()
        let steps: Result<[(stage: String, step: WorkflowDefinition.Step)], LineProblems> = parse(text, cells: 5...5) { row in
            let stage = row[0]
            if stage.isEmpty { row.report(.missingName) }
            let key = row.key(at: 1, in: &keys)
            if row[2].isEmpty { row.report(.missingName) }
            let assignee = row.assignee(at: 3)
            let days = row.positiveNumber(at: 4, units: ["个工作日", "工作日", "天", "日"])
            if row[4].isEmpty { row.report(.missingDays) }
            return (stage, WorkflowDefinition.Step(key: key, name: row[2], assignee: assignee, allottedDays: days ?? 0))
        }
        return steps.map { lines in
            guard !lines.isEmpty else { return nil }
            var stages: [WorkflowDefinition.Stage] = []
            for line in lines {
                if stages.last?.name == line.stage {
                    stages[stages.count - 1].steps.append(line.step)
                } else {
                    stages.append(.init(name: line.stage, steps: [line.step]))
                }
            }
            return WorkflowDefinition(stages: stages)
        }
    }

    static let roleWords = GuideWords<Role>([
        (.departmentHandler, ["承办人", "经办人", Role.departmentHandler.rawValue]),
        (.departmentHead, ["负责人", "科室负责人", Role.departmentHead.rawValue]),
    ])
    static let personWord = "人员"
    static let countersignWords = GuideWords<WorkflowDefinition.CountersignMode>([
        (.all, ["会签", WorkflowDefinition.CountersignMode.all.rawValue]),
        (.any, ["或签", WorkflowDefinition.CountersignMode.any.rawValue]),
    ])
}

extension GuideText.Row {
    /// `承办人@MZJ`, `人员:name`, `会签:a、b` or `或签:a、b`.
    mutating func assignee(at index: Int) -> WorkflowDefinition.Assignee {
        let cell = self[index]
        let allowed = ["\(GuideText.roleWords.writtenWords[0])@代码", "\(GuideText.roleWords.writtenWords[1])@代码",
                       "\(GuideText.personWord):用户名", "会签:用户名、用户名", "或签:用户名、用户名"]
        if let at = cell.firstIndex(of: "@") {
            let code = GuideText.trimmed(cell[cell.index(after: at)...]).uppercased()
            if let role = GuideText.roleWords.value(for: GuideText.trimmed(cell[..<at])), !code.isEmpty {
                return .role(role, departmentCode: code)
            }
        } else if let colon = cell.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            let head = GuideText.trimmed(cell[..<colon])
            let rest = GuideText.trimmed(cell[cell.index(after: colon)...])
            let names = rest.split(whereSeparator: { GuideText.optionSeparators.contains($0) }).map(GuideText.trimmed).filter { !$0.isEmpty }
            if head == GuideText.personWord || head.lowercased() == "person", names.count == 1 {
                return .person(accountID: names[0])
            }
            if let mode = GuideText.countersignWords.value(for: head), !names.isEmpty {
                return .group(memberIDs: names, mode: mode)
            }
        }
        report(.unknownValue(cell, allowed: allowed))
        return .person(accountID: "")
    }
}

extension WorkflowDefinition {
    /// Everyone the definition names by account (persons and group members), once each.
    public var personIDs: [String] {
        var ids: [String] = []
        for step in stages.flatMap(\.steps) {
            switch step.assignee {
            case .person(let id): ids.append(id)
            case .group(let members, _): ids += members
            case .role: break
            }
        }
        return ids.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The definition with every person replaced through `resolve` (usernames to account ids
    /// or back), and the names `resolve` did not know.
    public func mappingPeople(_ resolve: (String) -> String?) -> (definition: WorkflowDefinition, unknown: [String]) {
        var unknown: [String] = []
        func map(_ name: String) -> String {
            if let resolved = resolve(name) { return resolved }
            if !unknown.contains(name) { unknown.append(name) }
            return name
        }
        var copy = self
        for s in copy.stages.indices {
            for t in copy.stages[s].steps.indices {
                switch copy.stages[s].steps[t].assignee {
                case .person(let id): copy.stages[s].steps[t].assignee = .person(accountID: map(id))
                case .group(let members, let mode): copy.stages[s].steps[t].assignee = .group(memberIDs: members.map(map), mode: mode)
                case .role: break
                }
            }
        }
        return (copy, unknown)
    }
}
