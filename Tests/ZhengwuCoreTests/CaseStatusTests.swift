import Testing
@testable import ZhengwuCore

@Suite("Case life-cycle from submission to conclusion")
struct CaseStatusTests {
    /// Every transition the life-cycle in approval.md allows at this stage, written out from the
    /// document rather than from the code: submitted → accepted / returned for correction /
    /// refused; correction → resubmitted or refused; withdrawal until the decision; 即办件
    /// concluded at acceptance; deemed acceptance only while nobody has acted (art. 32); walk-in
    /// visits are recorded on any open case; materials change only while the applicant holds
    /// the case (draft or correction).
    static let allowed: [CaseStatus: [CaseEvent: CaseStatus]] = [
        .draft: [.submitted: .submitted, .visitRecorded: .draft, .materialsAdded: .draft],
        .submitted: [
            .accepted: .accepted, .deemedAccepted: .accepted, .correctionRequested: .correctionRequested,
            .refused: .refused, .withdrawn: .withdrawn, .visitRecorded: .submitted,
        ],
        .correctionRequested: [
            .resubmitted: .submitted, .refused: .refused, .withdrawn: .withdrawn,
            .visitRecorded: .correctionRequested, .materialsAdded: .correctionRequested,
        ],
        // Review (approval.md): workflow steps keep the case under review; asking for material and
        // special procedures stop the clock until they end; extensions at any time of review;
        // the decision concludes it; withdrawal until then.
        .accepted: [
            .concludedOnTheSpot: .concluded, .withdrawn: .withdrawn, .visitRecorded: .accepted,
            .stepSignedFor: .accepted, .stepApproved: .accepted, .returned: .accepted, .transferred: .accepted,
            .signerAdded: .accepted, .recalled: .accepted, .extended: .accepted,
            .materialRequested: .awaitingMaterial, .specialProcedureStarted: .specialProcedure,
            .granted: .concluded, .denied: .concluded, .deemedGranted: .concluded,
        ],
        .awaitingMaterial: [
            .materialSupplied: .accepted, .materialsAdded: .awaitingMaterial, .extended: .awaitingMaterial,
            .withdrawn: .withdrawn, .visitRecorded: .awaitingMaterial,
        ],
        .specialProcedure: [
            .specialProcedureEnded: .accepted, .extended: .specialProcedure, .withdrawn: .withdrawn,
            .visitRecorded: .specialProcedure,
            // Art. 50: a renewal left undecided when the old certificate ends is granted; the
            // department's own procedure does not stop that (the applicant's missing material does).
            .deemedGranted: .concluded,
        ],
        .refused: [:],
        .withdrawn: [:],
        // The certificate of a grant is issued after the decision that concluded the case.
        .concluded: [.certificateIssued: .concluded],
    ]

    /// Supervision (催办, 督办 and its answer) reaches every case the government holds and
    /// changes nothing of its status.
    static let supervised: [CaseStatus] = [.submitted, .correctionRequested, .accepted, .awaitingMaterial, .specialProcedure]

    static func expected(_ status: CaseStatus, _ event: CaseEvent) -> CaseStatus? {
        if [.urged, .supervisionOpened, .supervisionAnswered].contains(event) { return supervised.contains(status) ? status : nil }
        return allowed[status]?[event]
    }

    @Test(arguments: CaseStatus.allCases)
    func everyEventFromEveryStatusFollowsTheLifeCycle(status: CaseStatus) {
        for event in CaseEvent.allCases {
            if let expected = Self.expected(status, event) {
                #expect(throws: Never.self, "\(status) + \(event)") { try status.after(event) }
                #expect((try? status.after(event)) == expected, "\(status) + \(event)")
                #expect(status.allows(event))
            } else {
                #expect(throws: CaseTransitionError.notAllowed(from: status, event: event), "\(status) + \(event)") {
                    try status.after(event)
                }
                #expect(!status.allows(event))
            }
        }
    }

    @Test func aCorrectionRoundTripReturnsToTheAcceptanceQueue() throws {
        // submit → 补正 → applicant fixes and resubmits → waiting for acceptance again → accepted.
        var status = CaseStatus.draft
        for event in [CaseEvent.submitted, .correctionRequested, .materialsAdded, .resubmitted] {
            status = try status.after(event)
        }
        #expect(status == .submitted)
        #expect(status.awaitsAcceptance)
        #expect(try status.after(.accepted) == .accepted)
    }

    @Test func deemedAcceptanceOnlyWhileNobodyHasActed() {
        // Art. 32 deems acceptance when the department stayed silent; once it asked for a
        // correction in time, the applicant holds the case and there is nothing to deem.
        #expect(CaseStatus.submitted.allows(.deemedAccepted))
        #expect(!CaseStatus.correctionRequested.allows(.deemedAccepted))
        #expect(!CaseStatus.accepted.allows(.deemedAccepted))
        #expect(!CaseStatus.draft.allows(.deemedAccepted))
    }

    @Test func aDraftCannotBeAcceptedBeforeItIsSubmitted() {
        #expect(throws: CaseTransitionError.notAllowed(from: .draft, event: .accepted)) { try CaseStatus.draft.after(.accepted) }
    }

    @Test func finishedCasesAcceptNothing() {
        for status in CaseStatus.allCases where status.isFinished {
            #expect(CaseEvent.allCases.allSatisfy { $0 == .certificateIssued || !status.allows($0) }, "\(status)")
        }
        #expect(Set(CaseStatus.allCases.filter(\.isFinished)) == [.refused, .withdrawn, .concluded])
    }

    @Test func onlySubmittedCasesAwaitAcceptance() {
        // The acceptance clock runs in this state only; in 补正 the applicant has the case.
        #expect(CaseStatus.allCases.filter(\.awaitsAcceptance) == [.submitted])
    }

    @Test func theErrorHasAUserMessage() {
        let error = CaseTransitionError.notAllowed(from: .refused, event: .accepted)
        #expect(error.message == LocalizedMessage("case.not_allowed"))
    }

    @Test func storedNamesAreDistinct() {
        // Statuses and events are stored as raw strings; two cases sharing one would merge rows.
        #expect(Set(CaseStatus.allCases.map(\.rawValue)).count == CaseStatus.allCases.count)
        #expect(Set(CaseEvent.allCases.map(\.rawValue)).count == CaseEvent.allCases.count)
        #expect(CaseStatus.correctionRequested.messageKey == "case_status.correction_requested")
    }
}
