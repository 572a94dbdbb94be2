import Fluent
import Foundation
import ZhengwuCore

/// Which publications a member of staff works on, in one place: the publishers of a region see
/// its organs' publications, an organ's handlers and head see their organ's. DisclosurePolicy
/// decides each action; this keeps lists to what the policy would let them open.
enum PublicationScope {
    static func query(for actor: Actor, on db: Database) -> QueryBuilder<Publication>? {
        if actor.has(.publisher), let region = actor.regionCode {
            return Publication.query(on: db).filter(\.$regionCode == region)
        }
        if actor.hasAny([.departmentHandler, .departmentHead]), let organ = actor.departmentID.flatMap(UUID.init(uuidString:)) {
            return Publication.query(on: db).filter(\.$organID == organ)
        }
        return nil
    }

    /// The organs the actor may start a publication for.
    static func organs(for actor: Actor, on db: Database) async throws -> [Department] {
        let all = try await Department.query(on: db).sort(\.$sortOrder).all()
        return all.filter { organ in
            DisclosurePolicy.permits(actor, .write, organ: .init(id: organ.id?.uuidString ?? "", regionCode: organ.regionCode))
        }
    }
}
