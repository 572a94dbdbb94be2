import Testing
@testable import ZhengwuCore

@Suite("12345 category tree")
struct TicketCategoryTreeTests {
    static let sample = [
        TicketCategory(code: "urban", name: "城乡建设", replyDays: 10),
        TicketCategory(code: "municipal", name: "市政设施", parentCode: "urban"),
        TicketCategory(code: "streetlight", name: "路灯", parentCode: "municipal", takesLocation: true),
        TicketCategory(code: "roads", name: "道路破损", parentCode: "municipal", replyDays: 5, takesLocation: true),
        TicketCategory(code: "legal", name: "诉讼仲裁", referral: .litigation),
        TicketCategory(code: "court-case", name: "案件进展", parentCode: "legal", takesLocation: true),
        TicketCategory(code: "disclosure", name: "政府信息公开申请", referral: .disclosureRequest),
    ]

    @Test("paths, inherited reply days and referrals, and the location services")
    func reading() throws {
        let tree = try TicketCategoryTree(validating: Self.sample)
        #expect(tree.path(of: "streetlight").map(\.name) == ["城乡建设", "市政设施", "路灯"])
        #expect(tree.replyDays(for: "streetlight") == 10 && tree.replyDays(for: "roads") == 5)
        #expect(tree.replyDays(for: "disclosure") == nil)
        #expect(tree.referral(for: "court-case") == .litigation && tree.referral(for: "streetlight") == nil)
        #expect(tree.children(of: nil).map(\.code) == ["urban", "legal", "disclosure"])
        // A referred branch is never an Open311 service, even if marked for locations.
        #expect(tree.locationServices.map(\.code) == ["streetlight", "roads"])
    }

    @Test("bad trees are refused, naming the category")
    func validation() {
        func refuses(_ categories: [TicketCategory], _ problem: TicketCategoryTree.Problem) {
            #expect(throws: problem) { try TicketCategoryTree(validating: categories) }
        }
        refuses(Self.sample + [TicketCategory(code: "roads", name: "重复")], .duplicateCode("roads"))
        refuses([TicketCategory(code: "路灯", name: "路灯")], .badCode("路灯"))
        refuses([TicketCategory(code: "a", name: " ")], .emptyName("a"))
        refuses([TicketCategory(code: "a", name: "A", parentCode: "nowhere")], .unknownParent(code: "a", parent: "nowhere"))
        refuses([TicketCategory(code: "a", name: "A", parentCode: "b"), TicketCategory(code: "b", name: "B", parentCode: "a")], .cycle("a"))
        refuses(Self.sample + [TicketCategory(code: "bulb", name: "灯泡", parentCode: "streetlight")], .tooDeep("bulb"))
        refuses([TicketCategory(code: "a", name: "A", replyDays: 0)], .replyDaysOutOfRange("a"))
    }
}
