import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Service catalogue")
struct CatalogueTests {
    private func names(_ page: Browser.Page) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"class="todo-title" href="/services/[^"]+">([^<]+)<"#)
        return regex.matches(in: page.body, range: NSRange(page.body.startIndex..., in: page.body)).compactMap {
            Range($0.range(at: 1), in: page.body).map { String(page.body[$0]) }
        }
    }

    private func search(_ t: TestApp, _ query: String) async throws -> [String] {
        names(try await t.portal.get("/services?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"))
    }

    @Test("Chinese queries of one, two and many characters all find items")
    func searching() async throws {
        try await withTestApp { t in
            let twoCharacters = try await search(t, "低保")
            #expect(twoCharacters.contains("最低生活保障审核确认"))
            let oneCharacter = try await search(t, "医")
            #expect(oneCharacter.contains("医疗费用手工（零星）报销"))
            let long = try await search(t, "个体工商户")
            #expect(long.first == "个体工商户登记")
            // A keyword that is not in the name.
            let byKeyword = try await search(t, "营业执照")
            #expect(byKeyword.contains("个体工商户登记"))
            let twoTerms = try await search(t, "婚姻 登记")
            #expect(twoTerms.contains("内地居民婚姻登记"))
            let nothing = try await search(t, "不存在的事项名称")
            #expect(nothing.isEmpty)
        }
    }

    @Test("browsing by life event, applicant kind and department")
    func browsing() async throws {
        try await withTestApp { t in
            let all = names(try await t.portal.get("/services"))
            #expect(all.count >= 20)
            let disability = names(try await t.portal.get("/services?event=disability"))
            #expect(disability.contains("残疾人证办理") && !disability.contains("个体工商户登记"))
            let firms = names(try await t.portal.get("/services?applicant=organisation"))
            #expect(firms.contains("药品零售企业经营许可") && !firms.contains("临时救助"))
            let civil = try #require(try await Department.query(on: t.app.db).filter(\.$code == "MZJ").first())
            let byDepartment = names(try await t.portal.get("/services?department=\(try civil.requireID())"))
            #expect(byDepartment.contains("临时救助") && !byDepartment.contains("个体工商户登记"))
        }
    }

    @Test("the guide page shows every element of the item")
    func guidePage() async throws {
        try await withTestApp { t in
            let entry = try #require(DemoCatalogue.entries.first { $0.guide.code == CaseFixtures.disability })
            let guide = entry.guide
            let page = try await t.portal.get("/services/\(guide.code)")
            #expect(page.status == .ok)
            for text in [guide.name, guide.legalBasis, guide.consultPhone, guide.complaintPhone, guide.result.name]
                + guide.materials.map(\.name) + guide.procedure + guide.faq.map(\.question) {
                #expect(page.contains(text.replacingOccurrences(of: "\"", with: "&quot;")), "missing \(text)")
            }
            #expect(page.contains("新龙县卫生健康局"))  // the joint-handling partner
            // The handling picture: the partner reviews in parallel, named by its short name.
            #expect(page.contains("id=\"workflow-title\"") && page.contains("联合审查（卫健局）"))
            #expect(page.contains("/services/\(guide.code)/apply"))
            let blank = try await t.portal.get("/services/\(guide.code)/form")
            let sample = try await t.portal.get("/services/\(guide.code)/form?sample=1")
            #expect(guide.form.allSatisfy { blank.contains($0.label) })
            #expect(!blank.contains(guide.form[0].sample) && sample.contains(guide.form[0].sample))
            #expect(try await t.portal.get("/services/NO-SUCH-ITEM").status == .notFound)
        }
    }

    @Test("the JSON catalogue lists and describes published items")
    func api() async throws {
        try await withTestApp { t in
            let list = try await t.portal.get("/api/v1/services?q=%E4%BD%8E%E4%BF%9D")
            #expect(list.status == .ok && list.contains("513329-MZJ-GF-001"))
            let detail = try await t.portal.get("/api/v1/services/\(CaseFixtures.relief)")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let body = try decoder.decode(ServicesAPIController.DetailBody.self, from: Data(detail.body.utf8))
            #expect(body.guide == DemoCatalogue.entries.first { $0.guide.code == CaseFixtures.relief }?.guide)
            #expect(body.department.code == "MZJ" && body.version == 1)
        }
    }
}

@Suite("Editing guides with review")
struct CatalogueReviewTests {
    private func staff(_ t: TestApp, _ username: String) async throws -> Browser {
        let browser = t.workbench
        try await browser.signInStaff(username, clock: t.clock)
        return browser
    }

    @Test("a change is drafted, approved by the head, then published; the public sees only the published text")
    func reviewCycle() async throws {
        try await withTestApp { t in
            let item = try #require(try await ServiceItem.query(on: t.app.db).filter(\.$code == CaseFixtures.relief).first())
            let id = try item.requireID()
            let handler = try await staff(t, "mzj-handler")
            let itemPage = try await handler.get("/catalogue/\(id)")
            #expect(itemPage.contains("class=\"workflow-picture\"") && itemPage.contains("个工作日"))
            let editPage = try await handler.get("/catalogue/\(id)/edit")
            #expect(editPage.status == .ok)
            var fields = GuideEditorForm(guide: try #require(DemoCatalogue.entries.first { $0.guide.code == CaseFixtures.relief }?.guide)).values
                .map { ($0.key, $0.value) }
            fields = fields.map { $0.0 == "name" ? ($0.0, "临时救助申请") : $0 }
            fields += [("applicant_kinds[]", "person"), ("life_events[]", "social_assistance"), ("delivery[]", "collect"),
                       ("change_note", "名称调整")]
            let saved = try await handler.post("/catalogue/\(id)/edit", [("_csrf", editPage.csrfToken ?? "")] + fields)
            #expect(saved.status == .seeOther)
            #expect(try await t.portal.get("/services/\(CaseFixtures.relief)").contains("<h1 class=\"page-title\">临时救助<"))

            let draft = try #require(try await ServiceItemRevision.query(on: t.app.db).filter(\.$itemID == id).filter(\.$number == 2).first())
            let rid = try draft.requireID()
            _ = try await handler.submit("/catalogue/\(id)", to: "/catalogue/revisions/\(rid)/submit", [])
            let selfApproval = try await handler.submit("/catalogue/\(id)", to: "/catalogue/revisions/\(rid)/approve", [])
            #expect(selfApproval.status == .forbidden)
            let otherHead = try await staff(t, "scj-head")
            #expect(try await otherHead.get("/catalogue/\(id)").status == .notFound)
            let head = try await staff(t, "mzj-head")
            let approved = try await head.submit("/catalogue/\(id)", to: "/catalogue/revisions/\(rid)/approve", [("note", "同意")])
            #expect(approved.status == .seeOther)
            #expect(try await t.portal.get("/services/\(CaseFixtures.relief)").contains("临时救助申请"))
            let states = try await ServiceItemRevision.query(on: t.app.db).filter(\.$itemID == id).sort(\.$number).all().map(\.state)
            #expect(states == [.superseded, .published])
        }
    }

    @Test("a faulty draft is refused with the line to fix and changes nothing")
    func faultyDraft() async throws {
        try await withTestApp { t in
            let item = try #require(try await ServiceItem.query(on: t.app.db).filter(\.$code == CaseFixtures.relief).first())
            let handler = try await staff(t, "mzj-handler")
            let editPage = try await handler.get("/catalogue/\(try item.requireID())/edit")
            var fields = editPage.body.isEmpty ? [] : GuideEditorForm(guide: try #require(DemoCatalogue.entries.first { $0.guide.code == CaseFixtures.relief }?.guide)).values
                .map { ($0.key, $0.value) }
            fields = fields.map { $0.0 == "materials" ? ($0.0, "Bad Key | 申请书") : $0.0 == "promised_limit_days" ? ($0.0, "99") : $0 }
            fields += [("applicant_kinds[]", "person")]
            let page = try await handler.post("/catalogue/\(try item.requireID())/edit", [("_csrf", editPage.csrfToken ?? "")] + fields)
            #expect(page.status == .unprocessableEntity && page.contains("第1行"))
            #expect(try await ServiceItemRevision.query(on: t.app.db).filter(\.$itemID == item.requireID()).count() == 1)
        }
    }

    @Test("a suspended item shows its notice and takes no applications")
    func suspension() async throws {
        try await withTestApp { t in
            let item = try #require(try await ServiceItem.query(on: t.app.db).filter(\.$code == CaseFixtures.relief).first())
            let id = try item.requireID()
            let head = try await staff(t, "mzj-head")
            let noNotice = try await head.submit("/catalogue/\(id)", to: "/catalogue/\(id)/availability", [("availability", "suspended"), ("notice", "")])
            #expect(noNotice.status == .unprocessableEntity)
            _ = try await head.submit("/catalogue/\(id)", to: "/catalogue/\(id)/availability",
                                      [("availability", "suspended"), ("notice", "系统升级，3月10日恢复办理")])
            #expect(try await t.portal.get("/services/\(CaseFixtures.relief)").contains("系统升级，3月10日恢复办理"))
            let portal = t.portal
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            #expect(try await portal.get("/services/\(CaseFixtures.relief)/apply").status == .forbidden)
            let body = ApplicationsAPIController.CreateRequest(itemCode: CaseFixtures.relief, form: CaseFixtures.reliefForm,
                                                               materials: CaseFixtures.reliefMaterials())
            let api = try await t.portal.json(.POST, "/api/v1/applications", body, bearer: try await CaseFixtures.token(t))
            #expect(api.status == .unprocessableEntity)
        }
    }
}
