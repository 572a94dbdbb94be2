import Foundation
import Testing
@testable import ZhengwuCore

@Suite("Holiday arrangement text format")
struct HolidayArrangementTextTests {
    static let example = """
        # 2027 arrangement — comments start with #
        year 2027
        source 国办发明电〔2026〕8号
        holiday 元旦 2027-01-01 2027-01-03
        holiday 春节 2027-02-06 2027-02-13
        workday 春节 2027-02-14
        """

    @Test func parsesTheExample() throws {
        let arrangement = try HolidayArrangement.parse(Self.example)
        #expect(arrangement == HolidayArrangement(
            year: 2027,
            source: "国办发明电〔2026〕8号",
            holidays: [
                .init(name: "元旦", firstDay: day("2027-01-01"), lastDay: day("2027-01-03")),
                .init(name: "春节", firstDay: day("2027-02-06"), lastDay: day("2027-02-13")),
            ],
            makeupWorkdays: [.init(date: day("2027-02-14"), holidayName: "春节")]
        ))
    }

    @Test(arguments: HolidayArrangement.builtIn)
    func builtInArrangementsRoundTrip(arrangement: HolidayArrangement) throws {
        // Parsing also re-checks the built-in tables: makeup days on weekends, no day listed twice.
        #expect(try HolidayArrangement.parse(arrangement.text) == arrangement)
    }

    @Test func writesOneLinePerFact() {
        let lines = HolidayArrangement.y2026.text.split(separator: "\n")
        #expect(lines.first == "year 2026")
        #expect(lines.contains("holiday 春节 2026-02-15 2026-02-23"))
        #expect(lines.contains("workday 春节 2026-02-28"))
        #expect(lines.count == 2 + 7 + 6)
    }

    @Test func toleratesWhatPeopleTypeAndPaste() throws {
        let text = "\u{FEFF}# exported from a spreadsheet\r\n\r\n  YEAR 2027\r\nsource  国办发明电〔2026〕8号 (draft)  \r\n"
            + "holiday\u{3000}元旦\u{3000}2027-01-01\r\n"       // full-width spaces; a one-day holiday
            + "holiday National Day 2027-10-01 2027-10-07\n"  // a name with a space
            + "   # indented comment\n"
            + "workday National Day 2027-10-09\n"
        let arrangement = try HolidayArrangement.parse(text)
        #expect(arrangement.year == 2027)
        #expect(arrangement.source == "国办发明电〔2026〕8号 (draft)")
        #expect(arrangement.holidays[0] == .init(name: "元旦", firstDay: day("2027-01-01"), lastDay: day("2027-01-01")))
        #expect(arrangement.holidays[1].name == "National Day")
        #expect(arrangement.makeupWorkdays == [.init(date: day("2027-10-09"), holidayName: "National Day")])
        #expect(try HolidayArrangement.parse(arrangement.text) == arrangement)
    }

    @Test func aNoticeMayReachIntoDecemberOfTheYearBefore() throws {
        // As the 2008 notice did: 2007-12-30 to 2008-01-01 off, Saturday 2007-12-29 worked.
        let arrangement = try HolidayArrangement.parse("""
            year 2008
            source 国务院办公厅关于2008年部分节假日安排的通知
            holiday 元旦 2007-12-30 2008-01-01
            workday 元旦 2007-12-29
            """)
        let calendar = WorkingCalendar(arrangements: [arrangement])
        #expect(calendar.dayKind(day("2007-12-30")) == .holiday(name: "元旦"))
        #expect(calendar.dayKind(day("2007-12-29")) == .makeupWorkday(holidayName: "元旦"))
        #expect(calendar.dayKind(day("2007-12-28")) == .unarranged(weekend: false))
        #expect(!calendar.hasArrangement(forYear: 2007))
        #expect(calendar.addingWorkingDays(2, to: day("2007-12-28")) == day("2008-01-02"))
    }

    @Test(arguments: [
        // Every reason, each on the line where the mistake is.
        ("source s\nholiday 元旦 2027-01-01", 2, ArrangementParseError.Reason.missingYear),
        ("source s\n", 1, .missingYear),
        ("", 1, .missingYear),
        ("year 2027\nyear 2028", 2, .duplicateYear),
        ("year 27", 1, .badYear("27")),
        ("year 2027 2028", 1, .badYear("2027 2028")),
        ("year 2027\nsource", 2, .missingSource),
        ("year 2027\nholiday 元旦 2027-01-01\n\n# end", 2, .missingSource),
        ("year 2027\nsource a\nsource b", 3, .duplicateSource),
        ("year 2027\nsource s\nholliday 元旦 2027-01-01", 3, .unknownDirective("holliday")),
        ("year 2027\nsource s\nholiday 2027-01-01 2027-01-03", 3, .missingName),
        ("year 2027\nsource s\nholiday", 3, .missingName),
        ("year 2027\nsource s\nholiday 元旦", 3, .missingDate),
        ("year 2027\nsource s\nholiday 元旦 2027-01-01\nworkday 2027-01-02", 4, .missingName),
        ("year 2027\nsource s\nholiday 元旦 2027-02-30", 3, .badDate("2027-02-30")),
        ("year 2027\nsource s\nholiday 元旦 2027-01-01 2027/01/03", 3, .badDate("2027/01/03")),
        ("year 2027\nsource s\nholiday 元旦 2027-01-01 2027-01-02 2027-01-03", 3, .unexpectedValue("2027-01-03")),
        ("year 2027\nsource s\nholiday 元旦 2027-01-01\nworkday 元旦 2027-01-02 2027-01-03", 4, .unexpectedValue("2027-01-03")),
        ("year 2027\nsource s\nholiday 元旦 2026-11-30 2027-01-01", 3, .dateOutsideYear("2026-11-30")),
        ("year 2027\nsource s\nholiday 元旦 2026-12-30 2026-12-31", 3, .dateOutsideYear("2026-12-30")),
        ("year 2027\nsource s\nholiday 国庆节 2028-10-01", 3, .dateOutsideYear("2028-10-01")),
        ("year 2027\nsource s\nholiday 春节 2027-02-13 2027-02-06", 3, .rangeReversed),
        ("year 2027\nsource s\nholiday 春节 2027-02-06 2027-02-13\nworkday 春节 2027-02-15", 4, .makeupDayNotWeekend("2027-02-15")),
        ("year 2027\nsource s\nholiday 春节 2027-02-06 2027-02-13\nworkday 春节 2027-02-07", 4, .dayBothHolidayAndWorkday("2027-02-07")),
        ("year 2027\nsource s\nworkday 春节 2027-02-07\nholiday 春节 2027-02-06 2027-02-13", 4, .dayBothHolidayAndWorkday("2027-02-07")),
        ("year 2027\nsource s\nholiday 春节 2027-02-06 2027-02-13\nholiday 元宵 2027-02-13", 4, .dayListedTwice("2027-02-13")),
        ("year 2027\nsource s\nholiday 春节 2027-02-06 2027-02-13\nworkday 春节 2027-02-14\nworkday 春节 2027-02-14", 5, .dayListedTwice("2027-02-14")),
        ("year 2027\nsource s\nholiday 春节 2027-02-06 2027-02-13\n\nworkday 春节节 2027-02-14", 5, .unknownHoliday("春节节")),
        ("# header\nyear 2027\nsource s\n", 3, .noHolidays),
    ])
    func reportsEachMistakeWithItsLine(text: String, line: Int, reason: ArrangementParseError.Reason) {
        #expect(throws: ArrangementParseError(line: line, reason: reason)) { try HolidayArrangement.parse(text) }
    }

    @Test func errorsSpeakThroughMessageKeys() {
        let error = ArrangementParseError(line: 3, reason: .badDate("2027-02-30"))
        #expect(error.message == LocalizedMessage("calendar.import.bad_date", ["line": "3", "value": "2027-02-30"]))
        #expect(ArrangementParseError(line: 7, reason: .rangeReversed).message
            == LocalizedMessage("calendar.import.range_reversed", ["line": "7"]))
    }

    @Test func arrangementIsCodableForDataFiles() throws {
        let data = try JSONEncoder().encode(HolidayArrangement.y2025)
        #expect(String(decoding: data, as: UTF8.self).contains(#""firstDay":"2025-01-28""#))
        #expect(try JSONDecoder().decode(HolidayArrangement.self, from: data) == .y2025)
    }
}
