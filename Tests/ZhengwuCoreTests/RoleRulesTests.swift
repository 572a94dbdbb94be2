import Testing
@testable import ZhengwuCore

@Suite("Roles and the separation of the three administrators")
struct RoleRulesTests {
    let security = Actor(accountID: "sec", kind: .staff, roles: [.securityAdministrator], departmentID: "d1", regionCode: "513329")
    let system = Actor(accountID: "sys", kind: .staff, roles: [.systemAdministrator], departmentID: "d1", regionCode: "513329")

    @Test func securityAdministratorGrantsBusinessRolesToOthers() {
        #expect(RoleRules.violations(actor: security, changingRolesOf: "someone", to: [.windowClerk, .departmentHandler]).isEmpty)
    }

    @Test func nobodyChangesTheirOwnRoles() {
        #expect(RoleRules.violations(actor: security, changingRolesOf: "sec", to: [.securityAdministrator]) == [.selfGrant])
    }

    @Test func onlyTheSecurityAdministratorAssignsRoles() {
        #expect(RoleRules.violations(actor: system, changingRolesOf: "someone", to: [.publisher]) == [.notSecurityAdministrator])
    }

    @Test(arguments: [Role.systemAdministrator, .securityAdministrator, .auditAdministrator])
    func administratorRolesStandAlone(role: Role) {
        let violations = RoleRules.violations(inStaffRoles: [role, .departmentHead])
        #expect(violations == [.administratorNotAlone(role)])
        #expect(RoleRules.violations(inStaffRoles: [role]).isEmpty)
    }

    @Test func twoAdministratorRolesAreBothReported() {
        let violations = RoleRules.violations(inStaffRoles: [.systemAdministrator, .auditAdministrator])
        #expect(violations == [.administratorNotAlone(.systemAdministrator), .administratorNotAlone(.auditAdministrator)])
    }

    @Test func portalRolesNeverGoToStaff() {
        #expect(RoleRules.violations(inStaffRoles: [.citizen, .windowClerk]) == [.publicRoleOnStaff(.citizen)])
        #expect(RoleRules.violations(inStaffRoles: []) == [.noRoles])
    }

    @Test func roleSetsPartitionAllRoles() {
        #expect(Role.businessRoles.isDisjoint(with: Role.administratorRoles))
        #expect(Role.staffRoles.union(Role.publicRoles) == Set(Role.allCases))
        #expect(Role.businessRoles.contains(.windowClerk))
    }
}

@Suite("Account policy: who sees and does what")
struct AccountPolicyTests {
    func staff(_ roles: Set<Role>, department: String = "d1", region: String = "513329") -> Actor {
        Actor(accountID: "a", kind: .staff, roles: roles, departmentID: department, regionCode: region)
    }

    @Test func directoryScopeFollowsRole() {
        #expect(AccountPolicy.scopeOfStaffDirectory(for: staff([.systemAdministrator])) == .region("513329"))
        #expect(AccountPolicy.scopeOfStaffDirectory(for: staff([.supervisor])) == .region("513329"))
        #expect(AccountPolicy.scopeOfStaffDirectory(for: staff([.departmentHead], department: "d7")) == .department("d7"))
        #expect(AccountPolicy.scopeOfStaffDirectory(for: staff([.departmentHandler])) == .onlySelf)
        let citizen = Actor(accountID: "c", kind: .citizen, roles: [.citizen], departmentID: nil, regionCode: nil)
        #expect(AccountPolicy.scopeOfStaffDirectory(for: citizen) == .onlySelf)
    }

    @Test func eachAdministratorHasOnlyTheirOwnPowers() {
        let system = staff([.systemAdministrator]), security = staff([.securityAdministrator]), audit = staff([.auditAdministrator])
        #expect(AccountPolicy.permits(system, .createStaff))
        #expect(!AccountPolicy.permits(system, .viewAuditTrail))
        #expect(!AccountPolicy.permits(security, .createStaff))
        #expect(!AccountPolicy.permits(security, .viewAuditTrail))
        #expect(AccountPolicy.permits(audit, .viewAuditTrail))
        #expect(!AccountPolicy.permits(audit, .createStaff))
        #expect(!AccountPolicy.permits(audit, .changeRoles(targetID: "x", newRoles: [.publisher])))
        #expect(AccountPolicy.permits(security, .changeRoles(targetID: "x", newRoles: [.publisher])))
    }

    @Test func citizensAreNeverPermittedStaffActions() {
        let citizen = Actor(accountID: "c", kind: .citizen, roles: [.systemAdministrator], departmentID: nil, regionCode: nil)
        #expect(!AccountPolicy.permits(citizen, .createStaff))
        #expect(!AccountPolicy.permits(citizen, .viewAuditTrail))
    }

    @Test func regionsNest() {
        #expect(AccountPolicy.regionPrefix("510000") == "51")
        #expect(AccountPolicy.regionPrefix("513300") == "5133")
        #expect(AccountPolicy.regionPrefix("513329") == "513329")
        #expect(AccountPolicy.region("513329", isWithin: "513300"))
        #expect(AccountPolicy.region("513329", isWithin: "510000"))
        #expect(!AccountPolicy.region("513329", isWithin: "520000"))
        #expect(!AccountPolicy.region("513300", isWithin: "513329"))
    }
}
