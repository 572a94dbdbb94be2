import Testing
@testable import ZhengwuCore

@Suite("Disclosure policy: who reads and completes the annual report")
struct DisclosureReportPolicyTests {
    let organ = DisclosurePolicy.Organ(id: "dept-civil", regionCode: "513329")

    func staff(_ id: String, _ roles: Set<Role>, department: String = "dept-civil", region: String = "513329") -> Actor {
        Actor(accountID: id, kind: .staff, roles: roles, departmentID: department, regionCode: region)
    }

    @Test func anOrgansOwnStaffReportOnItAndNoOtherOrgan() {
        #expect(DisclosurePolicy.mayReport(staff("head", [.departmentHead]), organ: organ))
        #expect(DisclosurePolicy.mayReport(staff("handler", [.departmentHandler]), organ: organ))
        #expect(!DisclosurePolicy.mayReport(staff("tax", [.departmentHandler], department: "dept-tax"), organ: organ))
        #expect(!DisclosurePolicy.mayReport(staff("tax-head", [.departmentHead], department: "dept-tax"), organ: organ))
        // Sitting in the organ is not enough without a role that answers for its work.
        #expect(!DisclosurePolicy.mayReport(staff("clerk", [.windowClerk]), organ: organ))
        // Nor is the whole government theirs to see.
        #expect(!DisclosurePolicy.mayReport(staff("head", [.departmentHead]), organ: nil))
        #expect(!DisclosurePolicy.mayReport(staff("handler", [.departmentHandler]), organ: nil))
    }

    @Test func publishersReportOnTheirRegionAndTheWholeGovernment() {
        let publisher = staff("pub", [.publisher], department: "dept-office")
        #expect(DisclosurePolicy.mayReport(publisher, organ: organ))
        #expect(DisclosurePolicy.mayReport(publisher, organ: nil))
        let elsewhere = staff("far", [.publisher], department: "dept-far", region: "510100")
        #expect(!DisclosurePolicy.mayReport(elsewhere, organ: organ))
    }

    @Test func supervisorsReadTheWholeGovernmentOnly() {
        let supervisor = staff("sup", [.supervisor], department: "dept-centre")
        #expect(DisclosurePolicy.mayReport(supervisor, organ: nil))
        #expect(!DisclosurePolicy.mayReport(supervisor, organ: organ))
    }

    @Test func administratorsAndPortalAccountsNever() {
        for role in Role.administratorRoles {
            #expect(!DisclosurePolicy.mayReport(staff("admin", [role]), organ: organ))
            #expect(!DisclosurePolicy.mayReport(staff("admin", [role]), organ: nil))
        }
        let citizen = Actor(accountID: "c", kind: .citizen, roles: [.publisher, .supervisor], departmentID: "dept-civil",
                            regionCode: "513329")
        #expect(!DisclosurePolicy.mayReport(citizen, organ: organ))
        #expect(!DisclosurePolicy.mayReport(citizen, organ: nil))
    }
}
