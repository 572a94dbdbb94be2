import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// `zhengwu audit verify` on a schedule: one instance (by lease) walks the audit chain and
/// keeps the outcome as a site setting, which the supervision page shows as an alarm when the
/// chain is broken.
enum ScheduledAuditCheck {
    static let leaseName = "audit-verify"
    static let settingKey = "supervision.audit_check"

    struct Outcome: Codable, Equatable {
        let checkedAt: Date
        let checked: Int64
        /// The first record that fails, when the chain is broken.
        let brokenAt: Int64?
    }

    @discardableResult
    static func run(services: ZhengwuServices, app: Vapor.Application, worker: String, leaseSeconds: TimeInterval = 3000) async throws -> Outcome? {
        let now = services.clock.now()
        guard try await JobLease.acquire(leaseName, holder: worker, for: leaseSeconds, now: now, on: app.db) else { return nil }
        let verification = try await services.audit.verify(on: app.db)
        let outcome = Outcome(checkedAt: now, checked: verification.checked, brokenAt: verification.firstBreak?.sequence)
        let value = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
        try await app.write { db in
            let before = try await SiteSetting.find(settingKey, on: db)
                .flatMap { try? JSONDecoder().decode(Outcome.self, from: Data($0.value.utf8)) }
            // A newly found break goes on the record once, not at every check.
            if let broken = outcome.brokenAt, before?.brokenAt != broken {
                try await services.audit.append(on: db, actor: .system(), action: "audit.chain_broken", subject: "audit",
                                                detail: ["record": String(broken)])
            }
            try await SiteSetting.put(settingKey, value, on: db)
        }
        services.siteSettings.invalidate()
        return outcome
    }

    static func last(on db: Database, services: ZhengwuServices, now: Date) async throws -> Outcome? {
        try await services.siteSettings.value(settingKey, on: db, now: now)
            .flatMap { try? JSONDecoder().decode(Outcome.self, from: Data($0.utf8)) }
    }
}
