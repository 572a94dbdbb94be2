/// The review cycle of a guide version: a department's staff draft a change, the head of the
/// department (someone other than the author) approves it, and only then does the public see it.
public enum GuideRevisionState: String, Codable, Sendable, CaseIterable {
    case draft
    /// 待审核
    case pendingReview = "pending_review"
    /// The version the public sees; exactly one per item once first published.
    case published
    /// Sent back by the reviewer with a note; the author edits it into a new draft.
    case returned
    /// An earlier published version, kept as history.
    case superseded

    public var messageKey: String { "revision.\(rawValue)" }
    public var isEditable: Bool { self == .draft || self == .returned }
}

/// Whether a catalogue item may currently be applied for.
public enum ItemAvailability: String, Codable, Sendable, CaseIterable {
    case active
    /// 暂停办理: temporarily not accepting applications, with a notice saying why and until when.
    case suspended
    /// 取消/废止: no longer offered; the guide stays readable with the notice.
    case retired

    public var messageKey: String { "availability.\(rawValue)" }
}

/// Who may do what with the service catalogue. Items belong to their implementing department;
/// only its staff edit them and only its head publishes.
public enum CataloguePolicy {
    public enum Action: Sendable, Equatable {
        case viewDrafts
        case edit
        /// Approving or returning a version someone else wrote.
        case review(authorID: String)
        case changeAvailability
    }

    public static func permits(_ actor: Actor, _ action: Action, itemDepartmentID: String) -> Bool {
        guard actor.kind == .staff, actor.departmentID == itemDepartmentID else { return false }
        switch action {
        case .viewDrafts, .edit:
            return actor.hasAny([.departmentHandler, .departmentHead])
        case .review(let authorID):
            // Four eyes: the head cannot approve their own text.
            return actor.has(.departmentHead) && authorID != actor.accountID
        case .changeAvailability:
            return actor.has(.departmentHead)
        }
    }

    /// Whether the actor can start a new item at all (in their own department).
    public static func mayCreateItems(_ actor: Actor) -> Bool {
        actor.kind == .staff && actor.departmentID != nil && actor.hasAny([.departmentHandler, .departmentHead])
    }
}
