/// A case moving through its workflow: which stage it is in, each step's state, and what was
/// done. A pure value: the application stores it and records each operation on the timeline.
///
/// Operations check who may act and what state allows, and throw a `WorkflowError` otherwise,
/// leaving the run unchanged.
public struct WorkflowRun: Codable, Sendable, Equatable {
    /// The version the case started with; later edits of the item's workflow do not touch it.
    public let definition: WorkflowDefinition
    /// The stage being worked; equal to the number of stages once every stage is done.
    public private(set) var stageIndex: Int
    public private(set) var steps: [String: StepState]
    /// Approvals that can still be recalled, newest last.
    private var recallable: [Recallable]

    public struct StepState: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable { case waiting, active, done }

        public internal(set) var status: Status
        public internal(set) var assignee: WorkflowDefinition.Assignee
        /// Who has approved so far (for a group, each member once).
        public internal(set) var approvedBy: [String]
        /// 签收: who picked the step up, once someone has.
        public internal(set) var signedForBy: String?
        /// 加签: people who must also approve before the step is done.
        public internal(set) var addedSigners: [String]
    }

    /// The person acting, as the workflow needs to know them.
    public struct Participant: Sendable, Equatable {
        public let accountID: String
        public let roles: Set<Role>
        /// Code of the department the person sits in.
        public let departmentCode: String?

        public init(accountID: String, roles: Set<Role>, departmentCode: String?) {
            self.accountID = accountID
            self.roles = roles
            self.departmentCode = departmentCode
        }
    }

    private struct Recallable: Codable, Sendable, Equatable {
        let accountID: String
        let stageIndexBefore: Int
        let stepsBefore: [String: StepState]
        /// The state the approval left; a recall is possible only while nothing has changed it.
        var stageIndexAfter: Int
        var stepsAfter: [String: StepState]
    }

    public init(definition: WorkflowDefinition) {
        self.definition = definition
        stageIndex = 0
        steps = [:]
        recallable = []
        for stage in definition.stages {
            for step in stage.steps {
                steps[step.key] = StepState(status: .waiting, assignee: step.assignee, approvedBy: [], signedForBy: nil, addedSigners: [])
            }
        }
        activate(stage: 0)
    }

    public var isFinished: Bool { stageIndex >= definition.stages.count }

    /// Keys of the steps waiting for someone now.
    public var activeSteps: [String] {
        guard !isFinished else { return [] }
        return definition.stages[stageIndex].steps.map(\.key).filter { steps[$0]?.status == .active }
    }

    /// Whether `person` is one of those who may work `stepKey` (approve, sign for, transfer).
    public func mayWork(_ stepKey: String, _ person: Participant) -> Bool {
        guard let state = steps[stepKey], state.status == .active else { return false }
        if state.addedSigners.contains(person.accountID) && !state.approvedBy.contains(person.accountID) { return true }
        switch state.assignee {
        case .person(let accountID):
            return accountID == person.accountID
        case .role(let role, let department):
            return person.roles.contains(role) && person.departmentCode == department
        case .group(let members, _):
            return members.contains(person.accountID) && !state.approvedBy.contains(person.accountID)
        }
    }

    /// Whether `person` could take back their latest approval now.
    public func canRecall(_ person: Participant) -> Bool {
        guard let last = recallable.last, last.accountID == person.accountID else { return false }
        return steps == last.stepsAfter && stageIndex == last.stageIndexAfter
    }

    // MARK: operations

    /// 签收: `person` takes the step; others holding the same role no longer see it as open.
    public mutating func signFor(_ stepKey: String, by person: Participant) throws(WorkflowError) {
        let state = try workable(stepKey, by: person)
        if let holder = state.signedForBy, holder != person.accountID, !isGroup(state) { throw .alreadySignedFor }
        steps[stepKey]?.signedForBy = person.accountID
    }

    /// Approves and forwards. A step is done when its assignee has approved, every added signer
    /// too, and for a countersign-all group every member; a stage is done when all its
    /// (parallel) steps are, and the next stage opens.
    public mutating func approve(_ stepKey: String, by person: Participant) throws(WorkflowError) {
        let state = try workable(stepKey, by: person)
        if case .person = state.assignee, let holder = state.signedForBy, holder != person.accountID { throw .alreadySignedFor }
        if case .role = state.assignee, let holder = state.signedForBy, holder != person.accountID,
           !state.addedSigners.contains(person.accountID) { throw .alreadySignedFor }
        var memo = Recallable(accountID: person.accountID, stageIndexBefore: stageIndex, stepsBefore: steps,
                              stageIndexAfter: 0, stepsAfter: [:])
        steps[stepKey]?.approvedBy.append(person.accountID)
        if isComplete(steps[stepKey]!) {
            steps[stepKey]?.status = .done
            if activeSteps.isEmpty {
                stageIndex += 1
                activate(stage: stageIndex)
            }
        }
        memo.stageIndexAfter = stageIndex
        memo.stepsAfter = steps
        recallable.append(memo)
    }

    /// 退回: sends the case back to an earlier stage (or the start of this one); everything from
    /// there on is done again.
    public mutating func returnTo(stage target: Int, from stepKey: String, by person: Participant) throws(WorkflowError) {
        _ = try workable(stepKey, by: person)
        guard target >= 0, target <= stageIndex else { throw .noSuchStage }
        for index in target..<definition.stages.count {
            for step in definition.stages[index].steps {
                steps[step.key] = StepState(status: .waiting, assignee: steps[step.key]!.assignee, approvedBy: [],
                                            signedForBy: nil, addedSigners: [])
            }
        }
        stageIndex = target
        activate(stage: target)
        recallable.removeAll()
    }

    /// 转办: hands the step to a colleague, who must then approve it.
    public mutating func transfer(_ stepKey: String, to accountID: String, by person: Participant) throws(WorkflowError) {
        let state = try workable(stepKey, by: person)
        guard !isGroup(state) else { throw .notForGroups }
        guard accountID != person.accountID else { throw .samePerson }
        steps[stepKey]?.assignee = .person(accountID: accountID)
        steps[stepKey]?.signedForBy = nil
    }

    /// 加签: someone else must also approve before the step is done.
    public mutating func addSigner(_ accountID: String, to stepKey: String, by person: Participant) throws(WorkflowError) {
        let state = try workable(stepKey, by: person)
        guard !state.addedSigners.contains(accountID), !state.approvedBy.contains(accountID) else { throw .alreadyASigner }
        if case .group(let members, _) = state.assignee, members.contains(accountID) { throw .alreadyASigner }
        steps[stepKey]?.addedSigners.append(accountID)
    }

    /// 撤回: takes back `person`'s latest approval, as long as nobody has acted on the case since
    /// (the next people have not signed for or approved anything).
    public mutating func recall(by person: Participant) throws(WorkflowError) {
        guard let last = recallable.last, last.accountID == person.accountID else { throw .nothingToRecall }
        guard steps == last.stepsAfter, stageIndex == last.stageIndexAfter else { throw .alreadyPickedUp }
        stageIndex = last.stageIndexBefore
        steps = last.stepsBefore
        recallable.removeLast()
    }

    // MARK: helpers

    private func workable(_ stepKey: String, by person: Participant) throws(WorkflowError) -> StepState {
        guard let state = steps[stepKey] else { throw .noSuchStep }
        guard state.status == .active else { throw .stepNotActive }
        guard mayWork(stepKey, person) else { throw .notAssigned }
        return state
    }

    private func isGroup(_ state: StepState) -> Bool {
        if case .group = state.assignee { return true }
        return false
    }

    private func isComplete(_ state: StepState) -> Bool {
        guard state.addedSigners.allSatisfy(state.approvedBy.contains) else { return false }
        switch state.assignee {
        case .person(let accountID):
            return state.approvedBy.contains(accountID)
        case .role:
            return state.approvedBy.contains { !state.addedSigners.contains($0) }
        case .group(let members, .all):
            return members.allSatisfy(state.approvedBy.contains)
        case .group(let members, .any):
            return members.contains(where: state.approvedBy.contains)
        }
    }

    private mutating func activate(stage index: Int) {
        guard index < definition.stages.count else { return }
        for step in definition.stages[index].steps { steps[step.key]?.status = .active }
    }
}

public enum WorkflowError: Error, Equatable, Sendable, UserFacingError {
    case noSuchStep, noSuchStage, stepNotActive, notAssigned, alreadySignedFor, notForGroups, samePerson
    case alreadyASigner, nothingToRecall, alreadyPickedUp

    public var message: LocalizedMessage {
        let name: String = switch self {
        case .noSuchStep: "no_such_step"
        case .noSuchStage: "no_such_stage"
        case .stepNotActive: "step_not_active"
        case .notAssigned: "not_assigned"
        case .alreadySignedFor: "already_signed_for"
        case .notForGroups: "not_for_groups"
        case .samePerson: "same_person"
        case .alreadyASigner: "already_a_signer"
        case .nothingToRecall: "nothing_to_recall"
        case .alreadyPickedUp: "already_picked_up"
        }
        return LocalizedMessage("workflow.error." + name)
    }
}
