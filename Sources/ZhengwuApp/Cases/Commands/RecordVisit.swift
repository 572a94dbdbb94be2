import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The applicant came to the window for this case (到现场次数 + 1): the figure supervision
/// compares with the item's promise ("最多跑一次").
enum RecordVisit {
    static func run(caseID: UUID, actor: Actor, by caseActor: CaseActor, services: ZhengwuServices,
                    app: Vapor.Application) async throws -> Bool {
        let now = services.clock.now()
        return try await app.write { db -> Bool in
            guard let record = try await CaseScope.load(caseID, for: actor, .recordWalkIn, on: db, forUpdate: true),
                  record.status.allows(.visitRecorded) else { return false }
            record.visits += 1
            record.updatedAt = now
            try await record.save(on: db)
            try await CaseJournal(services: services).record(.visitRecorded, on: record, by: caseActor, now: now,
                                                             notify: false, on: db)
            if let item = try await ApplicableItem.version(itemID: record.itemID, revisionID: record.revisionID, on: db) {
                try await CaseFlag.raise(Anomaly.afterVisit(visits: record.visits, promised: item.guide.maxVisits), on: record,
                                         services: services, now: now, on: db)
            }
            return true
        }
    }
}
