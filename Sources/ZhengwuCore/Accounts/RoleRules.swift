/// Rules on which roles may be held together and who may hand them out.
///
/// 等保 2.0 asks for the separation of the three administrators (三员分立): the system, security and
/// audit administrators are different people, each with only their own role, so no one person
/// can both act and erase the trace of acting.
public enum RoleRules {
    public enum Violation: Error, Equatable, Sendable, UserFacingError {
        /// A staff account must hold at least one role.
        case noRoles
        /// Citizen and firm roles belong to portal accounts only.
        case publicRoleOnStaff(Role)
        /// An administrator role combined with any other role.
        case administratorNotAlone(Role)
        /// Nobody changes their own roles.
        case selfGrant
        /// Only the security administrator assigns roles.
        case notSecurityAdministrator

        public var message: LocalizedMessage {
            switch self {
            case .noRoles: LocalizedMessage("roles.error.none")
            case .publicRoleOnStaff(let role): LocalizedMessage("roles.error.public_role", ["role": role.rawValue])
            case .administratorNotAlone(let role): LocalizedMessage("roles.error.admin_alone", ["role": role.rawValue])
            case .selfGrant: LocalizedMessage("roles.error.self_grant")
            case .notSecurityAdministrator: LocalizedMessage("roles.error.not_security_admin")
            }
        }
    }

    /// Checks that a staff account's role set is allowed, returning every problem found.
    public static func violations(inStaffRoles roles: Set<Role>) -> [Violation] {
        var found: [Violation] = []
        if roles.isEmpty { found.append(.noRoles) }
        for role in roles.intersection(Role.publicRoles).sorted() {
            found.append(.publicRoleOnStaff(role))
        }
        if roles.count > 1 {
            for role in roles.intersection(Role.administratorRoles).sorted() {
                found.append(.administratorNotAlone(role))
            }
        }
        return found
    }

    /// Decides whether `actor` may set `target`'s roles to `newRoles`.
    public static func violations(
        actor: Actor, changingRolesOf targetID: String, to newRoles: Set<Role>
    ) -> [Violation] {
        var found: [Violation] = []
        if !actor.roles.contains(.securityAdministrator) { found.append(.notSecurityAdministrator) }
        if actor.accountID == targetID { found.append(.selfGrant) }
        return found + violations(inStaffRoles: newRoles)
    }
}
