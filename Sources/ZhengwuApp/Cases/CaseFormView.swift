import Vapor
import ZhengwuCore

/// An item's form as inputs: each field with what was typed and its error, so a failed
/// submission re-shows everything (nothing typed is lost). Shared by the portal and the window.
struct CaseFormView: Encodable {
    struct Option: Encodable {
        let value: String
        let selected: Bool
    }

    struct Input: Encodable {
        let key: String
        let label: String
        let inputType: String
        let inputMode: String?
        let required: Bool
        let isLong: Bool
        let isChoice: Bool
        let options: [Option]
        let value: String
        let error: String?
        let help: String
        let maxLength: Int
    }

    let inputs: [Input]
    let problems: [FormState.Problem]

    init(fields: [FormField], values: [String: String], issues: [FieldIssue], on req: Request) {
        let labels = Dictionary(fields.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        var errors: [String: String] = [:]
        var problems: [FormState.Problem] = []
        for issue in issues where errors[issue.field] == nil {
            let text = req.t(issue.message)
            errors[issue.field] = text
            problems.append(.init(field: issue.field, message: labels[issue.field].map { "\($0)：\(text)" } ?? text))
        }
        self.problems = problems
        inputs = fields.map { field in
            let value = values[field.key] ?? ""
            return Input(
                key: field.key, label: field.label, inputType: Self.inputType(field.kind), inputMode: Self.inputMode(field.kind),
                required: field.required, isLong: field.kind == .longText, isChoice: field.kind == .choice,
                options: field.options.map { Option(value: $0, selected: $0 == value) }, value: value,
                error: errors[field.key], help: field.help, maxLength: field.maximumLength)
        }
    }

    static func inputType(_ kind: FormField.Kind) -> String {
        switch kind {
        case .date: "date"
        case .phone: "tel"
        default: "text"
        }
    }

    static func inputMode(_ kind: FormField.Kind) -> String? {
        switch kind {
        case .number: "decimal"
        case .phone: "tel"
        default: nil
        }
    }

    /// The posted values of the item's fields, and nothing else, without control or
    /// direction-override characters (TypedText). Values are kept whole: one over its field's
    /// length is refused by the form's check with a message, never cut short.
    static func read(_ req: Request, fields: [FormField]) -> [String: String] {
        var values: [String: String] = [:]
        for field in fields {
            let raw = TypedText.clean((try? req.content.get(String.self, at: field.key)) ?? "")
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { values[field.key] = trimmed }
        }
        return values
    }
}
