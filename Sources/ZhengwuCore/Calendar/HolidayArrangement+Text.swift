/// The line format an administrator writes to load a year's arrangement (节假日安排导入):
///
///     # 2027 arrangement — comments start with #
///     year 2027
///     source 国办发明电〔2026〕8号
///     holiday 元旦 2027-01-01 2027-01-03
///     holiday 春节 2027-02-06 2027-02-13
///     workday 春节 2027-02-14
///
/// It is plain text so the November notice can be typed or pasted in minutes, reviewed by a
/// second person, and kept in version control; no release is needed for a new year.
extension HolidayArrangement {
    /// Reads the line format, refusing the whole text at the first mistake.
    ///
    /// - `year YYYY` comes before any holiday or workday line; `source <text>` names the notice.
    /// - `holiday <name> <first> [<last>]`: one day off or an inclusive period; the name may hold
    ///   spaces but cannot start with a digit (the first word starting with a digit is a date).
    /// - `workday <name> <date>`: a makeup workday (调休上班), on a Saturday or Sunday, for a
    ///   holiday declared in the same text.
    /// - Dates may reach from 1 December of the previous year to 31 January of the next, because
    ///   notices do cross the new year (the 2008 notice gave 2007-12-30 to 2008-01-01 off for
    ///   元旦 and made Saturday 2007-12-29 a workday); each holiday must still have at least one
    ///   day inside the year itself.
    /// - Blank lines and lines starting with `#` are ignored; words are separated by any
    ///   whitespace, including the full-width space (全角空格).
    public static func parse(_ text: String) throws(ArrangementParseError) -> HolidayArrangement {
        var parser = ArrangementTextParser()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            var content = Substring(line)
            if index == 0, content.unicodeScalars.first == "\u{FEFF}" {
                content = Substring(content.unicodeScalars.dropFirst())
            }
            try parser.read(content, line: index + 1)
        }
        return try parser.finish()
    }

    /// The arrangement in the line format; `parse(text)` gives back an equal arrangement
    /// (as long as names have no leading, trailing or doubled spaces and don't start with a digit).
    public var text: String {
        var lines = ["year \(year)", "source \(source)"]
        for holiday in holidays {
            lines.append("holiday \(holiday.name) \(holiday.firstDay.iso) \(holiday.lastDay.iso)")
        }
        for workday in makeupWorkdays {
            lines.append("workday \(workday.holidayName) \(workday.date.iso)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Line-by-line state of `HolidayArrangement.parse`.
private struct ArrangementTextParser {
    private var year: Int?
    private var source: String?
    private var holidays: [HolidayArrangement.Holiday] = []
    private var workdays: [(workday: HolidayArrangement.MakeupWorkday, line: Int)] = []
    private var daysOff: Set<LocalDate> = []
    private var daysWorked: Set<LocalDate> = []
    private var lastContentLine = 1

    mutating func read(_ rawLine: Substring, line: Int) throws(ArrangementParseError) {
        let content = rawLine.trimmingWhitespace()
        guard !content.isEmpty, content.first != "#" else { return }
        lastContentLine = line
        func failure(_ reason: ArrangementParseError.Reason) -> ArrangementParseError {
            ArrangementParseError(line: line, reason: reason)
        }

        let directiveEnd = content.firstIndex(where: \.isWhitespace) ?? content.endIndex
        let directive = content[..<directiveEnd]
        let rest = content[directiveEnd...].trimmingWhitespace()
        let words = rest.split(whereSeparator: \.isWhitespace).map(String.init)

        switch directive.lowercased() {
        case "year":
            guard year == nil else { throw failure(.duplicateYear) }
            guard words.count == 1, let value = Self.fourDigitYear(words[0]) else { throw failure(.badYear(String(rest))) }
            year = value

        case "source":
            guard source == nil else { throw failure(.duplicateSource) }
            guard !rest.isEmpty else { throw failure(.missingSource) }
            source = String(rest)

        case "holiday":
            guard let year else { throw failure(.missingYear) }
            let (name, dates) = try Self.nameAndDates(words, maximumDates: 2, failure: failure)
            let firstDay = dates[0], lastDay = dates.count == 2 ? dates[1] : dates[0]
            guard firstDay <= lastDay else { throw failure(.rangeReversed) }
            for date in [firstDay, lastDay] where !Self.window(of: year).contains(date) {
                throw failure(.dateOutsideYear(date.iso))
            }
            guard firstDay.year <= year, lastDay.year >= year else { throw failure(.dateOutsideYear(firstDay.iso)) }
            let holiday = HolidayArrangement.Holiday(name: name, firstDay: firstDay, lastDay: lastDay)
            for day in holiday.days {
                if daysWorked.contains(day) { throw failure(.dayBothHolidayAndWorkday(day.iso)) }
                if !daysOff.insert(day).inserted { throw failure(.dayListedTwice(day.iso)) }
            }
            holidays.append(holiday)

        case "workday":
            guard let year else { throw failure(.missingYear) }
            let (name, dates) = try Self.nameAndDates(words, maximumDates: 1, failure: failure)
            let date = dates[0]
            guard Self.window(of: year).contains(date) else { throw failure(.dateOutsideYear(date.iso)) }
            guard date.isWeekend else { throw failure(.makeupDayNotWeekend(date.iso)) }
            if daysOff.contains(date) { throw failure(.dayBothHolidayAndWorkday(date.iso)) }
            if !daysWorked.insert(date).inserted { throw failure(.dayListedTwice(date.iso)) }
            workdays.append((HolidayArrangement.MakeupWorkday(date: date, holidayName: name), line))

        default:
            throw failure(.unknownDirective(String(directive)))
        }
    }

    func finish() throws(ArrangementParseError) -> HolidayArrangement {
        guard let year else { throw ArrangementParseError(line: lastContentLine, reason: .missingYear) }
        guard let source else { throw ArrangementParseError(line: lastContentLine, reason: .missingSource) }
        guard !holidays.isEmpty else { throw ArrangementParseError(line: lastContentLine, reason: .noHolidays) }
        let names = Set(holidays.map(\.name))
        for (workday, line) in workdays where !names.contains(workday.holidayName) {
            throw ArrangementParseError(line: line, reason: .unknownHoliday(workday.holidayName))
        }
        return HolidayArrangement(year: year, source: source, holidays: holidays, makeupWorkdays: workdays.map(\.workday))
    }

    /// Splits `<name words…> <date> [<date>]`: the name ends at the first word starting with a digit.
    private static func nameAndDates(
        _ words: [String], maximumDates: Int, failure: (ArrangementParseError.Reason) -> ArrangementParseError
    ) throws(ArrangementParseError) -> (String, [LocalDate]) {
        let dateStart = words.firstIndex { $0.first?.isASCII == true && $0.first?.isNumber == true } ?? words.endIndex
        guard dateStart > 0 else { throw failure(.missingName) }
        let dateWords = words[dateStart...]
        guard !dateWords.isEmpty else { throw failure(.missingDate) }
        var dates: [LocalDate] = []
        for word in dateWords {
            guard dates.count < maximumDates else { throw failure(.unexpectedValue(word)) }
            guard let date = LocalDate(iso: word) else { throw failure(.badDate(word)) }
            dates.append(date)
        }
        return (words[..<dateStart].joined(separator: " "), dates)
    }

    /// 1 December of the year before through 31 January of the year after.
    private static func window(of year: Int) -> ClosedRange<LocalDate> {
        LocalDate(unchecked: year - 1, 12, 1)...LocalDate(unchecked: year + 1, 1, 31)
    }

    private static func fourDigitYear(_ word: String) -> Int? {
        guard word.utf8.count == 4, word.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(word), value >= 1
        else { return nil }
        return value
    }
}

fileprivate extension Substring {
    /// Without leading and trailing whitespace, full-width spaces included.
    func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return self[first...last]
    }
}
