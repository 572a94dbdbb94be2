import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// The applicant withdraws (撤回申请) before a decision; a draft is simply discarded.
enum WithdrawApplication {
    enum Outcome: Equatable { case withdrawn, discarded, notAllowed }

    static func run(caseID: UUID, by actor: CaseActor, reason: String, services: ZhengwuServices,
                    app: Vapor.Application) async throws -> Outcome {
        let now = services.clock.now()
        return try await app.write { db -> Outcome in
            guard let record = try await CaseLock.find(caseID, on: db) else { return .notAllowed }
            if record.status == .draft {
                let files = try await CaseMaterial.query(on: db).filter(\.$applicationID == caseID).all().compactMap(\.fileID)
                try await CaseMaterial.query(on: db).filter(\.$applicationID == caseID).delete()
                if !files.isEmpty { try await StoredFile.query(on: db).filter(\.$id ~~ files).delete() }
                try await CaseDepartment.query(on: db).filter(\.$applicationID == caseID).delete()
                try await record.delete(on: db)
                return .discarded
            }
            guard record.status.allows(.withdrawn) else { return .notAllowed }
            record.status = try record.status.after(.withdrawn)
            record.updatedAt = now
            try await record.save(on: db)
            try await CaseJournal(services: services).record(.withdrawn, on: record, by: actor, note: String(reason.prefix(500)),
                                                             now: now, on: db)
            return .withdrawn
        }
    }
}
