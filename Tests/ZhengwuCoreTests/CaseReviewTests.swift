import Testing
@testable import ZhengwuCore

/// The review value a case keeps: step deadlines from the day each stage opened, pauses that
/// hold every clock, and the workflow text the editor reads and writes.
@Suite("Case review")
struct CaseReviewTests {
    let calendar = WorkingCalendar.default
    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    let handler = WorkflowRun.Participant(accountID: "h", roles: [.departmentHandler], departmentCode: "MZJ")
    let head = WorkflowRun.Participant(accountID: "boss", roles: [.departmentHead], departmentCode: "MZJ")

    var definition: WorkflowDefinition {
        WorkflowDefinition(stages: [
            .init(name: "审查", steps: [.init(key: "review", name: "审查", assignee: .role(.departmentHandler, departmentCode: "MZJ"), allottedDays: 5)]),
            .init(name: "决定", steps: [.init(key: "decision", name: "决定", assignee: .role(.departmentHead, departmentCode: "MZJ"), allottedDays: 2)]),
        ])
    }

    @Test("each step's allotment counts from the day its stage opened, across the Spring Festival")
    func stepDeadlines() throws {
        let deadlines = CaseDeadlines(acceptedOn: day("2026-02-10"), promisedDays: 10, legalDays: 20, handling: .single)
        var review = CaseReview(definition: definition, deadlines: deadlines)
        // 11, 12, 13, 14 (makeup Saturday), then 24 February after the holiday.
        #expect(review.stepDue("review", calendar: calendar, today: day("2026-02-10")) == day("2026-02-24"))
        try review.apply(.approve(step: "review"), by: handler, today: day("2026-02-24"))
        #expect(review.stepDue("decision", calendar: calendar, today: day("2026-02-24")) == day("2026-02-26"))
        #expect(review.stepDue("review", calendar: calendar, today: day("2026-02-24")) == nil)
        // Returned on 2 March: the review's allotment starts afresh.
        try review.apply(.returnTo(stage: 0, from: "decision"), by: head, today: day("2026-03-02"))
        #expect(review.stepDue("review", calendar: calendar, today: day("2026-03-02")) == day("2026-03-09"))
    }

    @Test("a pause holds the step too; only one pause at a time; resuming needs a pause")
    func pauses() throws {
        let deadlines = CaseDeadlines(acceptedOn: day("2026-03-02"), promisedDays: 10, legalDays: 20, handling: .single)
        var review = CaseReview(definition: definition, deadlines: deadlines)
        #expect(throws: CaseReview.PauseError.notPaused) { try review.resume(on: day("2026-03-03")) }
        try review.awaitMaterial(from: day("2026-03-03"))
        #expect(throws: CaseReview.PauseError.alreadyPaused) { try review.startSpecialProcedure("听证", expectedDays: 5, on: day("2026-03-04")) }
        try review.resume(on: day("2026-03-05"))
        // 3, 4, 5 March stood still: the 5-day step ends three working days later.
        #expect(review.stepDue("review", calendar: calendar, today: day("2026-03-06")) == day("2026-03-12"))
        #expect(throws: CaseReview.PauseError.badExpectedDays) { try review.startSpecialProcedure("听证", expectedDays: 0, on: day("2026-03-06")) }
        try review.startSpecialProcedure("专家评审", expectedDays: 10, on: day("2026-03-06"))
        #expect(review.specialProcedure?.name == "专家评审" && review.isPaused)
    }

    @Test("the head's decision waits until every step is done")
    func readyForDecision() throws {
        var review = CaseReview(definition: definition,
                                deadlines: CaseDeadlines(acceptedOn: day("2026-03-02"), promisedDays: 10, legalDays: 20, handling: .single))
        #expect(!review.isReadyForDecision)
        try review.apply(.approve(step: "review"), by: handler, today: day("2026-03-03"))
        #expect(throws: WorkflowError.notAssigned) { try review.apply(.approve(step: "decision"), by: handler, today: day("2026-03-03")) }
        try review.apply(.approve(step: "decision"), by: head, today: day("2026-03-03"))
        #expect(review.isReadyForDecision)
        let none = CaseReview(definition: nil, deadlines: review.deadlines)
        #expect(none.isReadyForDecision)
    }

    @Test("the workflow text reads parallel stages, roles, people and groups, and writes back the same")
    func workflowText() throws {
        let text = """
            审查 | review | 业务审查 | 承办人@MZJ | 6
            审查 | joint | 卫健局审查 | 承办人@wjj | 6个工作日
            会审 | panel | 专家会审 | 会签:li、wang | 2
            决定 | decision | 审批决定 | 人员:boss | 1
            """
        let parsed = try #require(try GuideText.parseWorkflow(text).get())
        #expect(parsed.stages.map(\.name) == ["审查", "会审", "决定"])
        #expect(parsed.stages[0].isParallel && parsed.stages[0].steps[1].assignee == .role(.departmentHandler, departmentCode: "WJJ"))
        #expect(parsed.stages[1].steps[0].assignee == .group(memberIDs: ["li", "wang"], mode: .all))
        #expect(parsed.allottedDays == 9)
        let (resolved, unknown) = parsed.mappingPeople { ["li": "1", "wang": "2"][$0] }
        #expect(unknown == ["boss"] && resolved.stages[1].steps[0].assignee == .group(memberIDs: ["1", "2"], mode: .all))
        let written = GuideText.format(workflow: parsed) { $0 }
        #expect(try GuideText.parseWorkflow(written).get() == parsed)
        #expect(try GuideText.parseWorkflow("  \n").get() == nil)
        guard case .failure(let problems) = GuideText.parseWorkflow("审查 | review | 审查 | 科长 | 0\n决定 | review | 决定 | 人员:a\n决定 | review | 决定 | 人员:a | 1") else {
            Issue.record("bad lines must not parse")
            return
        }
        // Line 1: unknown assignee and a zero allotment; line 2: no days cell; line 3: the key again.
        #expect(problems.problems.filter { $0.line == 1 }.count == 2)
        #expect(problems.problems.filter { $0.line == 2 }.count == 1)
        #expect(problems.problems.filter { $0.line == 3 }.map(\.message.key) == ["guide_text.duplicate_key"])
    }

    @Test("certificate terms: whole years, the 30-day notice, the renewal window and a renewed term")
    func certificateTerm() {
        let term = CertificateTerm(validFrom: day("2026-03-02"), years: 2)
        #expect(term.validUntil == day("2028-03-01"))
        #expect(CertificateTerm(validFrom: day("2028-02-29"), years: 1).validUntil == day("2029-02-28"))
        #expect(!term.expiryNoticeDue(today: day("2028-01-30")))
        #expect(term.expiryNoticeDue(today: day("2028-01-31")))
        #expect(!term.renewalOpen(today: day("2027-12-01")) && term.renewalOpen(today: day("2027-12-02")))
        #expect(term.renewalInTime(requestedOn: day("2028-01-31")) && !term.renewalInTime(requestedOn: day("2028-02-01")))
        #expect(term.status(today: day("2028-03-02")) == .expired && !term.expiryNoticeDue(today: day("2028-03-02")))
        // Art. 50: deemed granted only after the last valid day, and only for a request in time.
        #expect(!term.renewalDeemedGranted(requestedOn: day("2028-01-31"), today: day("2028-03-01")))
        #expect(term.renewalDeemedGranted(requestedOn: day("2028-01-31"), today: day("2028-03-02")))
        #expect(!term.renewalDeemedGranted(requestedOn: day("2028-02-01"), today: day("2028-03-02")))
        #expect(!CertificateTerm(validFrom: day("2026-03-02"), years: nil)
            .renewalDeemedGranted(requestedOn: day("2026-04-01"), today: day("2040-01-01")))
        #expect(term.renewed(years: 2, today: day("2028-02-10")).validFrom == day("2028-03-02"))
        #expect(CertificateTerm(validFrom: day("2026-03-02"), years: nil).validUntil == nil)
        #expect(CertificateNumber.make(regionCode: "513329", departmentCode: "MZJ", year: 2026, sequence: 12) == "513329-MZJ-2026-000012")
        #expect(CertificateNumber.normalised(" 513329-mzj-2026-000012 ") == "513329-MZJ-2026-000012")
        #expect(CertificateNumber.normalised("<script>") == nil)
        #expect(CertificateNumber.isIssuedForm("513329-MZJ-2026-000012"))
        #expect(!CertificateNumber.isIssuedForm("HK-513329-0001") && !CertificateNumber.isIssuedForm("513329-MZJ-2026-12")
                && !CertificateNumber.isIssuedForm("513329-M1J-2026-000012"))
    }

    @Test("review statuses: pauses, decisions and what stays closed")
    func statuses() throws {
        #expect(try CaseStatus.accepted.after(.materialRequested) == .awaitingMaterial)
        #expect(try CaseStatus.awaitingMaterial.after(.materialSupplied) == .accepted)
        #expect(try CaseStatus.accepted.after(.specialProcedureStarted) == .specialProcedure)
        #expect(try CaseStatus.accepted.after(.granted) == .concluded)
        #expect(!CaseStatus.awaitingMaterial.allows(.stepApproved))
        #expect(!CaseStatus.specialProcedure.allows(.granted))
        #expect(CaseStatus.specialProcedure.allows(.extended) && CaseStatus.awaitingMaterial.allows(.withdrawn))
        #expect(!CaseStatus.concluded.allows(.denied))
        #expect(CaseDeadlines.Outcome(workingDaysUsed: 3, withinPromised: false, withinLegal: true).met == .legal)
    }
}
