import ZhengwuCore

/// A problem with one field of a submitted form; the message is a key into the UI tables.
typealias FieldProblem = (field: String, message: LocalizedMessage)

/// How a create-or-edit command of the workbench ends.
enum SaveOutcome<Saved> {
    case saved(Saved)
    case invalid([FieldProblem])
    case forbidden
    case notFound
}

extension SaveOutcome: Sendable where Saved: Sendable {}
