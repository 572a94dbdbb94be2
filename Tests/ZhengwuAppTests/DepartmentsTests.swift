import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Departments are managed by the system administrator")
struct DepartmentsTests {
    let fields: [(String, String)] = [
        ("code", "sjj"), ("name", "新龙县审计局"), ("short_name", "审计局"), ("kind", "bureau"),
        ("region", "513329"), ("phone", "0836-8122901"), ("address", "新龙县茹龙镇"),
    ]

    @Test func aDepartmentIsOpenedEditedAndAudited() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let created = try await admin.submit("/admin/departments/new", fields)
            #expect(created.location == "/admin/departments?saved=SJJ")
            let list = try await admin.get("/admin/departments")
            #expect(list.contains("新龙县审计局") && list.contains("新龙县林业和草原局"))

            let department = try #require(try await Department.query(on: t.app.db).filter(\.$code == "SJJ").first())
            let id = try department.requireID().uuidString
            var renamed = fields
            renamed[1] = ("name", "新龙县审计局（新）")
            renamed[0] = ("code", "CHANGED")
            #expect(try await admin.submit("/admin/departments/\(id)", renamed).status == .seeOther)
            let reloaded = try #require(try await Department.find(department.requireID(), on: t.app.db))
            #expect(reloaded.name == "新龙县审计局（新）")
            #expect(reloaded.code == "SJJ", "the code is fixed once created")
            let actions = try await AuditEntry.query(on: t.app.db).filter(\.$action =~ "department.").all().map(\.action)
            #expect(actions == ["department.created", "department.updated"])
        }
    }

    @Test func badInputIsExplainedAndKept() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let duplicate = try await admin.submit("/admin/departments/new", [("code", "SCJ")] + fields.dropFirst())
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.contains("该部门代码已被使用"))
            #expect(duplicate.contains("value=\"新龙县审计局\""))
            let outside = try await admin.submit("/admin/departments/new", fields.map { $0.0 == "region" ? ("region", "110105") : $0 })
            #expect(outside.contains("请选择您管理范围内的行政区划"))
            let badCode = try await admin.submit("/admin/departments/new", [("code", "审计")] + fields.dropFirst())
            #expect(badCode.contains("部门代码应为2-20位"))
            #expect(try await Department.query(on: t.app.db).filter(\.$name == "新龙县审计局").count() == 0)
        }
    }

    @Test func aCentreWithWindowsKeepsItsType() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let centre = try #require(try await Department.query(on: t.app.db).filter(\.$code == "ZWFW").first())
            let page = try await admin.submit("/admin/departments/\(try centre.requireID().uuidString)", [
                ("name", centre.name), ("short_name", centre.shortName), ("kind", "bureau"), ("region", "513329"),
                ("phone", ""), ("address", ""),
            ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("该部门还有窗口"))
            #expect(try await Department.find(centre.requireID(), on: t.app.db)?.kind == .serviceCentre)
        }
    }

    @Test func aMalformedIDIsNotFoundRatherThanANewDepartment() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let before = try await Department.query(on: t.app.db).count()
            #expect(try await admin.submit("/admin/departments/new", to: "/admin/departments/garbage", fields).status == .notFound)
            #expect(try await Department.query(on: t.app.db).count() == before)
            #expect(!(try await admin.get("/admin/departments?saved=%E4%BC%AA%E9%80%A0")).contains("伪造"))
        }
    }

    @Test func othersCannotManageDepartments() async throws {
        try await withTestApp { t in
            let security = t.workbench
            try await security.signInStaff("secadmin", clock: t.clock)
            #expect(try await security.get("/admin/departments").status == .forbidden)
            let token = try await security.get("/").csrfToken!
            #expect(try await security.post("/admin/departments/new", [("_csrf", token)] + fields).status == .forbidden)
        }
    }

    @Test func anEmptyInstallGrowsFromItsFirstAdministrator() async throws {
        try await withTestApp(demo: false) { t in
            let created = try await BootstrapAdministrator(app: t.app).run(.init(
                username: "admin", displayName: "管理员", role: "system-administrator", regionCode: "513329",
                regionName: "新龙县", governmentName: "新龙县人民政府", departmentName: "政务数据管理中心"))
            let admin = t.workbench
            try await admin.signInStaff("admin", password: created.initialPassword, clock: t.clock)
            let form = try await admin.get("/account/password")
            try await admin.post("/account/password", [("_csrf", form.csrfToken!), ("current_password", created.initialPassword),
                                                        ("password", "Yala-snow-2026"), ("password_confirmation", "Yala-snow-2026")])
            #expect(try await admin.submit("/admin/departments/new", fields).status == .seeOther)
            let department = try #require(try await Department.query(on: t.app.db).filter(\.$code == "SJJ").first())
            let staff = try await admin.submit("/admin/staff/new", [
                ("username", "sjj-head"), ("display_name", "白玛"), ("department", try department.requireID().uuidString),
            ])
            #expect(staff.contains("id=\"initial-password\""))
            #expect(try await admin.get("/").contains("新龙县人民政府"))
        }
    }
}

@Suite("Service-centre windows")
struct ServiceWindowsTests {
    @Test func windowsAreAddedToACentreWithUniqueNumbers() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let list = try await admin.get("/admin/windows")
            #expect(list.contains("综合受理窗口") && list.contains("市场监管局窗口"))
            let centre = try #require(try await Department.query(on: t.app.db).filter(\.$code == "ZWFW").first())
            let bureau = try #require(try await Department.query(on: t.app.db).filter(\.$code == "WJJ").first())
            let fields = [("centre", try centre.requireID().uuidString), ("number", "10"), ("name", "卫健局窗口"),
                          ("department", try bureau.requireID().uuidString)]
            #expect(try await admin.submit("/admin/windows/new", fields).location == "/admin/windows?saved=1")
            let again = try await admin.submit("/admin/windows/new", fields)
            #expect(again.status == .unprocessableEntity)
            #expect(again.contains("该中心已有这个编号的窗口"))
            let notACentre = try await admin.submit("/admin/windows/new", [("centre", try bureau.requireID().uuidString)] + fields.dropFirst())
            #expect(notACentre.contains("请选择您管理范围内的政务服务中心"))
            let window = try #require(try await ServiceWindow.query(on: t.app.db).filter(\.$number == "10").first())
            #expect(window.departmentID == bureau.id)
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "window.created").count() == 1)
        }
    }

    @Test func onlyTheSystemAdministratorManagesWindows() async throws {
        try await withTestApp { t in
            let clerk = t.workbench
            try await clerk.signInStaff("window01", clock: t.clock)
            #expect(try await clerk.get("/admin/windows").status == .forbidden)
        }
    }
}

@Suite("Site settings")
struct SiteSettingsTests {
    @Test func theGovernmentNameChangesEveryHeaderAndIsAudited() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let empty = try await admin.submit("/admin/settings", [("government_name", ""), ("service_phone", "0836-1"),
                                                                   ("service_address", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("请填写政府名称") && empty.contains("value=\"0836-1\""))
            let saved = try await admin.submit("/admin/settings", [("government_name", "新龙县人民政府（测试）"),
                                                                   ("service_phone", "0836-7654321"), ("service_address", "")])
            #expect(saved.location == "/admin/settings?saved=1")
            let home = try await t.portal.get("/")
            #expect(home.contains("新龙县人民政府（测试）") && home.contains("0836-7654321"))
            #expect(!home.contains("茹龙镇政务服务中心"), "an emptied setting disappears from the footer")
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "settings.saved").count() == 1)
        }
    }

    @Test func onlyTheSystemAdministratorChangesThem() async throws {
        try await withTestApp { t in
            let auditor = t.workbench
            try await auditor.signInStaff("auditor", clock: t.clock)
            #expect(try await auditor.get("/admin/settings").status == .forbidden)
        }
    }
}
