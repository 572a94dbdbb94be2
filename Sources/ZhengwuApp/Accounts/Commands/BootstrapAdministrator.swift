import Fluent
import Vapor
import ZhengwuCore

/// `zhengwu admin create`: makes an administrator from the command line, the only way in on an
/// empty install. On a database with no region yet it also records the region, the government's
/// name and a department for the administrators to belong to.
public struct BootstrapAdministrator: Sendable {
    public struct Input: Sendable {
        public var username: String
        public var displayName: String
        public var role: String
        public var regionCode: String?
        public var regionName: String?
        public var governmentName: String?
        public var departmentName: String

        public init(username: String, displayName: String, role: String, regionCode: String?, regionName: String?,
                    governmentName: String?, departmentName: String) {
            self.username = username
            self.displayName = displayName
            self.role = role
            self.regionCode = regionCode
            self.regionName = regionName
            self.governmentName = governmentName
            self.departmentName = departmentName
        }
    }

    public struct Created: Sendable {
        public let username: String
        public let initialPassword: String
    }

    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(_ input: Input) async throws -> Created {
        let username = input.username.lowercased()
        guard LoginIdentifier.isValidUsername(username) else {
            throw Refusal(description: "--username: 3-32 letters, digits, . _ -, starting with a letter")
        }
        guard let role = Role(rawValue: input.role.replacingOccurrences(of: "-", with: "_")),
              Role.administratorRoles.contains(role) else {
            throw Refusal(description: "--role: one of system-administrator, security-administrator, audit-administrator")
        }
        let name = input.displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw Refusal(description: "--name: the administrator's name is required") }
        let vault = app.zhengwu.vault
        let index = LoginIdentifier.staff(username, vault: vault)
        if try await Account.query(on: app.db).filter(\.$loginIndex == index).first() != nil {
            throw Refusal(description: "--username: \(username) is already taken")
        }
        let existingRegion = try await Region.query(on: app.db).sort(\.$id).first()
        if existingRegion == nil {
            guard let code = input.regionCode, code.count == 6, code.allSatisfy(\.isNumber) else {
                throw Refusal(description: "--region-code: an empty install needs the six-digit GB/T 2260 code of its region")
            }
            guard input.regionName?.isEmpty == false, input.governmentName?.isEmpty == false else {
                throw Refusal(description: "--region-name and --government-name are required on an empty install")
            }
        }
        let password = InitialPassword.make()
        let hash = try await PasswordHasher(app: app).hash(password)
        let now = app.zhengwu.clock.now()
        let audit = app.zhengwu.audit
        try await app.write { db in
            let regionCode: String
            if let existingRegion {
                regionCode = try existingRegion.requireID()
            } else {
                regionCode = input.regionCode!
                try await Region(code: regionCode, name: input.regionName!, parentCode: nil).create(on: db)
                try await SiteSetting(key: SiteSetting.governmentName, value: input.governmentName!).create(on: db)
            }
            let department: Department
            if let found = try await Department.query(on: db).filter(\.$name == input.departmentName).first() {
                department = found
            } else {
                department = Department(code: "ADMIN-\(regionCode)", name: input.departmentName, shortName: input.departmentName,
                                        regionCode: regionCode, kind: .office, phone: nil, address: nil, sortOrder: 999)
                try await department.create(on: db)
            }
            let account = Account(kind: .staff, loginIndex: index, username: username, displayName: name,
                                  passwordHash: hash, createdAt: now)
            account.departmentID = try department.requireID()
            account.mustChangePassword = true
            try await account.create(on: db)
            try await AccountRole(accountID: try account.requireID(), role: role).create(on: db)
            try await audit.append(on: db, actor: .system("command line"), action: "staff.created",
                                   subject: "account:\(try account.requireID())",
                                   detail: ["username": username, "role": role.rawValue])
        }
        return Created(username: username, initialPassword: password)
    }
}

extension BootstrapAdministrator {
    public static func hasStaff(_ app: Application) async throws -> Bool {
        try await Account.query(on: app.db).filter(\.$kind == .staff).count() > 0
    }
}
