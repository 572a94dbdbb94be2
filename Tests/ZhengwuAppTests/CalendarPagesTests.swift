import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Deadline calculator and calendar administration")
struct CalendarPagesTests {
    @Test func theCalculatorCountsAsTheLawDoesAndListsSkippedDays() async throws {
        try await withTestApp { t in
            let page = try await t.portal.get("/tools/deadline?from=2026-02-10&days=20")
            #expect(page.status == .ok)
            #expect(page.contains("2026-03-16"))
            #expect(page.contains("2026-02-15") && page.contains("春节"))
            #expect(page.contains("day-weekend"))
            #expect(!page.contains("<span class=\"mono\">2026-02-14</span>"), "a makeup Saturday is a working day, not skipped")
        }
    }

    @Test func badInputIsExplainedAndKept() async throws {
        try await withTestApp { t in
            let page = try await t.portal.get("/tools/deadline?from=2026-02-30&days=abc")
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("收件日期格式不正确"))
            #expect(page.contains("工作日数应为1到"))
            #expect(page.contains("value=\"2026-02-30\""))
        }
    }

    @Test func aYearWithoutArrangementWarnsUntilAnAdministratorLoadsIt() async throws {
        try await withTestApp { t in
            let before = try await t.portal.get("/tools/deadline?from=2026-12-20&days=20")
            #expect(before.contains("尚未载入 2027 年的节假日安排"))

            let admin = t.workbench
            try await admin.signInStaff("sysadmin", clock: t.clock)
            let bad = try await admin.submit("/admin/calendar", [("arrangement", "year 2027\nholiday 元旦 2027-01-01 2027-01-0x\n")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("2027-01-0x"))

            let saved = try await admin.submit("/admin/calendar", [("arrangement", """
                year 2027
                source 国办发明电〔2026〕1号
                holiday 元旦 2027-01-01 2027-01-03
                """)])
            #expect(saved.location == "/admin/calendar?saved=2027")
            let after = try await t.portal.get("/tools/deadline?from=2026-12-20&days=20")
            #expect(!after.contains("尚未载入"))
            #expect(after.contains("元旦"))
            #expect(try await CalendarYear.find(2027, on: t.app.db) != nil)
            #expect(try await AuditEntry.query(on: t.app.db).filter(\.$action == "calendar.year_saved").count() == 1)
        }
    }

    @Test func onlyTheSystemAdministratorEditsTheCalendar() async throws {
        try await withTestApp { t in
            let supervisor = t.workbench
            try await supervisor.signInStaff("supervisor", clock: t.clock)
            #expect(try await supervisor.get("/admin/calendar").status == .forbidden)
        }
    }
}

@Suite("Configuration is validated at start-up")
struct ConfigTests {
    let resources = ["ZHENGWU_RESOURCES_DIR": TestApp.packageRoot]

    @Test func defaultsAreTheDocumentedOnes() throws {
        let config = try ZhengwuConfig.resolve(flags: .init(), environment: resources)
        #expect(config.publicBind.description == "127.0.0.1:8080")
        #expect(config.staffBind.description == "127.0.0.1:8081")
        #expect(config.database == .sqliteFile("./zhengwu-data/zhengwu.sqlite"))
        #expect(config.loadDemo)
    }

    @Test func flagsOverrideTheEnvironment() throws {
        let env = resources.merging(["ZHENGWU_PUBLIC_BIND": "0.0.0.0:9000", "ZHENGWU_DATABASE_URL": "postgres://u:p@db:5432/zw"]) { $1 }
        let config = try ZhengwuConfig.resolve(flags: .init(publicBind: "127.0.0.1:7000", noDemo: true), environment: env)
        #expect(config.publicBind.port == 7000)
        #expect(config.database == .postgres(url: "postgres://u:p@db:5432/zw"))
        #expect(!config.loadDemo)
    }

    @Test func everyWrongValueIsNamed() {
        let env = resources.merging([
            "ZHENGWU_STAFF_BIND": "localhost", "ZHENGWU_DATABASE_URL": "mysql://x", "ZHENGWU_MASTER_KEY": "short",
            "ZHENGWU_SECURE_COOKIES": "perhaps", "ZHENGWU_FAKE_NOW": "yesterday",
        ]) { $1 }
        do {
            _ = try ZhengwuConfig.resolve(flags: .init(environment: "staging"), environment: env)
            Issue.record("expected a configuration error")
        } catch {
            let settings = error.problems.map(\.setting)
            for name in ["--env / ZHENGWU_ENV", "--staff-bind / ZHENGWU_STAFF_BIND", "--database-url / ZHENGWU_DATABASE_URL",
                         "ZHENGWU_MASTER_KEY", "ZHENGWU_SECURE_COOKIES", "ZHENGWU_FAKE_NOW"] {
                #expect(settings.contains(name), "missing \(name)")
            }
        }
    }

    @Test func theFakeClockIsRefusedInProduction() {
        let env = resources.merging(["ZHENGWU_FAKE_NOW": "2026-03-01T10:00:00+08:00"]) { $1 }
        #expect(throws: ConfigError.self) { try ZhengwuConfig.resolve(flags: .init(environment: "production"), environment: env) }
        let development = try? ZhengwuConfig.resolve(flags: .init(), environment: env)
        #expect(development?.fakeNow == ISO8601DateFormatter().date(from: "2026-03-01T02:00:00Z"))
    }

    @Test func productionOnPostgreSQLNeedsASharedKey() {
        let env = resources.merging(["ZHENGWU_DATABASE_URL": "postgres://u:p@db/zw"]) { $1 }
        #expect(throws: ConfigError.self) { try ZhengwuConfig.resolve(flags: .init(environment: "production"), environment: env) }
    }

    @Test func theTwoListenersMustDiffer() {
        #expect(throws: ConfigError.self) {
            try ZhengwuConfig.resolve(flags: .init(publicBind: "127.0.0.1:9000", staffBind: "127.0.0.1:9000"), environment: resources)
        }
    }
}
