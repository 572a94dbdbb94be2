import Foundation
import Testing
@testable import ZhengwuCore

/// Every message ZhengwuCore can produce must have a text in each language of the tables,
/// using only the arguments the message supplies.
@Suite("Localisation keys")
struct LocalizationKeysTests {
    static let messages: [LocalizedMessage] = {
        var all: [LocalizedMessage] = []
        let reasons: [ArrangementParseError.Reason] = [
            .missingYear, .duplicateYear, .badYear("x"), .missingSource, .duplicateSource, .unknownDirective("x"),
            .missingName, .missingDate, .badDate("x"), .unexpectedValue("x"), .dateOutsideYear("x"), .rangeReversed,
            .makeupDayNotWeekend("x"), .dayBothHolidayAndWorkday("x"), .dayListedTwice("x"), .unknownHoliday("x"),
            .noHolidays,
        ]
        all += reasons.map { ArrangementParseError(line: 1, reason: $0).message }
        let officeHours: [OfficeHours.ValidationError] = [.noPeriods, .outsideDay(period: 1), .emptyPeriod(period: 1), .overlapsPrevious(period: 2)]
        all += officeHours.map(\.message)
        let skips: [DeadlineExplanation.SkippedDay.Reason] = [.weekend, .holiday(name: "春节"), .paused]
        all += skips.map(\.message)
        let id: [ResidentIDNumber.ValidationError] = [
            .empty, .wrongLength(3), .invalidCharacter(position: 2), .invalidBirthDate, .birthDateInFuture,
            .checksumMismatch(expected: "X"),
        ]
        all += id.map(\.message)
        let uscc: [SocialCreditCode.ValidationError] = [
            .empty, .wrongLength(3), .invalidCharacter(position: 2, character: "I"), .checksumMismatch(expected: "3"),
        ]
        let pauses: [CaseReview.PauseError] = [.alreadyPaused, .notPaused, .badExpectedDays]
        all += pauses.map(\.message)
        all += uscc.map(\.message)
        let phone: [PhoneNumber.ValidationError] = [.empty, .invalid]
        all += phone.map(\.message)

        // Application forms: one wrong value for every check a field makes.
        let fields = [
            FormField(key: "missing", label: "必填", kind: .text),
            FormField(key: "long", label: "过长", kind: .text),
            FormField(key: "control", label: "控制字符", kind: .longText),
            FormField(key: "address", label: "地址", kind: .address),
            FormField(key: "number", label: "数字", kind: .number),
            FormField(key: "date", label: "日期", kind: .date),
            FormField(key: "choice", label: "选项", kind: .choice, options: ["甲", "乙"]),
        ]
        let form = fields.check([
            "long": String(repeating: "字", count: 201), "control": "a\u{0007}b", "address": "县",
            "number": "十二", "date": "2026-02-30", "choice": "丙",
        ], today: LocalDate(year: 2026, month: 3, day: 2)!)
        all += form.problems.map(\.message)
        // The fallback of FormField.normalise for a validator error that has no message of its own.
        all.append(LocalizedMessage("form.invalid"))

        // Service guides: the time-limit problems exclude each other, so several broken guides.
        var broken = publishableGuide()
        broken.code = "bad code"
        broken.name = ""
        broken.applicantKinds = []
        broken.handling = .onTheSpot
        broken.maxVisits = 3
        broken.specialProcedures = [SpecialProcedure(name: "", expectedDays: 0)]
        broken.materials = [
            MaterialRequirement(key: "same", name: "", copies: 0),
            MaterialRequirement(key: "same", name: "证", source: .issuedCertificate),
        ]
        broken.form = [
            FormField(key: "same", label: "", kind: .choice, options: ["甲"]),
            FormField(key: "same", label: "乙", kind: .text),
        ]
        broken.jointDepartmentCodes = ["NOPE"]
        var noLimit = publishableGuide()
        noLimit.promisedLimitDays = 0
        var aboveLegal = publishableGuide()
        aboveLegal.promisedLimitDays = aboveLegal.legalLimitDays + 1
        var noForm = publishableGuide()
        noForm.form = []
        var onTheSpotWorkflow = publishableGuide()
        onTheSpotWorkflow.handling = .onTheSpot
        onTheSpotWorkflow.workflow = WorkflowDefinition(stages: [])
        onTheSpotWorkflow.result.validityYears = 0
        var guideKeys: Set<String> = []
        for guide in [broken, noLimit, aboveLegal, noForm, onTheSpotWorkflow] {
            for issue in guide.problems(knownDepartmentCodes: knownDepartments) where guideKeys.insert(issue.message.key).inserted {
                all.append(issue.message)
            }
        }

        all.append(CaseTransitionError.notAllowed(from: .refused, event: .accepted).message)
        let uploads: [UploadCheck.Rejection] = [.empty, .tooLarge(maxMegabytes: 10), .unsupportedType, .tooManyFiles(max: 5)]
        all += uploads.map(\.message)
        all += GuideTextTests.allReasons.map { $0.message(line: 1) }
        let workflow: [WorkflowDefinition.Problem] = [
            .noStages, .emptyStage(stage: 0), .badStepKey("x"), .duplicateStepKey("x"), .missingStepName("x"),
            .allotmentTooSmall("x"), .groupTooSmall("x"), .duplicateMember("x"), .unknownDepartment(step: "x", code: "y"),
            .exceedsPromisedLimit(total: 2, promised: 1), .promisedAboveLegal(promised: 2, legal: 1),
        ]
        all += workflow.map(\.message)
        let runErrors: [WorkflowError] = [.noSuchStep, .noSuchStage, .stepNotActive, .notAssigned, .alreadySignedFor,
                                          .notForGroups, .samePerson, .alreadyASigner, .nothingToRecall, .alreadyPickedUp]
        all += runErrors.map(\.message)
        all += [CaseDeadlines.ExtensionError.notPositive, .exceedsCap(cap: 10, alreadyGranted: 4)].map(\.message)
        all += [WarningRules.Problem.daysLeftOutOfRange, .percentOutOfRange].map(\.message)
        let due = LocalDate(iso: "2026-03-16")!
        all += [Anomaly.decidedTooFast(usedDays: 0, stages: 2, minimumDays: 1), .returnedOften(count: 3),
                .extendedOnLastDay(dueOn: due), .visitedOften(visits: 2, promised: 1)].map(\.message)
        let disclosure: [DisclosureClock.Problem] = [
            .correctionAlreadyRequested, .correctionTooLate(lastDay: due), .correctionDateNotAfter(due), .noCorrectionAwaited,
            .correctionDeadlinePassed(due), .extensionAlreadyGranted, .extensionOutOfRange(max: 20), .consultationRunning,
            .noConsultationRunning, .feeAlreadyNoticed, .noFeeAwaited,
        ]
        all += disclosure.map(\.message)
        let attachments: [AttachmentCheck.Rejection] = [.empty, .tooLarge(maxMegabytes: 20), .unsupportedType, .macros]
        all += attachments.map(\.message)
        let reportChecks: [AnnualDisclosureReport.CheckFailure] = [
            .unbalanced(column: .total, receivedAndCarriedOver: 2, closedAndCarriedForward: 1),
            .resultsTotal(column: .total, stated: 2, sumOfOutcomes: 1), .rowTotal(line: .newlyReceived, stated: 2, sumOfApplicants: 1),
            .reviewTotal(group: .reconsideration, stated: 2, sumOfResults: 1),
        ]
        all += reportChecks.map { $0.message { $0 } }
        let tickets: [TicketDeadlines.Problem] = [.signMinutesOutOfRange, .replyDaysOutOfRange(.complaint), .extensionOutOfRange(max: 15)]
        all += tickets.map(\.message)
        let categories: [TicketCategoryTree.Problem] = [
            .badCode("x"), .emptyName("x"), .duplicateCode("x"), .unknownParent(code: "x", parent: "y"), .cycle("x"), .tooDeep("x"),
            .replyDaysOutOfRange("x"),
        ]
        all += categories.map(\.message)
        return all
    }()

    static func tables() throws -> [String: [String: String]] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/Localization/core-messages.json")
        return try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: url))
    }

    private static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test(arguments: messages)
    func everyMessageHasTextInEveryLanguage(message: LocalizedMessage) throws {
        let tables = try Self.tables()
        for language in ["zh-Hans", "en"] {
            let text = try #require(tables[language]?[message.key], "\(language) lacks \(message.key)")
            #expect(Self.placeholders(in: text) == Set(message.arguments.keys), "\(language) \(message.key)")
        }
    }

    @Test func tablesHoldNoStaleKeysAndBothLanguagesMatch() throws {
        let tables = try Self.tables()
        let used = Set(Self.messages.map(\.key))
        #expect(Set(tables["zh-Hans", default: [:]].keys) == used)
        #expect(Set(tables["en", default: [:]].keys) == used)
    }
}
