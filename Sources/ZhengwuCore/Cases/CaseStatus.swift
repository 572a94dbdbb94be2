/// Where an application (办件) stands, from draft through acceptance and review to conclusion.
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    /// 草稿: saved by the applicant, not yet submitted; nobody else sees it.
    case draft
    /// 待受理: received, waiting for acceptance (the 5-working-day clock runs).
    case submitted
    /// 待补正: returned for correction, everything to fix listed at once.
    case correctionRequested = "correction_requested"
    /// 已受理, under review (审查中): the workflow runs and the decision clock counts.
    case accepted
    /// 待补充材料: during review the applicant was asked for more; the clock stands still.
    case awaitingMaterial = "awaiting_material"
    /// 特别程序: a hearing, inspection, expert review...; its time is not counted (art. 45).
    case specialProcedure = "special_procedure"
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
    /// Accepted and not yet decided: the review statuses.
    public var isUnderReview: Bool { [.accepted, .awaitingMaterial, .specialProcedure].contains(self) }
    /// The decision clock stands still.
    public var isPaused: Bool { self == .awaitingMaterial || self == .specialProcedure }
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
    /// 催办: a supervisor pressed the people holding the case.
    case urged
    /// 督办 opened: the department must answer by a date; and its answer.
    case supervisionOpened = "supervision_opened"
    case supervisionAnswered = "supervision_answered"
    case materialsAdded = "materials_added"
    // Review (审查) of an accepted case.
    /// 签收: a handler took a step.
    case stepSignedFor = "step_signed_for"
    /// Approved a step and forwarded the case.
    case stepApproved = "step_approved"
    /// 退回 to an earlier step, with the reason.
    case returned
    /// 转办 to a colleague.
    case transferred
    /// 加签: someone else must approve the step too.
    case signerAdded = "signer_added"
    /// 撤回: an approval taken back before anyone acted on it.
    case recalled
    /// The applicant was asked for more material; the clock stops.
    case materialRequested = "material_requested"
    /// The material asked for arrived; the clock runs again.
    case materialSupplied = "material_supplied"
    case specialProcedureStarted = "special_procedure_started"
    case specialProcedureEnded = "special_procedure_ended"
    /// 延期, approved by the head of the department.
    case extended
    /// 准予 and 不予: the decision, which concludes the case.
    case granted
    case denied
    /// 视为准予延续 (art. 50): a renewal asked for in time and not decided before the old
    /// certificate ended is granted by operation of law. Reaches cases the department holds
    /// (under review or in a special procedure), not those waiting for the applicant's material.
    case deemedGranted = "deemed_granted"
    /// 电子证照 issued after a grant.
    case certificateIssued = "certificate_issued"

    public var messageKey: String { "case_event.\(rawValue)" }

    /// 催办, 督办 and its answer: acts on the people holding a case, not on the case.
    public var isSupervision: Bool { [.urged, .supervisionOpened, .supervisionAnswered].contains(self) }
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
        case (.submitted, .withdrawn), (.correctionRequested, .withdrawn): return .withdrawn
        case (let status, .withdrawn) where status.isUnderReview: return .withdrawn
        case (.accepted, .concludedOnTheSpot): return .concluded
        case (let status, .visitRecorded) where !status.isFinished: return status
        // Supervision acts on what the government holds: from receipt until the case ends.
        case (let status, let event) where event.isSupervision && status != .draft && !status.isFinished:
            return status
        case (.draft, .materialsAdded), (.correctionRequested, .materialsAdded), (.awaitingMaterial, .materialsAdded): return self
        case (.accepted, .stepSignedFor), (.accepted, .stepApproved), (.accepted, .returned), (.accepted, .transferred),
             (.accepted, .signerAdded), (.accepted, .recalled):
            return .accepted
        case (.accepted, .materialRequested): return .awaitingMaterial
        case (.awaitingMaterial, .materialSupplied): return .accepted
        case (.accepted, .specialProcedureStarted): return .specialProcedure
        case (.specialProcedure, .specialProcedureEnded): return .accepted
        case (let status, .extended) where status.isUnderReview: return status
        case (.accepted, .granted), (.accepted, .denied): return .concluded
        case (.accepted, .deemedGranted), (.specialProcedure, .deemedGranted): return .concluded
        case (.concluded, .certificateIssued): return .concluded
        default: throw .notAllowed(from: self, event: event)
        }
    }

    public func allows(_ event: CaseEvent) -> Bool { (try? after(event)) != nil }
}
