import Testing
@testable import ZhengwuCore

/// Region codes (GB/T 2260): 513300 甘孜藏族自治州, 513328 甘孜县, 513329 新龙县.
@Suite("Case policy: which staff see and decide which applications")
struct CasePolicyTests {
    /// A case of 新龙县's market regulator, reviewed jointly with the county fire brigade.
    let xinlongCase = CasePolicy.Subject(leadDepartmentID: "xl-market", partnerDepartmentIDs: ["xl-fire"], regionCode: "513329")
    /// A case of the neighbouring 甘孜县.
    let ganziCase = CasePolicy.Subject(leadDepartmentID: "gz-market", partnerDepartmentIDs: [], regionCode: "513328")

    func staff(_ roles: Set<Role>, department: String?, region: String?) -> Actor {
        Actor(accountID: "s", kind: .staff, roles: roles, departmentID: department, regionCode: region)
    }

    func permitted(_ actor: Actor, on subject: CasePolicy.Subject) -> [CasePolicy.Action] {
        [CasePolicy.Action.view, .decideAcceptance, .recordWalkIn, .viewPersonalData].filter {
            CasePolicy.permits(actor, $0, on: subject)
        }
    }

    // MARK: Departments

    @Test func theLeadDepartmentSeesAndDecides() {
        for role in [Role.departmentHandler, .departmentHead] {
            let actor = staff([role], department: "xl-market", region: "513329")
            #expect(permitted(actor, on: xinlongCase) == [.view, .decideAcceptance, .recordWalkIn, .viewPersonalData], "\(role)")
            #expect(CasePolicy.scope(for: actor) == .department("xl-market"))
        }
    }

    @Test func anotherDepartmentNeverSeesTheCase() {
        // Same county, same building: the tax office still has no business with this case.
        let tax = staff([.departmentHandler, .departmentHead], department: "xl-tax", region: "513329")
        #expect(permitted(tax, on: xinlongCase) == [])
    }

    @Test func aPartnerSeesButCannotDecideAcceptance() {
        // 联办: the fire brigade reviews in parallel after acceptance; accepting belongs to the
        // lead department (or the window), or two departments could give two answers.
        let fire = staff([.departmentHandler, .departmentHead], department: "xl-fire", region: "513329")
        #expect(CasePolicy.permits(fire, .view, on: xinlongCase))
        #expect(!CasePolicy.permits(fire, .decideAcceptance, on: xinlongCase))
        #expect(!CasePolicy.permits(fire, .recordWalkIn, on: xinlongCase))
        #expect(CasePolicy.permits(fire, .viewPersonalData, on: xinlongCase))
        // The partnership is per case: the brigade sees nothing of the neighbour county.
        #expect(permitted(fire, on: ganziCase) == [])
    }

    // MARK: The service centre's windows

    @Test func aWindowClerkHandlesEveryCaseOfTheirCounty() {
        // 综合窗口: one window accepts for every department of the region.
        let clerk = staff([.windowClerk], department: "xl-centre", region: "513329")
        #expect(CasePolicy.scope(for: clerk) == .region("513329"))
        #expect(permitted(clerk, on: xinlongCase) == [.view, .decideAcceptance, .recordWalkIn, .viewPersonalData])
    }

    @Test func aWindowClerkDoesNotReachIntoTheNeighbouringCounty() {
        // 513329 and 513328 share the prefecture prefix 5133; only the whole county code counts.
        let clerk = staff([.windowClerk], department: "xl-centre", region: "513329")
        #expect(permitted(clerk, on: ganziCase) == [])
        let ganziClerk = staff([.windowClerk], department: "gz-centre", region: "513328")
        #expect(permitted(ganziClerk, on: xinlongCase) == [])
        #expect(CasePolicy.permits(ganziClerk, .decideAcceptance, on: ganziCase))
    }

    @Test func thePrefectureCentreCoversItsCounties() {
        let clerk = staff([.windowClerk], department: "gzz-centre", region: "513300")
        #expect(CasePolicy.permits(clerk, .decideAcceptance, on: xinlongCase))
        #expect(CasePolicy.permits(clerk, .decideAcceptance, on: ganziCase))
        // …but not another prefecture's (阿坝州 513200).
        let aba = CasePolicy.Subject(leadDepartmentID: "ab-market", partnerDepartmentIDs: [], regionCode: "513201")
        #expect(permitted(clerk, on: aba) == [])
    }

    // MARK: Supervision, portal, administrators

    @Test func aSupervisorWatchesTheRegionButDecidesNothing() {
        // 电子监察 urges and supervises; it never accepts cases or reads personal data.
        let supervisor = staff([.supervisor], department: "xl-supervision", region: "513329")
        #expect(permitted(supervisor, on: xinlongCase) == [.view])
        #expect(permitted(supervisor, on: ganziCase) == [])
    }

    @Test func aCitizenSeesNothingThroughTheStaffPolicy() {
        // Applicants see their own cases by ownership, never through staff scoping, even if a
        // portal account somehow carried staff roles.
        let citizen = Actor(accountID: "c", kind: .citizen, roles: [.citizen, .windowClerk], departmentID: nil, regionCode: "513329")
        #expect(CasePolicy.scope(for: citizen) == .nothing)
        #expect(permitted(citizen, on: xinlongCase) == [])
    }

    @Test func administratorsAndPublishersSeeNoCases() {
        // 三员分立: the system administrator runs the platform, not its business data.
        for role in [Role.systemAdministrator, .securityAdministrator, .auditAdministrator, .publisher, .hotlineOperator] {
            let actor = staff([role], department: "xl-market", region: "513329")
            #expect(CasePolicy.scope(for: actor) == .nothing, "\(role)")
            #expect(permitted(actor, on: xinlongCase) == [], "\(role)")
        }
    }

    @Test func staffWithoutAPlaceSeeNothing() {
        // A clerk whose region was never set must not fall back to seeing everything.
        #expect(permitted(staff([.windowClerk], department: nil, region: nil), on: xinlongCase) == [])
        #expect(permitted(staff([.departmentHandler], department: nil, region: "513329"), on: xinlongCase) == [])
    }

    @Test func supervisorsUrgeAndTheLeadHeadAnswers() {
        let supervisor = staff([.supervisor], department: nil, region: "513329")
        #expect(CasePolicy.permits(supervisor, .supervise, on: xinlongCase))
        #expect(!CasePolicy.permits(supervisor, .supervise, on: ganziCase))
        #expect(!CasePolicy.permits(supervisor, .answerSupervision, on: xinlongCase))
        let head = staff([.departmentHead], department: "xl-market", region: "513329")
        #expect(CasePolicy.permits(head, .answerSupervision, on: xinlongCase) && !CasePolicy.permits(head, .supervise, on: xinlongCase))
        let partnerHead = staff([.departmentHead], department: "xl-fire", region: "513329")
        #expect(!CasePolicy.permits(partnerHead, .answerSupervision, on: xinlongCase))
        #expect(!CasePolicy.permits(staff([.windowClerk], department: nil, region: "513329"), .supervise, on: xinlongCase))
    }
}
