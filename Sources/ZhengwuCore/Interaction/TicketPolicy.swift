/// Who may do what with 12345 tickets. The hotline office (operators) takes tickets in,
/// dispatches them, approves extensions, urges and follows up; a department's handlers and head
/// sign for, return and answer the tickets dispatched to their department; supervisors read
/// every ticket and decide appeals against bad reviews.
public enum TicketPolicy {
    public enum Action: Sendable, Equatable {
        case intake, dispatch, approveExtension, urge, followUp, merge
        /// Sign for, return, ask for an extension, reply: on a ticket dispatched to `departmentID`.
        case handle(departmentID: String)
        /// See the ticket: the office, supervisors, and the department it went to (lead or helper).
        case view(departmentIDs: Set<String>)
        /// Decide a department's appeal against a bad review.
        case decideAppeal
    }

    public static func permits(_ actor: Actor, _ action: Action) -> Bool {
        guard actor.kind == .staff else { return false }
        let office = actor.has(.hotlineOperator)
        switch action {
        case .intake, .dispatch, .approveExtension, .urge, .followUp, .merge:
            return office
        case .handle(let department):
            return actor.departmentID == department && actor.hasAny([.departmentHandler, .departmentHead])
        case .view(let departments):
            return office || actor.has(.supervisor)
                || (actor.departmentID.map(departments.contains) ?? false && actor.hasAny([.departmentHandler, .departmentHead]))
        case .decideAppeal:
            return actor.has(.supervisor)
        }
    }
}
