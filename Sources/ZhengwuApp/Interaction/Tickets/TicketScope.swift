import Fluent
import Foundation
import ZhengwuCore

/// Which tickets a member of staff works on, decided once for every list: the hotline office and
/// supervisors see every ticket; a department's handlers and head the tickets dispatched to
/// their department, as lead or helper.
enum TicketScope {
    enum Reach {
        case everything
        case department(UUID)
        case nothing
    }

    static func reach(of actor: Actor) -> Reach {
        if actor.has(.hotlineOperator) || actor.has(.supervisor) { return .everything }
        if actor.hasAny([.departmentHandler, .departmentHead]), let department = actor.departmentID.flatMap(UUID.init(uuidString:)) {
            return .department(department)
        }
        return .nothing
    }

    static func seesTickets(_ actor: Actor) -> Bool {
        if case .nothing = reach(of: actor) { return false }
        return true
    }
}
