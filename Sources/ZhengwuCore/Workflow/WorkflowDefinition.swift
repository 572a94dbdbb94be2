/// An item's approval workflow (审批流程): stages one after another; a stage with several steps
/// runs them in parallel (并联审批) and is done when every one of them is. Each step has its
/// own time allotment in working days.
public struct WorkflowDefinition: Codable, Sendable, Equatable {
    public var stages: [Stage]

    public init(stages: [Stage]) {
        self.stages = stages
    }

    public struct Stage: Codable, Sendable, Equatable {
        public var name: String
        public var steps: [Step]

        public init(name: String, steps: [Step]) {
            self.name = name
            self.steps = steps
        }

        public var isParallel: Bool { steps.count > 1 }
        /// Parallel steps run at the same time, so the stage takes as long as its longest step.
        public var allottedDays: Int { steps.map(\.allottedDays).max() ?? 0 }
    }

    public struct Step: Codable, Sendable, Equatable {
        /// Stable within the workflow: timelines and running cases refer to it.
        public var key: String
        public var name: String
        public var assignee: Assignee
        public var allottedDays: Int

        public init(key: String, name: String, assignee: Assignee, allottedDays: Int) {
            self.key = key
            self.name = name
            self.assignee = assignee
            self.allottedDays = allottedDays
        }
    }

    /// Who does a step.
    public enum Assignee: Codable, Sendable, Equatable {
        /// One named member of staff.
        case person(accountID: String)
        /// Whoever holds `role` in the department (by code) picks it up.
        case role(Role, departmentCode: String)
        /// Several people: all must approve (会签) or any one (或签).
        case group(memberIDs: [String], mode: CountersignMode)
    }

    public enum CountersignMode: String, Codable, Sendable, CaseIterable {
        /// 会签: every member approves.
        case all
        /// 或签: the first member to approve decides.
        case any
    }

    /// Working days the workflow allots in all: the sum of its stages.
    public var allottedDays: Int { stages.map(\.allottedDays).reduce(0, +) }

    public func step(_ key: String) -> (stage: Int, step: Step)? {
        for (index, stage) in stages.enumerated() {
            if let step = stage.steps.first(where: { $0.key == key }) { return (index, step) }
        }
        return nil
    }
}
