import Foundation

/// One field of an item's application form. The kinds carry their own validation, so every
/// item's form checks ID numbers, credit codes and dates the same way.
public struct FormField: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case text, longText = "long_text", number, date, choice, address, phone
        case idNumber = "id_number"
        case socialCreditCode = "social_credit_code"
        public var messageKey: String { "field_kind.\(rawValue)" }

        /// Values of these kinds are personal data: sealed when stored, masked when shown.
        public var isPersonalData: Bool { [.idNumber, .socialCreditCode, .phone].contains(self) }

        /// How such a value is shown to someone who may not see it in full.
        public func masked(_ value: String) -> String {
            switch self {
            case .idNumber: Masking.idNumber(value)
            case .phone: Masking.phone(value)
            default: value
            }
        }
    }

    /// The name the value is posted and stored under (ASCII, stable across versions).
    public var key: String
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// The allowed answers of a `.choice` field.
    public var options: [String]
    /// A filled-in example, printed on the sample form (填写样本).
    public var sample: String
    public var help: String

    public init(key: String, label: String, kind: Kind, required: Bool = true, options: [String] = [],
                sample: String = "", help: String = "") {
        self.key = key
        self.label = label
        self.kind = kind
        self.required = required
        self.options = options
        self.sample = sample
        self.help = help
    }

    /// Longest value accepted for any field; long texts get more room.
    public var maximumLength: Int { kind == .longText ? 2000 : 200 }
}

/// The outcome of checking a submitted form against the item's fields.
public struct FormCheck: Sendable, Equatable {
    /// The values to store: trimmed, normalised (upper-case ID check characters, ISO dates),
    /// and only for the form's own fields.
    public var values: [String: String]
    /// One problem per faulty field, in form order.
    public var problems: [FieldIssue]

    public var isValid: Bool { problems.isEmpty }
}

/// A problem with one field, named by its key, in the user's language via the message tables.
public struct FieldIssue: Sendable, Equatable {
    public let field: String
    public let message: LocalizedMessage

    public init(field: String, message: LocalizedMessage) {
        self.field = field
        self.message = message
    }
}

extension Array where Element == FormField {
    /// Checks `submitted` against these fields. `today` bounds dates and ID birth dates.
    /// Unknown keys are dropped, never stored.
    public func check(_ submitted: [String: String], today: LocalDate) -> FormCheck {
        var values: [String: String] = [:]
        var problems: [FieldIssue] = []
        for field in self {
            let raw = (submitted[field.key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.isEmpty {
                if field.required {
                    problems.append(FieldIssue(field: field.key, message: LocalizedMessage("form.required")))
                }
                continue
            }
            switch field.normalise(raw, today: today) {
            case .value(let value): values[field.key] = value
            case .problem(let issue): problems.append(FieldIssue(field: field.key, message: issue))
            }
        }
        return FormCheck(values: values, problems: problems)
    }
}

extension FormField {
    enum Normalised {
        case value(String)
        case problem(LocalizedMessage)
    }

    /// The stored form of `raw`, or why it is not acceptable. Messages do not repeat the
    /// label: the form shows them beside the field, and summaries put the label in front.
    func normalise(_ raw: String, today: LocalDate) -> Normalised {
        guard raw.count <= maximumLength else {
            return .problem(LocalizedMessage("form.too_long", ["max": String(maximumLength)]))
        }
        if raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0) }) {
            return .problem(LocalizedMessage("form.control_characters"))
        }
        switch kind {
        case .text, .longText:
            return .value(raw)
        case .address:
            return raw.count < 4 ? .problem(LocalizedMessage("form.address_too_short")) : .value(raw)
        case .number:
            let unsigned = raw.hasPrefix("-") ? raw.dropFirst() : Substring(raw)
            let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count),
                  parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let number = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")) else {
                return .problem(LocalizedMessage("form.not_a_number"))
            }
            return .value("\(number)")
        case .date:
            guard let date = LocalDate(iso: raw) else { return .problem(LocalizedMessage("form.bad_date")) }
            return .value(date.iso)
        case .choice:
            guard options.contains(raw) else {
                return .problem(LocalizedMessage("form.not_an_option", ["options": options.joined(separator: "、")]))
            }
            return .value(raw)
        case .phone:
            return Self.identity { try PhoneNumber(validating: raw).value }
        case .idNumber:
            return Self.identity { try ResidentIDNumber(validating: raw, today: today).value }
        case .socialCreditCode:
            return Self.identity { try SocialCreditCode(validating: raw).value }
        }
    }

    /// The normalised number, or the identity check's own explanation of what is wrong.
    private static func identity(_ validate: () throws -> String) -> Normalised {
        do { return .value(try validate()) } catch {
            return .problem((error as? any UserFacingError)?.message ?? LocalizedMessage("form.invalid"))
        }
    }
}
