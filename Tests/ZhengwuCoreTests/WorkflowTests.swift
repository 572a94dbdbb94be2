import Testing
@testable import ZhengwuCore

/// A joint-handling licence: the window checks, two departments review in parallel (the
/// planning bureau's handler, and the construction bureau's experts of whom any one suffices),
/// then the head countersigns with the legal office (all must sign).
enum WorkflowFixtures {
    static let clerk = WorkflowRun.Participant(accountID: "clerk", roles: [.windowClerk], departmentCode: "ZWFW")
    static let planner = WorkflowRun.Participant(accountID: "planner", roles: [.departmentHandler], departmentCode: "ZRJ")
    static let planner2 = WorkflowRun.Participant(accountID: "planner2", roles: [.departmentHandler], departmentCode: "ZRJ")
    static let expertA = WorkflowRun.Participant(accountID: "expert-a", roles: [.departmentHandler], departmentCode: "ZJJ")
    static let expertB = WorkflowRun.Participant(accountID: "expert-b", roles: [.departmentHandler], departmentCode: "ZJJ")
    static let head = WorkflowRun.Participant(accountID: "head", roles: [.departmentHead], departmentCode: "ZRJ")
    static let lawyer = WorkflowRun.Participant(accountID: "lawyer", roles: [.departmentHandler], departmentCode: "ZFB")
    static let stranger = WorkflowRun.Participant(accountID: "stranger", roles: [.departmentHandler], departmentCode: "SCJ")

    static let definition = WorkflowDefinition(stages: [
        .init(name: "受理审查", steps: [.init(key: "check", name: "材料审查", assignee: .person(accountID: "clerk"), allottedDays: 1)]),
        .init(name: "并联审查", steps: [
            .init(key: "planning", name: "规划审查", assignee: .role(.departmentHandler, departmentCode: "ZRJ"), allottedDays: 5),
            .init(key: "building", name: "建设审查", assignee: .group(memberIDs: ["expert-a", "expert-b"], mode: .any), allottedDays: 4),
        ]),
        .init(name: "审批", steps: [.init(key: "sign", name: "会签", assignee: .group(memberIDs: ["head", "lawyer"], mode: .all), allottedDays: 3)]),
    ])

    /// Whether `body` fails with exactly `expected`.
    static func throwsError(_ expected: WorkflowError, _ body: () throws -> Void) -> Bool {
        do { try body(); return false } catch { return (error as? WorkflowError) == expected }
    }
}

@Suite("Workflow definitions")
struct WorkflowDefinitionTests {
    let codes: Set<String> = ["ZRJ", "ZJJ", "ZFB", "ZWFW"]

    @Test("parallel steps count once, by the longest; the total must fit the promised limit")
    func allotments() {
        let definition = WorkflowFixtures.definition
        #expect(definition.allottedDays == 1 + 5 + 3)
        #expect(definition.problems(promisedLimitDays: 9, legalLimitDays: 20, knownDepartmentCodes: codes).isEmpty)
        #expect(definition.problems(promisedLimitDays: 8, legalLimitDays: 20, knownDepartmentCodes: codes)
            == [.exceedsPromisedLimit(total: 9, promised: 8)])
        #expect(definition.problems(promisedLimitDays: 25, legalLimitDays: 20, knownDepartmentCodes: codes)
            == [.promisedAboveLegal(promised: 25, legal: 20)])
    }

    @Test("every faulty part of a definition is reported at once")
    func faults() {
        let bad = WorkflowDefinition(stages: [
            .init(name: "空", steps: []),
            .init(name: "审查", steps: [
                .init(key: "Bad Key", name: "", assignee: .role(.departmentHead, departmentCode: "NOPE"), allottedDays: 0),
                .init(key: "twice", name: "一", assignee: .group(memberIDs: ["x"], mode: .all), allottedDays: 1),
                .init(key: "twice", name: "二", assignee: .group(memberIDs: ["y", "y"], mode: .any), allottedDays: 1),
            ]),
        ])
        let problems = bad.problems(promisedLimitDays: 10, legalLimitDays: 20, knownDepartmentCodes: codes)
        #expect(problems == [
            .emptyStage(stage: 0), .badStepKey("Bad Key"), .missingStepName("Bad Key"), .allotmentTooSmall("Bad Key"),
            .unknownDepartment(step: "Bad Key", code: "NOPE"), .groupTooSmall("twice"), .duplicateStepKey("twice"),
            .duplicateMember("twice"),
        ])
        #expect(WorkflowDefinition(stages: []).problems(promisedLimitDays: 1, legalLimitDays: 1, knownDepartmentCodes: codes)
            == [.noStages])
    }
}

@Suite("Working a case through its workflow")
struct WorkflowRunTests {
    typealias F = WorkflowFixtures

    @Test("parallel branches join only when every branch is done; countersign-any needs one, -all needs everyone")
    func fullRun() throws {
        var run = WorkflowRun(definition: F.definition)
        #expect(run.activeSteps == ["check"])
        try run.approve("check", by: F.clerk)
        #expect(run.stageIndex == 1 && Set(run.activeSteps) == ["planning", "building"])
        try run.approve("building", by: F.expertB)  // or-sign: one expert suffices
        #expect(run.steps["building"]?.status == .done && run.stageIndex == 1)
        #expect(F.throwsError(.stepNotActive) { try run.approve("building", by: F.expertA) })
        try run.approve("planning", by: F.planner)
        #expect(run.stageIndex == 2 && run.activeSteps == ["sign"])
        try run.approve("sign", by: F.head)
        #expect(!run.isFinished && run.steps["sign"]?.status == .active)  // countersign-all waits for the lawyer
        #expect(F.throwsError(.notAssigned) { try run.approve("sign", by: F.head) })  // once each
        try run.approve("sign", by: F.lawyer)
        #expect(run.isFinished && run.activeSteps.isEmpty)
    }

    @Test("only the assigned person, role holder in the department, or group member may work a step")
    func permissions() throws {
        var run = WorkflowRun(definition: F.definition)
        #expect(F.throwsError(.notAssigned) { try run.approve("check", by: F.stranger) })
        #expect(F.throwsError(.stepNotActive) { try run.approve("planning", by: F.planner) })
        #expect(F.throwsError(.noSuchStep) { try run.approve("nope", by: F.clerk) })
        try run.approve("check", by: F.clerk)
        // The role is right but the department is not.
        let otherHandler = WorkflowRun.Participant(accountID: "h", roles: [.departmentHandler], departmentCode: "SCJ")
        #expect(F.throwsError(.notAssigned) { try run.approve("planning", by: otherHandler) })
    }

    @Test("a role step signed for by one handler cannot be approved by another")
    func signFor() throws {
        var run = WorkflowRun(definition: F.definition)
        try run.approve("check", by: F.clerk)
        try run.signFor("planning", by: F.planner)
        #expect(F.throwsError(.alreadySignedFor) { try run.signFor("planning", by: F.planner2) })
        #expect(F.throwsError(.alreadySignedFor) { try run.approve("planning", by: F.planner2) })
        try run.approve("planning", by: F.planner)
        #expect(run.steps["planning"]?.status == .done)
    }

    @Test("returning to an earlier stage redoes everything from there")
    func returnToEarlierStage() throws {
        var run = WorkflowRun(definition: F.definition)
        try run.approve("check", by: F.clerk)
        try run.approve("building", by: F.expertA)
        try run.returnTo(stage: 0, from: "planning", by: F.planner)
        #expect(run.stageIndex == 0 && run.activeSteps == ["check"])
        #expect(run.steps["building"]?.status == .waiting && run.steps["building"]?.approvedBy == [])
        #expect(F.throwsError(.noSuchStage) { try run.returnTo(stage: 2, from: "check", by: F.clerk) })
    }

    @Test("a transferred step belongs to the colleague; an added signer must approve too")
    func transferAndAddSigner() throws {
        var run = WorkflowRun(definition: F.definition)
        try run.transfer("check", to: "clerk2", by: F.clerk)
        let clerk2 = WorkflowRun.Participant(accountID: "clerk2", roles: [.windowClerk], departmentCode: "ZWFW")
        #expect(F.throwsError(.notAssigned) { try run.approve("check", by: F.clerk) })
        try run.addSigner("lawyer", to: "check", by: clerk2)
        try run.approve("check", by: clerk2)
        #expect(run.stageIndex == 0)  // the added signer has not approved yet
        try run.approve("check", by: F.lawyer)
        #expect(run.stageIndex == 1)
        #expect(F.throwsError(.notForGroups) { try run.transfer("building", to: "x", by: F.expertA) })
        #expect(F.throwsError(.samePerson) { try run.transfer("planning", to: "planner", by: F.planner) })
    }

    @Test("an approval can be recalled until someone acts on what it started")
    func recall() throws {
        var run = WorkflowRun(definition: F.definition)
        let start = run
        try run.approve("check", by: F.clerk)
        #expect(F.throwsError(.nothingToRecall) { try run.recall(by: F.planner) })
        try run.recall(by: F.clerk)
        #expect(run == start)
        try run.approve("check", by: F.clerk)
        try run.signFor("planning", by: F.planner)
        #expect(F.throwsError(.alreadyPickedUp) { try run.recall(by: F.clerk) })
        #expect(run.stageIndex == 1)
    }
}
