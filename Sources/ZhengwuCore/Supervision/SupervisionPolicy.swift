/// Who uses the supervision pages (电子监察): supervisors watch their region and set the warning
/// rules. Acts on single cases (催办, 督办, answers) are CasePolicy's, like every case action.
public enum SupervisionPolicy {
    public enum Action: Sendable, Equatable, CaseIterable {
        /// The live board, the cases behind its figures, open 督办, the audit chain's state.
        case watch
        /// The yellow thresholds.
        case editRules
    }

    public static func permits(_ actor: Actor, _ action: Action) -> Bool {
        actor.kind == .staff && actor.has(.supervisor) && actor.regionCode != nil
    }
}
