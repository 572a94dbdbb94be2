import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Role scoping on the workbench")
struct RoleScopingTests {
    func id(of name: String, _ t: TestApp) async throws -> String {
        try #require(try await Account.query(on: t.app.db).filter(\.$displayName == name).first()).requireID().uuidString
    }

    @Test func aDepartmentHeadSeesOnlyTheirDepartment() async throws {
        try await withTestApp { t in
            let head = t.workbench
            try await head.signInStaff("mzj-head", clock: t.clock)
            let list = try await head.get("/admin/staff")
            #expect(list.status == .ok)
            #expect(list.contains("林晓梅"))       // 民政局 handler
            #expect(!list.contains("刘思远"))      // 发改局 handler
            // Opening someone outside the scope is a plain "not found", not a leak.
            #expect(try await head.get("/admin/staff/\(try await id(of: "刘思远", t))").status == .notFound)
            #expect(try await head.get("/admin/staff/new").status == .forbidden)
        }
    }

    @Test func theSystemAdministratorSeesTheRegionButNotTheAuditTrail() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let list = try await admin.get("/admin/staff")
            #expect(list.contains("林晓梅") && list.contains("刘思远"))
            #expect(try await admin.get("/audit").status == .forbidden)
            #expect(!list.contains("href=\"/audit\""))
        }
    }

    @Test func searchIgnoresCaseOnEveryDatabase() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let found = try await admin.get("/admin/staff?q=SECADM")
            #expect(found.contains("钱安宁") && !found.contains("孙明察"))
            #expect(try await admin.get("/admin/staff?q=%E5%AD%99").contains("孙明察"))
        }
    }

    @Test func aHandlerHasNoDirectory() async throws {
        try await withTestApp { t in
            let handler = t.workbench
            try await handler.signInStaff("jtj-handler", clock: t.clock)
            let page = try await handler.get("/admin/staff")
            #expect(page.status == .forbidden)
            #expect(page.contains("您没有权限"))
        }
    }

    @Test func theSecurityAdministratorGrantsRolesWithinTheRules() async throws {
        try await withTestApp { t in
            let security = t.workbench
            try await security.signInStaff("secadmin", clock: t.clock)
            let target = try await id(of: "刘思远", t)
            let show = try await security.get("/admin/staff/\(target)")
            let granted = try await security.post("/admin/staff/\(target)/roles", [
                ("_csrf", show.csrfToken!), ("roles[]", "department_handler"), ("roles[]", "window_clerk"),
            ])
            #expect(granted.location == "/admin/staff/\(target)?done=roles")
            let roles = try await AccountRole.query(on: t.app.db).filter(\.$accountID == UUID(uuidString: target)!).all().map(\.role)
            #expect(Set(roles) == [.departmentHandler, .windowClerk])

            let mixed = try await security.post("/admin/staff/\(target)/roles", [
                ("_csrf", show.csrfToken!), ("roles[]", "audit_administrator"), ("roles[]", "window_clerk"),
            ])
            #expect(mixed.status == .unprocessableEntity)
            #expect(mixed.contains("三员分立"))

            let own = try await id(of: "钱安宁", t)
            let selfGrant = try await security.post("/admin/staff/\(own)/roles", [
                ("_csrf", show.csrfToken!), ("roles[]", "security_administrator"), ("roles[]", "supervisor"),
            ])
            #expect(selfGrant.status == .unprocessableEntity)
            #expect(selfGrant.contains("不能修改自己的角色"))

            let changes = try await AuditEntry.query(on: t.app.db).filter(\.$action == "permission.roles_changed").all()
            #expect(changes.count == 1)
            #expect(changes.first?.detail.contains("window_clerk") == true)
        }
    }

    @Test func theSystemAdministratorCannotGrantRoles() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let target = try await id(of: "刘思远", t)
            let show = try await admin.get("/admin/staff/\(target)")
            #expect(!show.contains("/roles\""))
            let attempt = try await admin.post("/admin/staff/\(target)/roles", [("_csrf", show.csrfToken!), ("roles[]", "supervisor")])
            #expect(attempt.status == .forbidden)
        }
    }

    @Test func theSystemAdministratorOpensAnAccountThatThenSignsIn() async throws {
        try await withTestApp { t in
            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let department = try #require(try await Department.query(on: t.app.db).filter(\.$code == "LCJ").first())
            let created = try await admin.submit("/admin/staff/new", [
                ("username", "lcj-new"), ("display_name", "次仁"), ("department", try department.requireID().uuidString),
            ])
            #expect(created.status == .ok)
            let password = try #require(created.capture(#"id="initial-password">([^<]+)<"#))
            let newcomer = t.workbench
            try await newcomer.signInStaff("lcj-new", password: password, clock: t.clock)
            // A one-time password must be replaced before anything else.
            #expect(try await newcomer.get("/").location == "/account/password")
            let form = try await newcomer.get("/account/password")
            #expect(form.contains("一次性初始密码"))
            let weak = try await newcomer.post("/account/password", [("_csrf", form.csrfToken!), ("current_password", password),
                                                                     ("password", "lcj-new-2026"), ("password_confirmation", "lcj-new-2026")])
            #expect(weak.contains("密码不能包含登录名"))
            let changed = try await newcomer.post("/account/password", [("_csrf", form.csrfToken!), ("current_password", password),
                                                                        ("password", "Cuo-na-lake-9"), ("password_confirmation", "Cuo-na-lake-9")])
            #expect(changed.location == "/account/password?done=1")
            #expect(try await newcomer.get("/").status == .ok)

            let duplicate = try await admin.submit("/admin/staff/new", [
                ("username", "LCJ-new"), ("display_name", "次仁"), ("department", try department.requireID().uuidString),
            ])
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.contains("该用户名已被使用"))
            #expect(duplicate.contains("value=\"次仁\""))
        }
    }
}
