import Fluent
import Vapor
import ZhengwuCore

/// The open 12345 tickets on the supervisor's board by colour: the same marks as the queues
/// (TicketDeadlineMark), so a red on the board is a red in the department's list.
enum TicketWatch {
    struct Counts: Encodable {
        var open = 0
        var red = 0
        var yellow = 0
        var normal = 0
    }

    static func counts(for actor: Actor, on req: Request) async throws -> Counts {
        var counts = Counts()
        guard case .everything = TicketScope.reach(of: actor) else { return counts }
        let marks = try await TicketDeadlineMark.load(on: req)
        // The tickets of the queue's "open" tab (dispatched or signed for): a few hundred at most.
        for ticket in try await Ticket.query(on: req.db).filter(\.$status ~~ [.dispatched, .signed]).all() {
            counts.open += 1
            switch marks.mark(ticket, on: req)?.level {
            case WarningLevel.red.rawValue?: counts.red += 1
            case WarningLevel.yellow.rawValue?: counts.yellow += 1
            default: counts.normal += 1
            }
        }
        return counts
    }
}
