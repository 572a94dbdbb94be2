import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Group commit")
struct GroupCommitTests {
    struct Refused: Error {}

    @Test("concurrent writes all commit, and one that fails undoes only itself")
    func isolation() async throws {
        try await withTestApp(demo: false) { t in
            let region = "990000"
            try await t.app.write { try await Region(code: region, name: "测试", parentCode: nil).create(on: $0) }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        do {
                            try await t.app.zhengwu.groupCommit.write { db in
                                try await Region(code: String(format: "99%04d", index + 1), name: "区\(index)", parentCode: region).create(on: db)
                                if index % 10 == 3 { throw Refused() }
                            }
                            return true
                        } catch is Refused {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 54)
            let stored = try await Region.query(on: t.app.db).filter(\.$parentCode == region).all().compactMap(\.id)
            #expect(stored.count == 54)
            #expect(!stored.contains("990004") && stored.contains("990005"))
        }
    }

    @Test("concurrent submissions get distinct receipt numbers and are all stored")
    func concurrentSubmissions() async throws {
        try await withTestApp { t in
            let token = try await CaseFixtures.token(t)
            let receipts = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 { group.addTask { try await CaseFixtures.submit(t, token: token) } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(receipts).count == 20)
            #expect(try await ServiceCase.query(on: t.app.db).filter(\.$receiptNumber ~~ receipts).count() == 20)
        }
    }
}

@Suite("Messages to applicants")
struct OutboxTests {
    final class Recorder: SMSSender, @unchecked Sendable {
        let sent = NIOLockedValueBox<[(String, String)]>([])
        let failing: Bool
        init(failing: Bool) { self.failing = failing }
        func send(to phone: String, text: String) async throws {
            if failing { throw Abort(.badGateway) }
            sent.withLockedValue { $0.append((phone, text)) }
        }
    }

    @Test("each status change is sent once to the applicant's phone")
    func delivery() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let recorder = Recorder(failing: false)
            #expect(try await NotificationOutbox.deliver(app: t.app, sender: recorder) == 1)
            #expect(try await NotificationOutbox.deliver(app: t.app, sender: recorder) == 0)
            let sent = recorder.sent.withLockedValue { $0 }
            #expect(sent.count == 1 && sent[0].0 == "13800000001" && sent[0].1.contains(receipt))
            #expect(try await Notification.query(on: t.app.db).filter(\.$delivery == .sent).count() == 1)
        }
    }

    @Test("a failing gateway is retried later with growing pauses, then given up")
    func retries() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let broken = Recorder(failing: true)
            #expect(try await NotificationOutbox.deliver(app: t.app, sender: broken) == 0)
            // Not due again at once.
            #expect(try await NotificationOutbox.deliver(app: t.app, sender: broken) == 0)
            // The case's message, not the demo's old ones.
            var message = try #require(try await Notification.query(on: t.app.db).filter(\.$receiptNumber == receipt).first())
            #expect(message.attempts == 1 && message.delivery == .pending)
            for _ in 0..<NotificationOutbox.maxAttempts {
                t.clock.advance(by: 3 * 86_400)
                _ = try await NotificationOutbox.deliver(app: t.app, sender: broken)
            }
            message = try #require(try await Notification.query(on: t.app.db).filter(\.$receiptNumber == receipt).first())
            #expect(message.delivery == .failed && message.attempts == NotificationOutbox.maxAttempts)
            // The message stays in the applicant's account whatever happened to the SMS.
            let portal = t.portal
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            #expect(try await portal.get("/account/messages").contains(message.receiptNumber))
        }
    }
}

@Suite("Rows held back until the end of a group commit")
struct DeferredRowsTests {
    @Test("a clash among held-back rows fails only the write that caused it")
    func clashFallsBackToOneByOne() async throws {
        try await withTestApp(demo: false) { t in
            let insert: @Sendable (String) async throws -> Void = { code in
                try await t.app.zhengwu.groupCommit.write { db in
                    try await (db as! SQLDatabase).insertRow(into: "regions", ["code": code, "name": "测试", "parent_code": String?.none])
                    try await t.app.zhengwu.audit.append(on: db, actor: .system("test"), action: "test.insert", subject: code)
                }
            }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for code in ["990001", "990002", "990001", "990003"] {
                    group.addTask { (try? await insert(code)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let regions = try await Region.query(on: t.app.db).count()
            let audited = try await AuditEntry.query(on: t.app.db).filter(\.$action == "test.insert").count()
            let verification = try await t.app.zhengwu.audit.verify(on: t.app.db)
            #expect(outcomes.filter { $0 }.count == 3)
            #expect(regions == 3)
            // Every stored write left exactly its audit record, and the chain holds.
            #expect(audited == 3)
            #expect(verification.firstBreak == nil)
        }
    }
}
