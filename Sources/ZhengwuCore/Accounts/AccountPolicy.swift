/// Who may see and do what with accounts, departments, the calendar and the audit trail.
///
/// Every staff query and action in the accounts domain asks this one policy, so a reader checks
/// one file to know who sees what; handlers never test roles themselves.
public enum AccountPolicy {
    /// Which staff records a query may return for an actor.
    public enum StaffScope: Sendable, Equatable {
        /// Staff of departments in this region (and regions under it).
        case region(String)
        /// Staff of one department.
        case department(String)
        /// Only the actor's own record.
        case onlySelf
    }

    public enum Action: Sendable, Equatable {
        case viewStaffDirectory
        case createStaff
        case unlockAccount
        case resetSecondFactor
        case changeRoles(targetID: String, newRoles: Set<Role>)
        case manageDepartments
        case editCalendar
        case viewAuditTrail
        /// Disabling (or re-enabling) the account of someone holding `targetRoles`.
        case disableAccount(targetRoles: Set<Role>)
    }

    public static func scopeOfStaffDirectory(for actor: Actor) -> StaffScope {
        guard actor.kind == .staff else { return .onlySelf }
        if actor.hasAny(Role.administratorRoles) || actor.has(.supervisor), let region = actor.regionCode {
            return .region(region)
        }
        if actor.has(.departmentHead), let department = actor.departmentID {
            return .department(department)
        }
        return .onlySelf
    }

    public static func permits(_ actor: Actor, _ action: Action) -> Bool {
        guard actor.kind == .staff else { return false }
        switch action {
        case .viewStaffDirectory:
            return scopeOfStaffDirectory(for: actor) != .onlySelf
        case .createStaff, .unlockAccount, .resetSecondFactor, .manageDepartments, .editCalendar:
            return actor.has(.systemAdministrator)
        case .changeRoles(let targetID, let newRoles):
            return RoleRules.violations(actor: actor, changingRolesOf: targetID, to: newRoles).isEmpty
        case .viewAuditTrail:
            return actor.has(.auditAdministrator)
        case .disableAccount(let targetRoles):
            // The system administrator must not be able to silence the security or audit
            // administrator who oversee them (三员分立).
            return actor.has(.systemAdministrator) && targetRoles.isDisjoint(with: Role.administratorRoles)
        }
    }

    /// Whether a region code lies inside another (a county inside its prefecture and province).
    /// GB/T 2260 codes are six digits: province (2), prefecture (2), county (2); "00" pads a level.
    public static func region(_ code: String, isWithin scope: String) -> Bool {
        code.hasPrefix(regionPrefix(scope))
    }

    /// The code prefix shared by a region and every region under it: "510000" → "51".
    public static func regionPrefix(_ code: String) -> String {
        var prefix = Substring(code)
        while prefix.hasSuffix("00") { prefix = prefix.dropLast(2) }
        return String(prefix)
    }
}
