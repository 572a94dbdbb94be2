import Testing
@testable import ZhengwuCore

@Suite("Catalogue policy: who edits, reviews and publishes guides")
struct CataloguePolicyTests {
    /// The item belongs to the county market regulator (市场监管局).
    let item = "dept-market"

    func staff(_ id: String, _ roles: Set<Role>, department: String? = "dept-market") -> Actor {
        Actor(accountID: id, kind: .staff, roles: roles, departmentID: department, regionCode: "513329")
    }

    var handler: Actor { staff("handler", [.departmentHandler]) }
    var head: Actor { staff("head", [.departmentHead]) }

    @Test func theDepartmentsHandlersDraftButDoNotPublish() {
        #expect(CataloguePolicy.permits(handler, .viewDrafts, itemDepartmentID: item))
        #expect(CataloguePolicy.permits(handler, .edit, itemDepartmentID: item))
        #expect(!CataloguePolicy.permits(handler, .review(authorID: "someone-else"), itemDepartmentID: item))
        #expect(!CataloguePolicy.permits(handler, .changeAvailability, itemDepartmentID: item))
    }

    @Test func theHeadReviewsOthersTextsAndSuspendsItems() {
        #expect(CataloguePolicy.permits(head, .review(authorID: "handler"), itemDepartmentID: item))
        #expect(CataloguePolicy.permits(head, .changeAvailability, itemDepartmentID: item))
        #expect(CataloguePolicy.permits(head, .edit, itemDepartmentID: item))
    }

    @Test func theHeadCannotApproveTheirOwnRevision() {
        // Four eyes: what the public reads as the government's word was read by two people.
        #expect(!CataloguePolicy.permits(head, .review(authorID: "head"), itemDepartmentID: item))
        // Holding both roles does not get round it.
        let both = staff("both", [.departmentHandler, .departmentHead])
        #expect(!CataloguePolicy.permits(both, .review(authorID: "both"), itemDepartmentID: item))
        #expect(CataloguePolicy.permits(both, .review(authorID: "handler"), itemDepartmentID: item))
    }

    @Test func anotherDepartmentCannotTouchTheItem() {
        // The tax office's head, however senior, has no say over the market regulator's guide.
        let otherHead = staff("tax-head", [.departmentHead, .departmentHandler], department: "dept-tax")
        for action in [CataloguePolicy.Action.viewDrafts, .edit, .review(authorID: "handler"), .changeAvailability] {
            #expect(!CataloguePolicy.permits(otherHead, action, itemDepartmentID: item), "\(action)")
        }
    }

    @Test func rolesWithoutCatalogueDutiesCannotEditEvenInTheDepartment() {
        for role in [Role.windowClerk, .supervisor, .publisher, .systemAdministrator] {
            let actor = staff("x", [role])
            #expect(!CataloguePolicy.permits(actor, .edit, itemDepartmentID: item), "\(role)")
            #expect(!CataloguePolicy.permits(actor, .viewDrafts, itemDepartmentID: item), "\(role)")
            #expect(!CataloguePolicy.permits(actor, .review(authorID: "handler"), itemDepartmentID: item), "\(role)")
        }
    }

    @Test func portalAccountsNeverManageTheCatalogue() {
        // Even a malformed portal account carrying staff roles and a department.
        let citizen = Actor(accountID: "c", kind: .citizen, roles: [.departmentHead], departmentID: item, regionCode: "513329")
        #expect(!CataloguePolicy.permits(citizen, .viewDrafts, itemDepartmentID: item))
        #expect(!CataloguePolicy.permits(citizen, .review(authorID: "handler"), itemDepartmentID: item))
        #expect(!CataloguePolicy.mayCreateItems(citizen))
    }

    @Test func creatingItemsNeedsADepartmentAndACatalogueRole() {
        #expect(CataloguePolicy.mayCreateItems(handler))
        #expect(CataloguePolicy.mayCreateItems(head))
        #expect(!CataloguePolicy.mayCreateItems(staff("clerk", [.windowClerk])))
        #expect(!CataloguePolicy.mayCreateItems(staff("h", [.departmentHandler], department: nil)))
    }

    @Test func onlyDraftsAndReturnedVersionsAreEditable() {
        // A version under review or published must not change under the reviewer's eyes.
        #expect(GuideRevisionState.allCases.filter(\.isEditable) == [.draft, .returned])
    }
}
