/// Where an application (办件) stands. The approval issue adds review and decision states;
/// these are the ones from submission to acceptance, plus the on-the-spot conclusion.
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    /// 草稿: saved by the applicant, not yet submitted; nobody else sees it.
    case draft
    /// 待受理: received, waiting for acceptance (the 5-working-day clock runs).
    case submitted
    /// 待补正: returned for correction, everything to fix listed at once.
    case correctionRequested = "correction_requested"
    /// 已受理
    case accepted
    /// 不予受理
    case refused
    /// 已撤回
    case withdrawn
    /// 已办结
    case concluded

    public var messageKey: String { "case_status.\(rawValue)" }

    /// Whether the case still waits for an acceptance decision.
    public var awaitsAcceptance: Bool { self == .submitted }
    public var isFinished: Bool { [.refused, .withdrawn, .concluded].contains(self) }
}

/// Everything that can happen to a case at this stage, by whom it is done.
public enum CaseEvent: String, Codable, Sendable, CaseIterable {
    case submitted
    /// The applicant sent the corrected materials (补正后重新提交).
    case resubmitted
    case accepted
    /// Accepted by law because nobody acted within 5 working days (行政许可法 art. 32).
    case deemedAccepted = "deemed_accepted"
    case correctionRequested = "correction_requested"
    case refused
    case withdrawn
    /// 即办件: decided and concluded at acceptance.
    case concludedOnTheSpot = "concluded_on_the_spot"
    /// A walk-in applicant came to the window (counts toward 到现场次数).
    case visitRecorded = "visit_recorded"
    case materialsAdded = "materials_added"

    public var messageKey: String { "case_event.\(rawValue)" }
}

public enum CaseTransitionError: Error, Equatable, Sendable, UserFacingError {
    case notAllowed(from: CaseStatus, event: CaseEvent)

    public var message: LocalizedMessage {
        // The page beside the message already shows the case's status.
        LocalizedMessage("case.not_allowed")
    }
}

extension CaseStatus {
    /// The status after `event`, or an error when the event cannot happen now.
    public func after(_ event: CaseEvent) throws(CaseTransitionError) -> CaseStatus {
        switch (self, event) {
        case (.draft, .submitted): return .submitted
        case (.submitted, .accepted), (.submitted, .deemedAccepted): return .accepted
        case (.submitted, .correctionRequested): return .correctionRequested
        case (.submitted, .refused), (.correctionRequested, .refused): return .refused
        case (.correctionRequested, .resubmitted): return .submitted
        case (.submitted, .withdrawn), (.correctionRequested, .withdrawn), (.accepted, .withdrawn): return .withdrawn
        case (.accepted, .concludedOnTheSpot): return .concluded
        case (let status, .visitRecorded) where !status.isFinished: return status
        case (.draft, .materialsAdded), (.correctionRequested, .materialsAdded): return self
        default: throw .notAllowed(from: self, event: event)
        }
    }

    public func allows(_ event: CaseEvent) -> Bool { (try? after(event)) != nil }
}
