import Fluent
import Foundation
import ZhengwuCore

/// The demo county's 12345 setup: a category tree (with the matters 12345 refers elsewhere), the
/// dispatch catalogue, and knowledge-base answers, one of them past its valid-until date so the
/// stale flag has something to show.
enum DemoHotline {
    /// (code, name, parent, referral, takes location, lead department, helper departments)
    static let categories: [(String, String, String?, TicketReferral?, Bool, String?, [String])] = [
        ("urban", "城市管理", nil, nil, true, "ZJJ", []),
        ("urban-road", "道路破损", "urban", nil, true, "JTJ", ["ZJJ"]),
        ("urban-light", "路灯照明", "urban", nil, true, "ZJJ", []),
        ("urban-sanitation", "环境卫生", "urban", nil, true, "ZJJ", []),
        ("social", "社会保障", nil, nil, false, "MZJ", []),
        ("social-assistance", "低保与社会救助", "social", nil, false, "MZJ", []),
        ("social-medical", "医保报销", "social", nil, false, "YBJ", []),
        ("market", "市场监管", nil, nil, false, "SCJ", []),
        ("market-food", "食品安全", "market", nil, true, "SCJ", ["WJJ"]),
        ("market-price", "价格投诉", "market", nil, false, "SCJ", ["FGJ"]),
        ("health", "卫生健康", nil, nil, false, "WJJ", []),
        ("forest", "林草与生态", nil, nil, true, "LCJ", ["ZRJ"]),
        ("tax", "税费咨询", nil, nil, false, "SWJ", []),
        ("police", "户籍与治安", nil, nil, false, "GAJ", []),
        ("referred", "不属于12345受理范围的事项", nil, nil, false, nil, []),
        ("referred-emergency", "紧急求助（110、119、120、122）", "referred", .emergency, false, nil, []),
        ("referred-litigation", "已进入诉讼程序的事项", "referred", .litigation, false, nil, []),
        ("referred-arbitration", "已申请仲裁的事项", "referred", .arbitration, false, nil, []),
        ("referred-review", "行政复议", "referred", .administrativeReview, false, nil, []),
        ("referred-petition", "信访事项", "referred", .petition, false, nil, []),
        ("referred-disclosure", "政府信息公开申请", "referred", .disclosureRequest, false, nil, []),
    ]

    /// (question, answer, category, department, valid until)
    static let articles: [(String, String, String, String, String)] = [
        ("如何申请最低生活保障（低保）？",
         "由本人或委托他人向户籍所在地乡镇人民政府提出书面申请，提交身份证、户口簿、家庭收入和财产状况说明等材料。乡镇审核后报县民政局审批，一般在30个工作日内办结。咨询电话：0836-8122201。",
         "social-assistance", "MZJ", "2026-12-31"),
        ("异地就医需要先备案吗？",
         "跨省异地就医直接结算需先备案，可通过国家医保服务平台App、四川医保公共服务平台或到县医保局窗口办理，备案后即可在备案地定点医院直接结算。",
         "social-medical", "YBJ", "2026-12-31"),
        ("城乡居民医保怎么缴费？",
         "2026年度城乡居民基本医疗保险个人缴费标准以县医保局公告为准，可通过“四川税务”App、银行网点或乡镇便民服务中心缴纳。",
         "social-medical", "YBJ", "2026-01-31"),
        ("个人所得税年度汇算什么时候办理？",
         "每年3月1日至6月30日办理上一年度个人所得税综合所得年度汇算，可通过个人所得税App或到县税务局办税服务厅办理。",
         "tax", "SWJ", "2026-12-31"),
        ("身份证丢了怎么补办？",
         "本人携带户口簿到户籍所在地派出所或县政务服务中心公安窗口申请补领，现场采集照片和指纹，一般20个工作日内制证。急需乘车可办理临时身份证明。",
         "police", "GAJ", "2026-12-31"),
        ("发现路灯不亮向谁反映？",
         "城区路灯由县住房和城乡建设局负责维护，可拨打12345或在本网站12345栏目提交，请写明路段和灯杆编号，一般3个工作日内修复。",
         "urban-light", "ZJJ", "2026-12-31"),
    ]

    static func load(on db: Database, departmentIDs: [String: UUID], author: (id: UUID, name: String), now: Date) async throws {
        for (index, entry) in categories.enumerated() {
            let (code, name, parent, referral, location, lead, helpers) = entry
            let record = TicketCategoryRecord()
            record.code = code
            record.name = name
            record.parentCode = parent
            record.referral = referral
            record.takesLocation = location
            record.sortOrder = index
            try await record.create(on: db)
            if let lead, let leadID = departmentIDs[lead] {
                let rule = DispatchRule()
                rule.categoryCode = code
                rule.area = ""
                rule.leadDepartmentID = leadID
                rule.helperDepartmentIDs = helpers.compactMap { departmentIDs[$0]?.uuidString }.joined(separator: ",")
                try await rule.create(on: db)
            }
        }
        for (question, answer, category, department, validUntil) in articles {
            guard let departmentID = departmentIDs[department] else { continue }
            let article = KnowledgeArticle()
            article.question = question
            article.answer = answer
            article.categoryCode = category
            article.departmentID = departmentID
            article.validUntil = validUntil
            article.status = .published
            article.authorID = author.id
            article.authorName = author.name
            article.reviewerName = author.name
            article.reviewNote = ""
            article.usedCount = 0
            article.createdAt = now
            article.updatedAt = now
            try await article.create(on: db)
        }
    }
}
