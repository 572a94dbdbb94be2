import Testing
@testable import ZhengwuCore

@Suite("Default workflow")
struct DefaultWorkflowTests {
    func guide(handling: HandlingType = .promised, promised: Int, joint: [String] = []) -> ServiceGuide {
        ServiceGuide(code: "T-1", name: "测试事项", itemType: .licence, applicantKinds: [.person], lifeEvents: [],
                     legalBasis: "法", conditions: "条件", procedure: ["一"], handling: handling,
                     legalLimitDays: handling == .onTheSpot ? 0 : 20, promisedLimitDays: promised, materials: [],
                     place: "地点", hours: "时间", consultPhone: "1", complaintPhone: "2", onlineDepth: .information, maxVisits: 1,
                     jointDepartmentCodes: joint, result: ServiceResult(name: "证", isCertificate: true, delivery: [.collect]), form: [])
    }

    @Test("joint departments review in parallel with the lead, and the whole fits the promised limit exactly")
    func joint() throws {
        let workflow = try #require(guide(promised: 10, joint: ["ZJJ"]).defaultWorkflow(leadDepartmentCode: "ZRJ",
                                                                                     departmentNames: ["ZJJ": "住建局"]))
        #expect(workflow.stages.count == 2 && workflow.stages[0].isParallel)
        #expect(workflow.stages[0].steps.map(\.name) == ["审查", "联合审查（住建局）"])
        #expect(workflow.allottedDays == 10)
        #expect(workflow.problems(promisedLimitDays: 10, legalLimitDays: 20, knownDepartmentCodes: ["ZRJ", "ZJJ"]).isEmpty)
        #expect(workflow.stages[1].steps[0].assignee == .role(.departmentHead, departmentCode: "ZRJ"))
    }

    @Test("every promised limit from 1 to 60 days gives a valid workflow that uses it exactly")
    func everyLimit() throws {
        for days in 1...60 {
            let workflow = try #require(guide(promised: days).defaultWorkflow(leadDepartmentCode: "MZJ"))
            #expect(workflow.allottedDays == days)
            #expect(workflow.problems(promisedLimitDays: days, legalLimitDays: 60, knownDepartmentCodes: ["MZJ"]).isEmpty)
        }
    }

    @Test("an on-the-spot item has no workflow; a department's own workflow wins")
    func onTheSpotAndOwn() {
        #expect(guide(handling: .onTheSpot, promised: 0).defaultWorkflow(leadDepartmentCode: "SCJ") == nil)
        var own = guide(promised: 10)
        own.workflow = WorkflowFixtures.definition
        #expect(own.effectiveWorkflow(leadDepartmentCode: "SCJ") == WorkflowFixtures.definition)
    }
}
