import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Tamper-evident audit trail")
struct AuditTrailTests {
    @Test func signInsAndChangesAreRecordedAndTheChainVerifies() async throws {
        try await withTestApp { t in
            _ = try await t.portal.signInPortal("13800000002")
            _ = try await t.portal.signInPortal("13800000002", password: "wrong-password-9")
            let actions = try await AuditEntry.query(on: t.app.db).sort(\.$id).all().map(\.action)
            // Loading the demo (its 2025 requests included) comes first, then the two sign-ins.
            #expect(Array(actions.suffix(3)) == ["demo.loaded", "auth.signin.success", "auth.signin.failure"])
            #expect(actions.dropLast(3).allSatisfy { $0.hasPrefix("information_request.") })
            let result = try await t.app.zhengwu.audit.verify(on: t.app.db)
            #expect(result.firstBreak == nil)
            #expect(result.checked == actions.count)
        }
    }

    @Test func editingARecordInTheDatabaseIsDetected() async throws {
        try await withTestApp { t in
            for _ in 0..<3 { _ = try await t.portal.signInPortal("13800000003") }
            let sql = t.app.db as! SQLDatabase
            try await sql.raw("UPDATE audit_log SET source_address = '10.9.9.9' WHERE sequence = 3").run()
            let result = try await t.app.zhengwu.audit.verify(on: t.app.db)
            #expect(result.firstBreak == .alteredRecord(sequence: 3))
            #expect(result.checked == 2)
        }
    }

    @Test func deletingARecordIsDetected() async throws {
        try await withTestApp { t in
            for _ in 0..<3 { _ = try await t.portal.signInPortal("13800000003") }
            try await (t.app.db as! SQLDatabase).raw("DELETE FROM audit_log WHERE sequence = 2").run()
            #expect(try await t.app.zhengwu.audit.verify(on: t.app.db).firstBreak == .missingRecord(expected: 2, found: 3))
        }
    }

    @Test func verificationPagesThroughLongTrails() async throws {
        try await withTestApp(demo: false) { t in
            let audit = t.app.zhengwu.audit
            try await t.app.write { db in
                for index in 0..<25 {
                    try await audit.append(on: db, actor: .system(), action: "test.event", subject: "n:\(index)")
                }
            }
            let result = try await audit.verify(on: t.app.db, pageSize: 4)
            #expect(result.firstBreak == nil && result.checked == 25)
        }
    }

    @Test func concurrentWritersKeepOneUnbrokenChain() async throws {
        try await withTestApp(demo: false) { t in
            let app = t.app
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await app.write { db in
                            try await app.zhengwu.audit.append(on: db, actor: .system(), action: "test.parallel", subject: "n:\(index)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let result = try await app.zhengwu.audit.verify(on: app.db)
            #expect(result.firstBreak == nil && result.checked == 20)
        }
    }

    @Test func theAuditAdministratorBrowsesFiltersAndVerifies() async throws {
        try await withTestApp { t in
            _ = try await t.portal.signInPortal("13800000001")
            let auditor = t.workbench
            try await auditor.signInStaff("auditor", clock: t.clock)
            let all = try await auditor.get("/audit")
            #expect(all.status == .ok)
            #expect(all.contains("auth.signin.success") && all.contains("demo.loaded"))
            let filtered = try await auditor.get("/audit?action=demo")
            #expect(filtered.contains("demo.loaded") && !filtered.contains("auth.signin.success"))
            let verified = try await auditor.get("/audit?verify=1")
            #expect(verified.contains("哈希链完整"))
            let badDate = try await auditor.get("/audit?from=2026-13-01")
            #expect(badDate.contains("日期格式不正确"))
        }
    }
}
