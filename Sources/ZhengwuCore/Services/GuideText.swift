/// The text form of a guide's list-valued elements, for the staff editor: a plain HTML form
/// without JavaScript, where each list is a textarea with one entry per line and the entry's
/// attributes separated by `|`. Plain text can be typed, pasted from a spreadsheet or an old
/// guide, and corrected line by line, and it works in every browser the offices use.
///
///     id_card | 居民身份证 | 必要 | 原件 | 1 | 均可 | 申请人 | 本人有效身份证件
///     hukou | 户口簿 | 视情况 | 复印件 | 1 | 纸质 | 证照:户口簿 | 非本地户籍时提供
///     form | 申请表 | 必要 | 原件 | 1 | 均可 | 申请人 | | 申请表
///
/// Common rules for every textarea:
/// - Blank lines (and lines holding only separators) are ignored; line numbers in problems
///   still count them, so they match what the editor sees.
/// - The full-width `｜` separates cells too, as Chinese input methods produce it.
/// - Spaces around each cell are trimmed, including the full-width space.
/// - Trailing empty cells may be left out; empty cells take the documented defaults.
/// - A cell can never contain `|` or `｜`: there is no escaping, because staff would have to
///   learn it and a stray backslash would be worse than the rule. The formatter therefore
///   writes `／` for any pipe (and a space for any line break) inside a value, so formatting
///   and reading back never shifts cells.
/// - Every problem on every line is reported at once, so one round trip fixes the whole text.
///
/// Formatting uses the Chinese words; reading also accepts the enums' English raw values, so
/// texts written by scripts or the English workbench read the same.
public enum GuideText {
    // MARK: Materials

    /// `key | 名称 | 必要/视情况 | 原件/复印件/原件和复印件 | 份数 | 纸质/电子/均可 | 申请人 or 证照:<证照类型> | 说明 | 申请表`
    /// The last cell is `申请表` only for the item's own application form. A certificate type is
    /// written only for certificates: on an applicant's material it means nothing.
    public static func format(materials: [MaterialRequirement]) -> String {
        materials.map { material in
            let source = material.source == .issuedCertificate
                ? "\(certificateWords[0]):\(cell(material.certificateType))"
                : sources.word(for: .applicant)
            return row([
                material.key, material.name, necessities.word(for: material.necessity), materialForms.word(for: material.form),
                String(material.copies), media.word(for: material.medium), source, material.note,
                material.isApplicationForm ? applicationFormWords[0] : "",
            ])
        }.joined(separator: "\n")
    }

    /// Empty cells default to 必要, 原件, 1 份, 均可 and 申请人, the most common material.
    public static func parseMaterials(_ text: String) -> Result<[MaterialRequirement], LineProblems> {
        var keys = KeyRegister()
        return parse(text, cells: 2...9) { row in
            let key = row.key(at: 0, in: &keys)
            let name = row[1]
            if name.isEmpty { row.report(.missingName) }
            var material = MaterialRequirement(key: key, name: name)
            material.necessity = row.value(at: 2, from: necessities) ?? .required
            material.form = row.value(at: 3, from: materialForms) ?? .original
            material.copies = row.positiveNumber(at: 4, units: ["份"]) ?? 1
            material.medium = row.value(at: 5, from: media) ?? .either
            (material.source, material.certificateType) = row.source(at: 6)
            material.note = row[7]
            material.isApplicationForm = row.flag(at: 8, words: applicationFormWords)
            return material
        }
    }

    // MARK: Form fields

    /// `key | 标签 | 类型 | 必填/选填 | 选项1、选项2 | 样例 | 提示`
    public static func format(fields: [FormField]) -> String {
        fields.map { field in
            row([
                field.key, field.label, fieldKinds.word(for: field.kind), requirements.word(for: field.required),
                // Options share the cell, so their own separators would split them on reading.
                field.options.map { cell($0, alsoReplacing: optionSeparators) }.joined(separator: "、"),
                field.sample, field.help,
            ])
        }.joined(separator: "\n")
    }

    /// Empty cells default to 文本 and 必填, as `FormField.init` does.
    public static func parseFields(_ text: String) -> Result<[FormField], LineProblems> {
        var keys = KeyRegister()
        return parse(text, cells: 2...7) { row in
            let key = row.key(at: 0, in: &keys)
            let label = row[1]
            if label.isEmpty { row.report(.missingName) }
            let options = row[4].split(whereSeparator: { optionSeparators.contains($0) })
                .map(trimmed).filter { !$0.isEmpty }
            return FormField(key: key, label: label, kind: row.value(at: 2, from: fieldKinds) ?? .text,
                             required: row.value(at: 3, from: requirements) ?? true,
                             options: options, sample: row[5], help: row[6])
        }
    }

    // MARK: Special procedures

    /// `名称 | 天数 | 说明`
    public static func format(specialProcedures: [SpecialProcedure]) -> String {
        specialProcedures.map { row([$0.name, String($0.expectedDays), $0.note]) }.joined(separator: "\n")
    }

    /// The days are required: the applicant must be told in writing how long it takes (art. 45).
    public static func parseSpecialProcedures(_ text: String) -> Result<[SpecialProcedure], LineProblems> {
        parse(text, cells: 2...3) { row in
            let name = row[0]
            if name.isEmpty { row.report(.missingName) }
            var days = 0
            if row[1].isEmpty {
                row.report(.missingDays)
            } else {
                days = row.positiveNumber(at: 1, units: ["个工作日", "工作日", "天", "日"]) ?? 0
            }
            return SpecialProcedure(name: name, expectedDays: days, note: row[2])
        }
    }

    // MARK: FAQ

    /// `问题 | 回答`
    public static func format(faq: [Question]) -> String {
        faq.map { row([$0.question, $0.answer]) }.joined(separator: "\n")
    }

    /// Both halves are required: a question without its answer helps nobody.
    public static func parseFAQ(_ text: String) -> Result<[Question], LineProblems> {
        parse(text, cells: 2...2) { row in
            if row[0].isEmpty { row.report(.missingQuestion) }
            if row[1].isEmpty { row.report(.missingAnswer) }
            return Question(row[0], row[1])
        }
    }

    // MARK: Simple lists

    /// One step / one entry per non-empty line, trimmed.
    public static func lines(_ text: String) -> [String] {
        rawLines(text).map(trimmed).filter { !$0.isEmpty }
    }

    /// Keywords separated by Chinese or ASCII commas, 、 or whitespace; trimmed, de-duplicated, order kept.
    public static func keywords(_ text: String) -> [String] {
        var seen: Set<String> = []
        return text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "，" || $0 == "、" || $0 == "\u{FEFF}" })
            .map(String.init)
            .filter { seen.insert($0).inserted }
    }
}

/// A problem on one line of an editor textarea; `line` is 1-based.
public struct LineProblem: Sendable, Equatable {
    /// 1-based, counting blank lines, so it matches the line the editor sees.
    public let line: Int
    public let message: LocalizedMessage

    public init(line: Int, message: LocalizedMessage) {
        self.line = line
        self.message = message
    }
}

/// Why a textarea was refused: every problem found, in line order, so staff fix them all in
/// one go; nothing half-read is ever kept.
public struct LineProblems: Error, Sendable, Equatable {
    public let problems: [LineProblem]

    public init(_ problems: [LineProblem]) {
        self.problems = problems
    }
}

// MARK: - Problems

extension GuideText {
    /// Every kind of problem the parsers report; internal so the localisation tests can list them all.
    enum Reason: Sendable, Equatable {
        /// Fewer cells than the entry needs (a missing `|`).
        case tooFewCells(minimum: Int)
        /// Text beyond the last cell: usually a `|` typed inside a value.
        case tooManyCells(maximum: Int)
        case missingKey
        /// Not lower-case ASCII letters, digits and underscores, or longer than 40.
        case badKey(String)
        /// The key was already used on `firstLine`.
        case duplicateKey(String, firstLine: Int)
        /// A material's or procedure's name, or a field's label, is empty.
        case missingName
        /// Not one of the words the cell accepts; `allowed` are the (Chinese) words of the format.
        case unknownValue(String, allowed: [String])
        /// Not a whole number of at least 1.
        case badNumber(String)
        /// `证照` without the certificate type after the colon.
        case missingCertificateType
        case missingDays
        case missingQuestion
        case missingAnswer

        func message(line: Int) -> LocalizedMessage {
            func message(_ suffix: String, _ arguments: [String: String] = [:]) -> LocalizedMessage {
                LocalizedMessage("guide_text.\(suffix)", arguments.merging(["line": String(line)]) { $1 })
            }
            return switch self {
            case .tooFewCells(let minimum): message("too_few_cells", ["min": String(minimum)])
            case .tooManyCells(let maximum): message("too_many_cells", ["max": String(maximum)])
            case .missingKey: message("missing_key")
            case .badKey(let key): message("bad_key", ["key": key])
            case .duplicateKey(let key, let firstLine): message("duplicate_key", ["key": key, "first": String(firstLine)])
            case .missingName: message("missing_name")
            // " / " reads the same in every language; the words themselves are the format's.
            case .unknownValue(let value, let allowed): message("unknown_value", ["value": value, "allowed": allowed.joined(separator: " / ")])
            case .badNumber(let value): message("bad_number", ["value": value])
            case .missingCertificateType: message("missing_certificate_type")
            case .missingDays: message("missing_days")
            case .missingQuestion: message("missing_question")
            case .missingAnswer: message("missing_answer")
            }
        }
    }
}

// MARK: - Vocabularies

/// A closed set of values with the words that name them; the first word is the one written.
struct GuideWords<Value: Sendable & Equatable>: Sendable {
    struct Entry: Sendable {
        let value: Value
        let words: [String]
    }

    let entries: [Entry]

    init(_ entries: [(Value, [String])]) {
        self.entries = entries.map { Entry(value: $0.0, words: $0.1) }
    }

    func word(for value: Value) -> String {
        entries.first { $0.value == value }!.words[0]
    }

    /// English raw values are matched regardless of case ("Required" as typed at a sentence start).
    func value(for word: String) -> Value? {
        let word = word.lowercased()
        return entries.first { $0.words.contains { $0.lowercased() == word } }?.value
    }

    var writtenWords: [String] { entries.map { $0.words[0] } }
}

extension GuideText {
    static let necessities = GuideWords<MaterialNecessity>([
        (.required, ["必要", MaterialNecessity.required.rawValue]),
        (.conditional, ["视情况", "视情况提供", MaterialNecessity.conditional.rawValue]),
    ])
    static let materialForms = GuideWords<MaterialForm>([
        (.original, ["原件", MaterialForm.original.rawValue]),
        (.copy, ["复印件", MaterialForm.copy.rawValue]),
        (.originalAndCopy, ["原件和复印件", "原件及复印件", MaterialForm.originalAndCopy.rawValue]),
    ])
    static let media = GuideWords<MaterialMedium>([
        (.paper, ["纸质", MaterialMedium.paper.rawValue]),
        (.electronic, ["电子", MaterialMedium.electronic.rawValue]),
        (.either, ["均可", MaterialMedium.either.rawValue]),
    ])
    /// Only the applicant entry is used as is; certificates carry their type after a colon.
    static let sources = GuideWords<MaterialSource>([
        (.applicant, ["申请人", MaterialSource.applicant.rawValue]),
        (.issuedCertificate, certificateWords),
    ])
    static let certificateWords = ["证照", "certificate", MaterialSource.issuedCertificate.rawValue]
    static let applicationFormWords = ["申请表", "form"]
    static let fieldKinds = GuideWords<FormField.Kind>([
        (.text, ["文本", FormField.Kind.text.rawValue]),
        (.longText, ["长文本", FormField.Kind.longText.rawValue]),
        (.number, ["数字", FormField.Kind.number.rawValue]),
        (.date, ["日期", FormField.Kind.date.rawValue]),
        (.choice, ["选项", FormField.Kind.choice.rawValue]),
        (.address, ["地址", FormField.Kind.address.rawValue]),
        (.phone, ["电话", FormField.Kind.phone.rawValue]),
        (.idNumber, ["身份证号", "身份证号码", FormField.Kind.idNumber.rawValue]),
        (.socialCreditCode, ["统一社会信用代码", FormField.Kind.socialCreditCode.rawValue]),
    ])
    static let requirements = GuideWords<Bool>([
        (true, ["必填", "required"]),
        (false, ["选填", "optional"]),
    ])
    /// Between a choice field's options; also accepts the full-width comma people type.
    static let optionSeparators: Set<Character> = ["、", ",", "，"]
}

// MARK: - Reading

extension GuideText {
    /// The textarea's lines, without a byte-order mark pasted from a file; `\r\n` counts once.
    static func rawLines(_ text: String) -> [Substring] {
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Reads each non-blank line with `read`, which reports problems on the row; the result is
    /// the entries only if no line had a problem.
    static func parse<Entry>(_ text: String, cells: ClosedRange<Int>, _ read: (inout Row) -> Entry) -> Result<[Entry], LineProblems> {
        var entries: [Entry] = []
        var problems: [LineProblem] = []
        for (index, line) in rawLines(text).enumerated() {
            let values = line.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "|" || $0 == "｜" }).map(trimmed)
            guard let lastFilled = values.lastIndex(where: { !$0.isEmpty }) else { continue }
            var row = Row(line: index + 1, cells: Array(values.prefix(cells.upperBound)))
            if values.count < cells.lowerBound {
                // The other cells' problems would only repeat this one.
                row.report(.tooFewCells(minimum: cells.lowerBound))
            } else {
                if lastFilled >= cells.upperBound { row.report(.tooManyCells(maximum: cells.upperBound)) }
                let entry = read(&row)
                if row.problems.isEmpty { entries.append(entry) }
            }
            problems += row.problems
        }
        return problems.isEmpty ? .success(entries) : .failure(LineProblems(problems))
    }

    /// The keys seen so far in one textarea, with their lines.
    struct KeyRegister {
        var lines: [String: Int] = [:]
    }

    /// One non-blank line being read.
    struct Row {
        let line: Int
        let cells: [String]
        private(set) var problems: [LineProblem] = []

        init(line: Int, cells: [String]) {
            self.line = line
            self.cells = cells
        }

        /// The trimmed cell, or "" where trailing cells were left out.
        subscript(index: Int) -> String { index < cells.count ? cells[index] : "" }

        mutating func report(_ reason: Reason) {
            problems.append(LineProblem(line: line, message: reason.message(line: line)))
        }

        /// Keys follow `ServiceGuide.isKey`, so a text that reads here also passes the publish check.
        mutating func key(at index: Int, in register: inout KeyRegister) -> String {
            let key = self[index]
            if key.isEmpty {
                report(.missingKey)
            } else if !ServiceGuide.isKey(key) {
                report(.badKey(key))
            } else if let first = register.lines[key] {
                report(.duplicateKey(key, firstLine: first))
            } else {
                register.lines[key] = line
            }
            return key
        }

        /// nil when the cell is empty (the caller's default applies) or unknown (reported).
        mutating func value<Value: Sendable & Equatable>(at index: Int, from words: GuideWords<Value>) -> Value? {
            let cell = self[index]
            guard !cell.isEmpty else { return nil }
            guard let value = words.value(for: cell) else {
                report(.unknownValue(cell, allowed: words.writtenWords))
                return nil
            }
            return value
        }

        /// Whether the cell holds one of `words`; empty is false, anything else is reported.
        mutating func flag(at index: Int, words: [String]) -> Bool {
            let cell = self[index]
            guard !cell.isEmpty else { return false }
            if words.contains(where: { $0.lowercased() == cell.lowercased() }) { return true }
            report(.unknownValue(cell, allowed: [words[0]]))
            return false
        }

        /// A whole number of at least 1, nil when empty or reported. Full-width digits and a
        /// trailing unit (1份, 20个工作日) are accepted because that is how people write them.
        mutating func positiveNumber(at index: Int, units: [String]) -> Int? {
            let cell = self[index]
            guard !cell.isEmpty else { return nil }
            var digits = String(cell.unicodeScalars.map { scalar in
                (0xFF10...0xFF19).contains(scalar.value) ? Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!) : Character(scalar)
            })
            if let unit = units.first(where: { digits.hasSuffix($0) }) {
                digits = GuideText.trimmed(digits.dropLast(unit.count))
            }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number >= 1 else {
                report(.badNumber(cell))
                return nil
            }
            return number
        }

        /// `申请人`, or `证照:<type>` (ASCII or full-width colon); empty means the applicant.
        mutating func source(at index: Int) -> (MaterialSource, String) {
            let cell = self[index]
            let colon = cell.firstIndex { $0 == ":" || $0 == "：" }
            let head = GuideText.trimmed(cell[..<(colon ?? cell.endIndex)])
            let type = colon.map { GuideText.trimmed(cell[cell.index(after: $0)...]) } ?? ""
            let source: MaterialSource? = cell.isEmpty ? .applicant : GuideText.sources.value(for: head)
            switch source {
            case .applicant? where type.isEmpty:
                return (.applicant, "")
            case .issuedCertificate?:
                if type.isEmpty { report(.missingCertificateType) }
                return (.issuedCertificate, type)
            default:
                report(.unknownValue(cell, allowed: [GuideText.sources.word(for: .applicant), "\(GuideText.certificateWords[0]):…"]))
                return (.applicant, "")
            }
        }
    }
}

// MARK: - Writing

extension GuideText {
    /// One entry's line: cells made safe, trailing empty ones left out as the reader allows.
    static func row(_ values: [String]) -> String {
        var cells = values.map { cell($0) }
        while cells.last == "" { cells.removeLast() }
        return cells.joined(separator: " | ")
    }

    /// A value as a cell: a pipe (or any of `extra`) would start a new cell and a line break a
    /// new entry, so they become `／` and a space; surrounding spaces would be trimmed on reading anyway.
    static func cell(_ value: String, alsoReplacing extra: Set<Character> = []) -> String {
        trimmed(String(value.map { character -> Character in
            if character == "|" || character == "｜" || extra.contains(character) { return "／" }
            return character.isNewline ? " " : character
        }))
    }
}
