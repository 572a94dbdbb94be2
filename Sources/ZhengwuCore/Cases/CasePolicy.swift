/// Who sees and handles which applications. Every staff query and action on cases asks this
/// one policy.
///
/// A department sees the cases of its own items and of items it handles jointly (联办), and no
/// others. The service centre's comprehensive windows (综合窗口) accept on behalf of every
/// department of their region, which is the point of a one-stop centre; supervisors watch the
/// whole region.
public enum CasePolicy {
    public enum Scope: Sendable, Equatable {
        /// Cases where this department leads or takes part.
        case department(String)
        /// Every case whose lead department sits in the region (or under it).
        case region(String)
        case nothing
    }

    public enum Action: Sendable, Equatable {
        case view
        /// Accept, request correction or refuse (受理/补正/不予受理).
        case decideAcceptance
        /// Record a walk-in application for someone at the window.
        case recordWalkIn
        /// See unmasked identity numbers and phone numbers (each view is audited).
        case viewPersonalData
        /// During review: ask the applicant for more material, start or end a special procedure.
        case manageReview
        /// 延期: only the head of the lead department (行政许可法 art. 42).
        case extend
        /// 准予 / 不予: the lead department's head decides in the department's name.
        case decide
        /// 催办 and 督办: the supervisor's own acts on a case of their region.
        case supervise
        /// Answering a 督办 in the lead department's name: its head.
        case answerSupervision
    }

    /// What one case looks like to the policy.
    public struct Subject: Sendable, Equatable {
        public let leadDepartmentID: String
        public let partnerDepartmentIDs: Set<String>
        public let regionCode: String

        public init(leadDepartmentID: String, partnerDepartmentIDs: Set<String>, regionCode: String) {
            self.leadDepartmentID = leadDepartmentID
            self.partnerDepartmentIDs = partnerDepartmentIDs
            self.regionCode = regionCode
        }
    }

    public static func scope(for actor: Actor) -> Scope {
        guard actor.kind == .staff else { return .nothing }
        if actor.hasAny([.windowClerk, .supervisor]), let region = actor.regionCode { return .region(region) }
        if actor.hasAny([.departmentHandler, .departmentHead]), let department = actor.departmentID {
            return .department(department)
        }
        return .nothing
    }

    public static func permits(_ actor: Actor, _ action: Action, on subject: Subject) -> Bool {
        guard sees(actor, subject) else { return false }
        switch action {
        case .view:
            return true
        case .decideAcceptance, .recordWalkIn:
            // Partners review later; acceptance belongs to the lead department or the windows.
            if actor.has(.windowClerk) { return true }
            return actor.hasAny([.departmentHandler, .departmentHead]) && actor.departmentID == subject.leadDepartmentID
        case .viewPersonalData:
            return actor.hasAny([.windowClerk, .departmentHandler, .departmentHead])
        case .manageReview:
            return actor.hasAny([.departmentHandler, .departmentHead]) && actor.departmentID == subject.leadDepartmentID
        case .extend, .decide, .answerSupervision:
            return actor.has(.departmentHead) && actor.departmentID == subject.leadDepartmentID
        case .supervise:
            return actor.has(.supervisor)
        }
    }

    private static func sees(_ actor: Actor, _ subject: Subject) -> Bool {
        switch scope(for: actor) {
        case .region(let region):
            return AccountPolicy.region(subject.regionCode, isWithin: region)
        case .department(let department):
            return subject.leadDepartmentID == department || subject.partnerDepartmentIDs.contains(department)
        case .nothing:
            return false
        }
    }
}
