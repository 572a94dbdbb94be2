import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// Generates published documents in the style of a county government's notices, for the search
/// benchmark and for trying the catalogue at scale (`zhengwu generate publications`). Text is
/// assembled from the phrases such documents use, so characters and pairs occur about as often
/// as in real ones. Rows go in 500 to a transaction; the search index is built afterwards, in a
/// second pass, so its size can be told apart from the text's.
public enum PublicationGenerator {
    public struct Summary: Sendable {
        public let publications: Int
        public let textBytes: Int
    }

    static let topics = [
        "城乡居民最低生活保障", "临时救助", "农村公路养护", "义务教育学校招生", "城乡居民医疗保险", "森林草原防火", "安全生产检查",
        "高龄老人补贴", "残疾人两项补贴", "农村危房改造", "退役军人优待", "农业保险", "耕地保护", "河长制工作", "生活垃圾分类",
        "营商环境优化", "个体工商户登记", "食品安全抽检", "药品零售监管", "小规模纳税人增值税减免", "就业创业补贴", "防汛抗旱",
        "地质灾害防治", "冬季供暖保障", "乡村振兴衔接资金", "政府信息公开", "政务服务事项清单", "行政审批制度改革", "特种设备安全",
        "道路交通安全", "城市管理综合执法", "饮用水水源保护", "草原生态保护补助奖励", "中小学生营养改善计划", "医疗机构执业登记",
    ]
    static let kinds = ["通知", "公告", "实施方案", "工作要点", "办法", "意见", "通告", "情况报告", "公示"]
    static let actions = ["进一步做好", "切实加强", "全面推进", "扎实开展", "认真组织", "规范", "调整", "继续实施", "深化"]
    static let places = ["茹龙镇", "尤拉西乡", "大盖乡", "色威乡", "乐安乡", "沙堆乡", "和平乡", "雄龙西乡", "各乡（镇）", "县城区"]
    static let sentences = [
        "各乡（镇）人民政府、县级各部门要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
        "坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，不断提升公共服务水平。",
        "对符合条件的申请人，应当在规定时限内审核确认，并按月足额发放。",
        "申请人可以通过政务服务网、政务服务中心窗口或者乡（镇）便民服务中心提出申请。",
        "有关部门要加强监督检查，对违规违纪问题依法依规严肃处理，并及时向社会公开处理结果。",
        "本通知自印发之日起施行，有效期五年。此前规定与本通知不一致的，以本通知为准。",
        "资金实行专户管理、专账核算，任何单位和个人不得截留、挤占、挪用。",
        "各地要建立健全动态管理机制，做到应保尽保、应退尽退，切实兜住兜牢基本民生底线。",
        "加强宣传引导，充分利用广播电视、政府网站和政务新媒体，提高政策知晓率。",
        "工作中遇到的新情况新问题，请及时报告县人民政府办公室。",
        "严格落实首问负责、一次性告知和限时办结制度，推行容缺受理和告知承诺。",
        "请于每季度末前将工作进展情况报送县级主管部门，年度工作总结于12月15日前报送。",
    ]

    /// Inserts `count` live publications, spread over the organs and the years 2016–2026, then
    /// indexes them. `progress` is told how many are done, now and then.
    public static func generate(count: Int, seed: UInt64 = 2026, app: Application,
                                progress: @Sendable (Int) -> Void = { _ in }) async throws -> Summary {
        let organs = try await Department.query(on: app.db).all()
        guard !organs.isEmpty else { throw PublicationStoreError.missing("departments (load the demo county or create them first)") }
        var random = SplitMix64(seed: seed)
        var serials: [String: Int] = [:]
        for row in try await (app.db as! SQLDatabase).raw("SELECT organ_code, year, last FROM publication_serials").all() {
            serials["\(try row.decode(column: "organ_code", as: String.self))/\(try row.decode(column: "year", as: Int.self))"] =
                try row.decode(column: "last", as: Int.self)
        }
        var done = 0, textBytes = 0
        var ids: [UUID] = []
        while done < count {
            let batch = min(500, count - done)
            var rows: [(Publication, PublicationEdition)] = []
            for _ in 0..<batch {
                let organ = organs[Int(random.next() % UInt64(organs.count))]
                let year = 2016 + Int(random.next() % 11)
                let key = "\(organ.code)/\(year)"
                serials[key, default: 0] += 1
                let (metadata, body) = document(&random, organ: organ, year: year)
                textBytes += metadata.title.utf8.count + body.utf8.count
                let published = LocalDate(year: year, month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))!
                    .instant(atMinute: 9 * 60, in: WorkingCalendar.default.timeZone)
                let publication = try Publication(organ: organ, metadata: metadata, now: published)
                publication.id = UUID()
                publication.status = .live
                publication.indexYear = year
                publication.indexSerial = serials[key]
                publication.firstPublishedAt = published
                publication.publishedAt = published
                if metadata.genre.hasValidity {
                    publication.validity = random.next() % 5 == 0 ? .abolished : .valid
                    publication.validitySince = LocalDate(published, in: WorkingCalendar.default.timeZone).iso
                }
                let edition = PublicationEdition(publicationID: publication.id!, number: 1, metadata: metadata, body: body, changeNote: "",
                                                 author: UUID(), authorName: "生成", now: published)
                edition.id = UUID()
                edition.state = .published
                edition.publishedAt = published
                publication.currentEditionID = edition.id
                rows.append((publication, edition))
            }
            let made = rows
            try await app.write { db in
                for (publication, edition) in made {
                    try await publication.create(on: db)
                    try await edition.create(on: db)
                }
            }
            ids += rows.compactMap(\.0.id)
            done += batch
            progress(done)
        }
        let lastSerials = serials
        try await app.write { db in
            for (key, last) in lastSerials {
                let parts = key.split(separator: "/")
                try await (db as! SQLDatabase).raw("""
                    INSERT INTO publication_serials (organ_code, year, last) VALUES (\(bind: String(parts[0])), \(bind: Int(parts[1])!), \(bind: last))
                    ON CONFLICT (organ_code, year) DO UPDATE SET last = excluded.last
                    """).run()
            }
        }
        return Summary(publications: done, textBytes: textBytes)
    }

    /// Puts every live or withdrawn publication without an index row into the search index.
    public static func indexAll(app: Application, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Int {
        var indexed = 0
        while true {
            let batch = try await (app.db as! SQLDatabase).raw("""
                SELECT id FROM publications WHERE status IN ('live', 'withdrawn') AND search_key IS NULL LIMIT 500
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            if batch.isEmpty { return indexed }
            try await app.write { db in
                let publications = try await Publication.query(on: db).filter(\.$id ~~ batch).all()
                let editions = Dictionary(try await PublicationEdition.query(on: db).filter(\.$id ~~ publications.compactMap(\.currentEditionID))
                    .all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
                for publication in publications {
                    guard let editionID = publication.currentEditionID, let edition = editions[editionID] else { continue }
                    try await PublishEdition.reindex(publication, edition: edition, on: db)
                }
            }
            indexed += batch.count
            progress(indexed)
        }
    }

    static func document(_ random: inout SplitMix64, organ: Department, year: Int) -> (PublicationMetadata, String) {
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        let topic = pick(topics), kind = pick(kinds), place = pick(places)
        let title = "\(organ.name)关于\(pick(actions))\(year)年\(topic)工作的\(kind)"
        var paragraphs = ["\(place)人民政府，县级有关部门：", "为\(pick(actions))\(topic)工作，根据有关法律法规和上级部署，结合我县实际，现就有关事项\(kind == "公告" ? "公告" : "通知")如下。"]
        for section in 1...(2 + Int(random.next() % 4)) {
            var paragraph = "\(["一", "二", "三", "四", "五", "六"][section - 1])、\(pick(actions))\(pick(topics))。"
            for _ in 0..<(2 + Int(random.next() % 4)) { paragraph += pick(sentences) }
            paragraph += "\(place)\(year)年安排资金\(10 + random.next() % 990)万元，惠及群众\(100 + random.next() % 9900)人。"
            paragraphs.append(paragraph)
        }
        paragraphs.append("\(organ.name)\n\(year)年\(1 + random.next() % 12)月\(1 + random.next() % 28)日")
        let genre: PublicationGenre = switch kind {
        case "办法": random.next() % 2 == 0 ? .normative : .rule
        case "公告": .announcement
        case "通告": .circular
        case "意见": .opinion
        case "实施方案", "工作要点": .plan
        case "情况报告": .report
        default: .notice
        }
        let number = "\(organ.shortName.prefix(2))发〔\(year)〕\(1 + random.next() % 99)号"
        let metadata = PublicationMetadata(title: title, docNumber: number, subject: pick(PublicationSubject.allCases), genre: genre,
                                           writtenOn: LocalDate(year: year, month: 1, day: 2)!, keywords: [topic, kind])
        return (metadata, paragraphs.joined(separator: "\n\n"))
    }
}

/// A small deterministic generator, so the same seed gives the same documents on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
