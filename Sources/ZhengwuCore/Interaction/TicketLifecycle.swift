/// Where a ticket (工单) stands in the closed loop of the national guidance:
/// 受理 → 派单 → 签收 → 办理 → 答复 → 回访 → 办结, with 退单/改派 and 并单 on the way. Which
/// event may happen in which status is decided here, once, for every screen and the API.
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    /// Taken in, waiting for the dispatcher.
    case received
    /// Sent to a department, waiting to be signed for.
    case dispatched
    /// Signed for: the department is handling it.
    case signed
    /// Returned by the department as mis-routed, waiting for the dispatcher to re-dispatch.
    case returned
    /// The department replied; the hotline office follows up with the citizen.
    case replied
    /// Closed: after the follow-up, or answered on the spot at intake.
    case closed
    /// Merged into another open ticket (并单); the citizen follows the parent's progress.
    case merged

    public var messageKey: String { "ticket_status.\(rawValue)" }
    public var isOpen: Bool { self != .closed && self != .merged }

    /// The reply deadline's clock runs from dispatch until the reply.
    public var replyClockRuns: Bool { self == .dispatched || self == .signed || self == .returned }

    public func allows(_ event: TicketEvent) -> Bool {
        switch event {
        case .answerOnSpot: self == .received
        case .dispatch: self == .received || self == .returned
        case .sign: self == .dispatched
        case .returnToDispatcher: self == .dispatched || self == .signed
        case .askExtension, .decideExtension: self == .signed
        case .reply: self == .signed
        case .followUp: self == .replied
        case .merge: self == .received || self == .dispatched || self == .returned
        case .urge: self == .dispatched || self == .signed || self == .returned
        }
    }

    /// The status after `event`, or nil when it is not allowed now.
    public func after(_ event: TicketEvent) -> TicketStatus? {
        guard allows(event) else { return nil }
        switch event {
        case .answerOnSpot: return .closed
        case .dispatch: return .dispatched
        case .sign: return .signed
        case .returnToDispatcher: return .returned
        case .askExtension, .decideExtension, .urge: return self
        case .reply: return .replied
        case .followUp: return .closed
        case .merge: return .merged
        }
    }
}

public enum TicketEvent: String, Codable, Sendable, CaseIterable {
    /// A consultation answered from the knowledge base during the call.
    case answerOnSpot = "answer_on_spot"
    /// 派单 or 改派.
    case dispatch
    /// 签收.
    case sign
    /// 退单, with a reason.
    case returnToDispatcher = "return"
    /// 延期 asked by the department, decided by the hotline office.
    case askExtension = "ask_extension"
    case decideExtension = "decide_extension"
    /// 答复.
    case reply
    /// 回访: the follow-up call or the citizen's own confirmation online.
    case followUp = "follow_up"
    /// 并单 into another ticket.
    case merge
    /// 催办 by the hotline office.
    case urge
}
