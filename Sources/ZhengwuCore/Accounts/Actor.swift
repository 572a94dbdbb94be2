/// The signed-in person a rule is decided for: who, what kind, which roles, where they sit.
public struct Actor: Sendable, Equatable {
    public let accountID: String
    public let kind: AccountKind
    public let roles: Set<Role>
    /// The department a staff member belongs to; nil for portal accounts.
    public let departmentID: String?
    /// 行政区划代码 (GB/T 2260) of the department's region; nil for portal accounts.
    public let regionCode: String?

    public init(accountID: String, kind: AccountKind, roles: Set<Role>, departmentID: String?, regionCode: String?) {
        self.accountID = accountID
        self.kind = kind
        self.roles = roles
        self.departmentID = departmentID
        self.regionCode = regionCode
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
    public func hasAny(_ wanted: Set<Role>) -> Bool { !roles.isDisjoint(with: wanted) }
}
