import Fluent
import Foundation
import ZhengwuCore

/// The steps of a bad review's rectification: the follow-up call, the department's fix (which
/// may be published), its appeal, and the supervisor's decision on the appeal. An upheld appeal
/// withdraws the task and the review stops counting (RatingAppeal.reviewCounts).
enum HandleRectification {
    enum Step: Sendable {
        case followUp(note: String)
        case fix(note: String, publish: Bool)
        case appeal(reason: String)
        case decide(upheld: Bool, note: String)
    }

    enum Outcome: Sendable, Equatable {
        case done, forbidden, notFound, conflict
        case problem(String)
    }

    static func run(_ step: Step, taskID: UUID, actor: Actor, services: ZhengwuServices, auditActor: AuditActor, now: Date,
                    on db: Database) async throws -> Outcome {
        guard let task = try await Rectification.find(taskID, on: db) else { return .notFound }
        let department = task.departmentID.uuidString
        let action: String
        switch step {
        case .followUp(let note):
            guard RatingPolicy.permits(actor, .followUp) else { return .forbidden }
            guard task.followUpNeeded, task.followedUpAt == nil else { return .conflict }
            guard note.trimmingCharacters(in: .whitespaces).count >= 4 else { return .problem("rectification.error.note") }
            task.followUpNote = note
            task.followedUpAt = now
            action = "followed_up"
        case .fix(let note, let publish):
            guard RatingPolicy.permits(actor, .fix(departmentID: department)) else { return .forbidden }
            guard task.status == .open, task.appeal != .pending else { return .conflict }
            guard note.trimmingCharacters(in: .whitespaces).count >= 10 else { return .problem("rectification.error.fix") }
            task.fixNote = note
            task.fixPublished = publish
            task.fixedAt = now
            task.status = .fixed
            action = "fixed"
        case .appeal(let reason):
            guard RatingPolicy.permits(actor, .fix(departmentID: department)) else { return .forbidden }
            guard task.status == .open, task.appeal == nil else { return .conflict }
            guard reason.trimmingCharacters(in: .whitespaces).count >= 10 else { return .problem("rectification.error.appeal") }
            task.appeal = .pending
            task.appealReason = reason
            action = "appealed"
        case .decide(let upheld, let note):
            guard RatingPolicy.permits(actor, .decideAppeal) else { return .forbidden }
            guard task.appeal == .pending else { return .conflict }
            guard note.trimmingCharacters(in: .whitespaces).count >= 4 else { return .problem("rectification.error.note") }
            task.appeal = upheld ? .upheld : .rejected
            task.appealDecision = note
            if upheld { task.status = .withdrawn }
            action = upheld ? "appeal_upheld" : "appeal_rejected"
        }
        task.updatedAt = now
        try await task.update(on: db)
        let rating = try await Rating.find(task.ratingID, on: db)
        try await services.audit.append(on: db, actor: auditActor, action: "rectification.\(action)",
                                        subject: "\(rating?.subject.rawValue ?? "rating"):\(rating?.subjectNumber ?? taskID.uuidString)")
        return .done
    }
}
