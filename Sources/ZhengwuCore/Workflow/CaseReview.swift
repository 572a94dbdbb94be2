/// The review of one accepted case (审查): its workflow run, its decision deadlines, and the day
/// each stage opened (each step's allotment counts from it). A pure value the application
/// keeps with the case; every operation either changes it or throws and leaves it as it was.
public struct CaseReview: Codable, Sendable, Equatable {
    /// Nil for an item without review steps: the decision follows acceptance directly.
    public private(set) var run: WorkflowRun?
    public private(set) var deadlines: CaseDeadlines
    /// Stage index (as text, for JSON) → the day it opened.
    public private(set) var stageStarts: [String: LocalDate]
    /// The special procedure under way: its name and the working days the applicant was told.
    public private(set) var specialProcedure: SpecialProcedureNote?

    public struct SpecialProcedureNote: Codable, Sendable, Equatable {
        public let name: String
        public let expectedDays: Int
    }

    public enum Operation: Sendable, Equatable {
        case signFor(step: String)
        case approve(step: String)
        case returnTo(stage: Int, from: String)
        case transfer(step: String, to: String)
        case addSigner(step: String, accountID: String)
        case recall
    }

    public enum PauseError: Error, Equatable, Sendable, UserFacingError {
        case alreadyPaused, notPaused, badExpectedDays

        public var message: LocalizedMessage {
            switch self {
            case .alreadyPaused: LocalizedMessage("review.error.already_paused")
            case .notPaused: LocalizedMessage("review.error.not_paused")
            case .badExpectedDays: LocalizedMessage("review.error.bad_expected_days")
            }
        }
    }

    public init(definition: WorkflowDefinition?, deadlines: CaseDeadlines) {
        run = definition.map(WorkflowRun.init(definition:))
        self.deadlines = deadlines
        stageStarts = ["0": deadlines.acceptedOn]
        specialProcedure = nil
    }

    /// Every step done: the case waits for the decision.
    public var isReadyForDecision: Bool { run?.isFinished ?? true }
    public var isPaused: Bool { deadlines.runningPause != nil }

    /// Applies a workflow operation done on `today`.
    public mutating func apply(_ operation: Operation, by person: WorkflowRun.Participant, today: LocalDate) throws(WorkflowError) {
        guard var run else { throw .noSuchStep }
        let stageBefore = run.stageIndex
        switch operation {
        case .signFor(let step): try run.signFor(step, by: person)
        case .approve(let step): try run.approve(step, by: person)
        case .returnTo(let stage, let step): try run.returnTo(stage: stage, from: step, by: person)
        case .transfer(let step, let to): try run.transfer(step, to: to, by: person)
        case .addSigner(let step, let accountID): try run.addSigner(accountID, to: step, by: person)
        case .recall: try run.recall(by: person)
        }
        // A stage counts its allotment from the day it opened, and from afresh when a return
        // opens it again; a recall goes back to a stage that keeps the day it first opened.
        if case .returnTo = operation {
            stageStarts[String(run.stageIndex)] = today
        } else if run.stageIndex > stageBefore {
            stageStarts[String(run.stageIndex)] = today
        }
        self.run = run
    }

    /// The applicant is asked for more material (the clock stops until it arrives).
    public mutating func awaitMaterial(from today: LocalDate) throws(PauseError) {
        guard !isPaused else { throw .alreadyPaused }
        deadlines.pause(.init(reason: .awaitingMaterial, firstDay: today, lastDay: nil))
    }

    /// A special procedure starts: its days do not count (art. 45).
    public mutating func startSpecialProcedure(_ name: String, expectedDays: Int, on today: LocalDate) throws(PauseError) {
        guard !isPaused else { throw .alreadyPaused }
        guard (1...365).contains(expectedDays) else { throw .badExpectedDays }
        deadlines.pause(.init(reason: .specialProcedure, firstDay: today, lastDay: nil))
        specialProcedure = SpecialProcedureNote(name: name, expectedDays: expectedDays)
    }

    /// The material arrived or the procedure ended; the clock runs again from tomorrow, so the
    /// day it resumes is not counted twice against the department.
    public mutating func resume(on today: LocalDate) throws(PauseError) {
        guard isPaused else { throw .notPaused }
        deadlines.resume(on: today)
        specialProcedure = nil
    }

    public mutating func extend(by days: Int) throws(CaseDeadlines.ExtensionError) {
        try deadlines.extend(by: days)
    }

    /// The day `stepKey`'s allotment runs out, for a step that is open now.
    public func stepDue(_ stepKey: String, calendar: WorkingCalendar, today: LocalDate) -> LocalDate? {
        guard let run, let (_, step) = run.definition.step(stepKey), let started = stepStarted(stepKey) else { return nil }
        return deadlines.stepDue(startedOn: started, allottedDays: step.allottedDays, calendar: calendar, today: today)
    }

    /// The day the clock of `stepKey` started (its stage opened), for a step that is open now.
    public func stepStarted(_ stepKey: String) -> LocalDate? {
        guard let run, let (stage, _) = run.definition.step(stepKey), stage == run.stageIndex else { return nil }
        return stageStarts[String(stage)] ?? deadlines.acceptedOn
    }
}
