/// What an account may do. Stored as the raw string, so new roles never renumber old rows.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    /// 自然人: a resident using the public portal.
    case citizen
    /// 法人: a firm or organisation using the public portal.
    case firm
    /// 窗口工作人员: accepts applications at the service centre.
    case windowClerk = "window_clerk"
    /// 承办人: handles cases inside a department.
    case departmentHandler = "department_handler"
    /// 部门负责人: approves, signs off, grants extensions for a department.
    case departmentHead = "department_head"
    /// 电子监察: watches deadlines across departments.
    case supervisor
    /// 信息发布员: publishes disclosure content after review.
    case publisher
    /// 12345 话务员: takes hotline calls and dispatches tickets.
    case hotlineOperator = "hotline_operator"
    /// 系统管理员: accounts, departments, calendar; never business data or audit.
    case systemAdministrator = "system_administrator"
    /// 安全管理员: grants and revokes roles.
    case securityAdministrator = "security_administrator"
    /// 审计管理员: reads the audit trail, nothing else.
    case auditAdministrator = "audit_administrator"

    /// Roles held by people on the public portal.
    public static let publicRoles: Set<Role> = [.citizen, .firm]
    /// The three separated administrators (三员分立).
    public static let administratorRoles: Set<Role> = [
        .systemAdministrator, .securityAdministrator, .auditAdministrator,
    ]
    /// Roles that do the government's daily work.
    public static let businessRoles: Set<Role> = Set(allCases)
        .subtracting(publicRoles).subtracting(administratorRoles)
    public static let staffRoles: Set<Role> = businessRoles.union(administratorRoles)

    public var messageKey: String { "role.\(rawValue)" }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The kind of account, which decides the listener it signs in on.
public enum AccountKind: String, Codable, Sendable, CaseIterable {
    case citizen, firm, staff
}
