import Fluent
import Foundation
import ZhengwuCore

/// Which requests a member of staff sees, in one place: publishers and supervisors see their
/// region's, an organ's handlers and head their organ's. DisclosurePolicy decides each action;
/// this keeps lists to what the policy would let them open.
enum RequestScope {
    static func query(for actor: Actor, on db: Database) -> QueryBuilder<InformationRequest>? {
        if actor.hasAny([.publisher, .supervisor]), let region = actor.regionCode {
            return InformationRequest.query(on: db).filter(\.$regionCode == region)
        }
        if actor.hasAny([.departmentHandler, .departmentHead]), let organ = actor.departmentID.flatMap(UUID.init(uuidString:)) {
            return InformationRequest.query(on: db).filter(\.$organID == organ)
        }
        return nil
    }

    /// Whether the actor works with requests at all: for the navigation.
    static func seesRequests(_ actor: Actor) -> Bool {
        DisclosurePolicy.worksOnDisclosure(actor) || (actor.kind == .staff && actor.has(.supervisor))
    }
}
