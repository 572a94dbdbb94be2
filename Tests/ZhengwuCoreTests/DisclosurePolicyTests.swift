import Testing
@testable import ZhengwuCore

@Suite("Disclosure policy: the second pair of eyes, and index numbers")
struct DisclosurePolicyTests {
    let organ = DisclosurePolicy.Organ(id: "dept-civil", regionCode: "513329")

    func staff(_ id: String, _ roles: Set<Role>, department: String = "dept-civil", region: String = "513329") -> Actor {
        Actor(accountID: id, kind: .staff, roles: roles, departmentID: department, regionCode: region)
    }

    @Test func theSubmitterNeverPublishesTheirOwnEdition() {
        let publisher = staff("pub", [.publisher], department: "dept-office")
        #expect(DisclosurePolicy.permits(publisher, .publish(authorIDs: ["writer"], submitterID: "writer"), organ: organ))
        // Writing it or sending it for review each disqualify, whatever else the person holds.
        #expect(!DisclosurePolicy.permits(publisher, .publish(authorIDs: ["writer", "pub"], submitterID: "writer"), organ: organ))
        #expect(!DisclosurePolicy.permits(publisher, .publish(authorIDs: ["writer"], submitterID: "pub"), organ: organ))
        let everything = staff("all", [.publisher, .departmentHead, .departmentHandler])
        #expect(!DisclosurePolicy.permits(everything, .publish(authorIDs: ["all"], submitterID: "all"), organ: organ))
    }

    @Test func onlyPublishersPublishAndOnlyInTheirRegion() {
        let head = staff("head", [.departmentHead])
        #expect(DisclosurePolicy.permits(head, .write, organ: organ))
        #expect(!DisclosurePolicy.permits(head, .publish(authorIDs: ["x"], submitterID: "y"), organ: organ))
        #expect(!DisclosurePolicy.permits(head, .forcePublish, organ: organ))
        let elsewhere = staff("far", [.publisher], department: "dept-far", region: "510100")
        #expect(!DisclosurePolicy.permits(elsewhere, .publish(authorIDs: ["x"], submitterID: "y"), organ: organ))
        #expect(!DisclosurePolicy.permits(elsewhere, .manage, organ: organ))
        let otherOrgan = staff("tax", [.departmentHandler], department: "dept-tax")
        #expect(!DisclosurePolicy.permits(otherOrgan, .write, organ: organ))
        let citizen = Actor(accountID: "c", kind: .citizen, roles: [.publisher], departmentID: "dept-civil", regionCode: "513329")
        #expect(!DisclosurePolicy.permits(citizen, .write, organ: organ))
    }

    @Test func aForcedPublicationIsConfirmedBySomeoneElse() {
        let publisher = staff("pub", [.publisher])
        #expect(DisclosurePolicy.permits(publisher, .forcePublish, organ: organ))
        #expect(!DisclosurePolicy.permits(publisher, .confirmForced(forcedByID: "pub"), organ: organ))
        #expect(DisclosurePolicy.permits(staff("pub2", [.publisher]), .confirmForced(forcedByID: "pub"), organ: organ))
        #expect(!DisclosurePolicy.permits(staff("head", [.departmentHead]), .confirmForced(forcedByID: "pub"), organ: organ))
    }

    @Test func extensionsAreApprovedByTheHeadOrAPublisher() {
        #expect(DisclosurePolicy.permits(staff("head", [.departmentHead]), .approveExtension, organ: organ))
        #expect(!DisclosurePolicy.permits(staff("handler", [.departmentHandler]), .approveExtension, organ: organ))
        #expect(DisclosurePolicy.permits(staff("handler", [.departmentHandler]), .handleRequests, organ: organ))
        #expect(!DisclosurePolicy.permits(staff("head", [.departmentHead], department: "dept-tax"), .approveExtension, organ: organ))
    }

    @Test func supervisorsReadRequestsButNeverHandleThem() {
        let supervisor = staff("sup", [.supervisor], department: "dept-supervision")
        #expect(DisclosurePolicy.permits(supervisor, .viewRequests, organ: organ))
        #expect(!DisclosurePolicy.permits(supervisor, .handleRequests, organ: organ))
        #expect(!DisclosurePolicy.permits(supervisor, .approveExtension, organ: organ))
        let elsewhere = staff("far", [.supervisor], department: "dept-far", region: "510100")
        #expect(!DisclosurePolicy.permits(elsewhere, .viewRequests, organ: organ))
        let otherOrgan = staff("tax", [.departmentHandler], department: "dept-tax")
        #expect(!DisclosurePolicy.permits(otherOrgan, .viewRequests, organ: organ))
        #expect(DisclosurePolicy.permits(staff("clerk", [.departmentHandler]), .viewRequests, organ: organ))
    }

    @Test func indexNumbersReadBackFromTheirAddress() {
        let number = IndexNumber(organCode: "MZJ", year: 2026, serial: 12)
        #expect(number.description == "MZJ/2026-00012")
        #expect(number.path == "/open/MZJ/2026-00012")
        #expect(IndexNumber(organCode: "MZJ", yearAndSerial: "2026-00012") == number)
        #expect(IndexNumber(organCode: "MZJ", yearAndSerial: "2026-123456")?.serial == 123_456)
        for bad in ["2026-12", "26-00012", "2026-0001x", "2026-00000", "2026_00012", "2026-00012-1"] {
            #expect(IndexNumber(organCode: "MZJ", yearAndSerial: bad) == nil, "\(bad)")
        }
        #expect(IndexNumber(organCode: "../x", yearAndSerial: "2026-00012") == nil)
    }

    @Test func plainTextKeepsTheWordsAndDropsTheMarkup() {
        let source = """
        # 关于做好**冬季**供暖的通知
        > 各乡镇：
        - 详见[办事指南](https://example.gov.cn/a(b))
        | 项目 | 时间 |
        |---|---|
        | 供暖 | 11月 |
        ```
        code
        ```
        """
        #expect(SafeMarkdown.plainText(source) == "关于做好冬季供暖的通知\n各乡镇：\n详见办事指南\n项目 时间\n供暖 11月\ncode")
    }
}
