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
        all += uscc.map(\.message)
        let phone: [PhoneNumber.ValidationError] = [.empty, .invalid]
        all += phone.map(\.message)
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
