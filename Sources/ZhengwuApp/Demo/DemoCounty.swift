import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The demo county loaded on an empty database: 新龙县 (GB/T 2260 code 513329) with its
/// government offices, ten departments of the seeds' kind, a service centre with windows,
/// staff in every department, and a few citizens and firms.
public enum DemoCounty {
    public static let password = "Demo-2026-zw"

    public struct SignIn: Sendable {
        public let face: String
        public let login: String
        public let name: String
        public let role: String
    }

    struct DepartmentSeed {
        let code: String
        let name: String
        let shortName: String
        let kind: Department.Kind
        let phone: String
    }

    static let departments: [DepartmentSeed] = [
        .init(code: "ZFB", name: "新龙县人民政府办公室", shortName: "县政府办", kind: .office, phone: "0836-8122001"),
        .init(code: "ZWFW", name: "新龙县政务服务中心", shortName: "政务服务中心", kind: .serviceCentre, phone: "0836-8122345"),
        .init(code: "FGJ", name: "新龙县发展和改革局", shortName: "发改局", kind: .bureau, phone: "0836-8122101"),
        .init(code: "GAJ", name: "新龙县公安局", shortName: "公安局", kind: .bureau, phone: "0836-8122110"),
        .init(code: "MZJ", name: "新龙县民政局", shortName: "民政局", kind: .bureau, phone: "0836-8122201"),
        .init(code: "WJJ", name: "新龙县卫生健康局", shortName: "卫健局", kind: .bureau, phone: "0836-8122301"),
        .init(code: "YBJ", name: "新龙县医疗保障局", shortName: "医保局", kind: .bureau, phone: "0836-8122302"),
        .init(code: "SCJ", name: "新龙县市场监督管理局", shortName: "市场监管局", kind: .bureau, phone: "0836-8122315"),
        .init(code: "ZRJ", name: "新龙县自然资源局", shortName: "自然资源局", kind: .bureau, phone: "0836-8122401"),
        .init(code: "ZJJ", name: "新龙县住房和城乡建设局", shortName: "住建局", kind: .bureau, phone: "0836-8122501"),
        .init(code: "JTJ", name: "新龙县交通运输局", shortName: "交通局", kind: .bureau, phone: "0836-8122601"),
        .init(code: "LCJ", name: "新龙县林业和草原局", shortName: "林草局", kind: .bureau, phone: "0836-8122701"),
        .init(code: "SWJ", name: "国家税务总局新龙县税务局", shortName: "税务局", kind: .bureau, phone: "0836-8122366"),
        .init(code: "XXZX", name: "新龙县政务数据管理中心", shortName: "数据中心", kind: .office, phone: "0836-8122801"),
    ]

    struct StaffSeed {
        let username: String
        let name: String
        let department: String
        let roles: [Role]
    }

    static let staff: [StaffSeed] = {
        var seeds: [StaffSeed] = [
            .init(username: "sysadmin", name: "赵建国", department: "XXZX", roles: [.systemAdministrator]),
            .init(username: "secadmin", name: "钱安宁", department: "XXZX", roles: [.securityAdministrator]),
            .init(username: "auditor", name: "孙明察", department: "XXZX", roles: [.auditAdministrator]),
            .init(username: "supervisor", name: "李正清", department: "ZWFW", roles: [.supervisor]),
            .init(username: "publisher", name: "周文华", department: "ZFB", roles: [.publisher]),
            // A second publisher: nobody publishes what they wrote or submitted themselves.
            .init(username: "publisher2", name: "高明远", department: "ZFB", roles: [.publisher]),
            .init(username: "hotline", name: "吴晓丽", department: "ZWFW", roles: [.hotlineOperator]),
            .init(username: "window01", name: "郑小燕", department: "ZWFW", roles: [.windowClerk]),
            .init(username: "window02", name: "王海峰", department: "ZWFW", roles: [.windowClerk]),
        ]
        let people: [(String, String, String)] = [
            ("fgj", "陈志强", "刘思远"), ("gaj", "杨卫东", "黄建军"), ("mzj", "何秀兰", "林晓梅"),
            ("wjj", "罗春华", "郭静"), ("ybj", "马国平", "梁雪"), ("scj", "宋立新", "唐文博"),
            ("zrj", "许长青", "韩冬"), ("zjj", "冯永刚", "邓丽"), ("jtj", "曹路明", "彭远航"),
            ("lcj", "泽仁多吉", "卓玛"), ("swj", "蒋德明", "谢晓红"),
        ]
        for (code, head, handler) in people {
            seeds.append(.init(username: "\(code)-head", name: head, department: code.uppercased(), roles: [.departmentHead]))
            seeds.append(.init(username: "\(code)-handler", name: handler, department: code.uppercased(), roles: [.departmentHandler]))
        }
        return seeds
    }()

    struct PortalSeed {
        let kind: AccountKind
        let name: String
        let login: String
        let idNumber: String?
        let phone: String
    }

    /// Identity numbers carry valid checksums and the county's region code; they are invented.
    static let portal: [PortalSeed] = [
        .init(kind: .citizen, name: "扎西平措", login: "13800000001", idNumber: "513329198805120017", phone: "13800000001"),
        .init(kind: .citizen, name: "张丽华", login: "13800000002", idNumber: "513329199203150029", phone: "13800000002"),
        .init(kind: .citizen, name: "王建华", login: "13800000003", idNumber: "513329197507080032", phone: "13800000003"),
        .init(kind: .firm, name: "新龙县雅砻江生态农业有限公司", login: "91513329MA62X00010", idNumber: nil, phone: "13800000011"),
        .init(kind: .firm, name: "新龙县康巴建筑工程有限公司", login: "91513329MA62X00023", idNumber: nil, phone: "13800000012"),
    ]

    public static func isEmpty(_ database: Database) async throws -> Bool {
        try await Region.query(on: database).count() == 0
    }

    /// Loads the county into an empty database, in one transaction, and returns the sign-ins.
    public static func load(into app: Application) async throws -> [SignIn] {
        let vault = app.zhengwu.vault
        let now = app.zhengwu.clock.now()
        let today = LocalDate(now, in: WorkingCalendar.default.timeZone)
        // Every demo account shares one password, so one Bcrypt hash serves them all.
        let passwordHash = try await PasswordHasher(app: app).hash(password)
        let portalSeeds = try portal.map { seed -> (PortalSeed, ResidentIDNumber?, SocialCreditCode?, PhoneNumber) in
            (seed, try seed.idNumber.map { try ResidentIDNumber(validating: $0, today: today) },
             seed.kind == .firm ? try SocialCreditCode(validating: seed.login) : nil,
             try PhoneNumber(validating: seed.phone))
        }
        let audit = app.zhengwu.audit
        return try await app.write { db in
            try await Region(code: "510000", name: "四川省", parentCode: nil).create(on: db)
            try await Region(code: "513300", name: "甘孜藏族自治州", parentCode: "510000").create(on: db)
            try await Region(code: "513329", name: "新龙县", parentCode: "513300").create(on: db)
            for (key, value) in [(SiteSetting.governmentName, "新龙县人民政府"), (SiteSetting.servicePhone, "0836-12345"),
                                 (SiteSetting.serviceAddress, "新龙县茹龙镇政务服务中心（一楼）")] {
                try await SiteSetting(key: key, value: value).create(on: db)
            }
            var departmentIDs: [String: UUID] = [:]
            for (order, seed) in departments.enumerated() {
                let department = Department(code: seed.code, name: seed.name, shortName: seed.shortName, regionCode: "513329",
                                            kind: seed.kind, phone: seed.phone, address: "新龙县茹龙镇", sortOrder: order)
                try await department.create(on: db)
                departmentIDs[seed.code] = try department.requireID()
            }
            let centre = departmentIDs["ZWFW"]!
            try await ServiceWindow(centreID: centre, number: "01", name: "综合受理窗口", departmentID: nil).create(on: db)
            for (index, code) in ["SCJ", "GAJ", "MZJ", "YBJ", "ZRJ", "ZJJ", "LCJ", "SWJ"].enumerated() {
                let name = departments.first { $0.code == code }!.shortName + "窗口"
                try await ServiceWindow(centreID: centre, number: String(format: "%02d", index + 2), name: name,
                                        departmentID: departmentIDs[code]).create(on: db)
            }

            var signIns: [SignIn] = []
            var staffIDs: [String: (id: UUID, name: String)] = [:]
            for seed in staff {
                let account = Account(kind: .staff, loginIndex: LoginIdentifier.staff(seed.username, vault: vault),
                                      username: seed.username, displayName: seed.name, passwordHash: passwordHash, createdAt: now)
                account.departmentID = departmentIDs[seed.department]
                try await account.create(on: db)
                staffIDs[seed.username] = (try account.requireID(), seed.name)
                for role in seed.roles { try await AccountRole(accountID: try account.requireID(), role: role).create(on: db) }
                signIns.append(SignIn(face: "workbench", login: seed.username, name: seed.name,
                                      role: seed.roles.map(\.rawValue).joined(separator: ",")))
            }
            var portalIDs: [String: UUID] = [:]
            for (seed, idNumber, creditCode, phone) in portalSeeds {
                let login = creditCode?.value ?? phone.value
                let account = Account(kind: seed.kind, loginIndex: LoginIdentifier.portal(login, vault: vault), username: nil,
                                      displayName: seed.name, passwordHash: passwordHash, createdAt: now)
                account.phoneSealed = vault.seal(phone.value)
                account.phoneMasked = phone.masked
                if let idNumber {
                    account.idNumberSealed = vault.seal(idNumber.value)
                    account.idNumberIndex = LoginIdentifier.idNumber(idNumber.value, vault: vault)
                    account.idNumberMasked = idNumber.masked
                }
                account.creditCode = creditCode?.value
                try await account.create(on: db)
                try await AccountRole(accountID: try account.requireID(), role: seed.kind == .firm ? .firm : .citizen).create(on: db)
                portalIDs[login] = try account.requireID()
                signIns.append(SignIn(face: "portal", login: login, name: seed.name, role: seed.kind.rawValue))
            }
            try await DemoCatalogue.load(on: db, departmentIDs: departmentIDs, staffIDs: staffIDs, now: now)
            if let hotline = staffIDs["hotline"] {
                try await DemoHotline.load(on: db, departmentIDs: departmentIDs, author: hotline, now: now)
            }
            if let office = try await Department.find(departmentIDs["ZFB"], on: db), let citizen = portalIDs["13800000001"],
               let publisher = staffIDs["publisher"] {
                try await DemoRequests.load(on: db, services: app.zhengwu, office: office, citizenID: citizen, publisher: publisher)
            }
            try await audit.append(on: db, actor: .system("demo"), action: "demo.loaded", subject: "region:513329",
                                   detail: ["staff": String(staff.count), "portal_accounts": String(portal.count),
                                            "service_items": String(DemoCatalogue.entries.count)])
            return signIns
        }
    }
}
