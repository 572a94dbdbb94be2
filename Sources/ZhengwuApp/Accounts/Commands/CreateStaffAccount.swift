import Fluent
import Vapor
import ZhengwuCore

/// A system administrator opens a workbench account. Roles are granted afterwards by the
/// security administrator (三员分立), so this command never sets any.
struct CreateStaffAccount {
    struct Input: Sendable {
        var username: String
        var displayName: String
        var departmentID: String
    }

    enum Outcome {
        case created(Account, initialPassword: String)
        case invalid([FieldProblem])
        case forbidden
    }

    let app: Application

    func run(_ input: Input, by actor: Actor, audit auditActor: AuditActor) async throws -> Outcome {
        guard AccountPolicy.permits(actor, .createStaff) else { return .forbidden }
        var problems: [FieldProblem] = []
        let username = input.username.lowercased()
        if !LoginIdentifier.isValidUsername(username) { problems.append(("username", LocalizedMessage("staff.username.invalid"))) }
        let name = input.displayName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 50 { problems.append(("display_name", LocalizedMessage("staff.name.invalid"))) }
        let directory = StaffDirectory(actor: actor, database: app.db)
        let allowed = try await directory.departments()
        let department = allowed.first { $0.id?.uuidString == input.departmentID }
        if department == nil { problems.append(("department", LocalizedMessage("staff.department.invalid"))) }
        let index = LoginIdentifier.staff(username, vault: app.zhengwu.vault)
        if problems.isEmpty, try await Account.query(on: app.db).filter(\.$loginIndex == index).first() != nil {
            problems.append(("username", LocalizedMessage("staff.username.taken")))
        }
        guard problems.isEmpty, let department else { return .invalid(problems) }

        let initialPassword = InitialPassword.make()
        let hash = try await PasswordHasher(app: app).hash(initialPassword)
        let now = app.zhengwu.clock.now()
        let audit = app.zhengwu.audit
        let account = try await app.write { db in
            let account = Account(kind: .staff, loginIndex: index, username: username, displayName: name,
                                  passwordHash: hash, createdAt: now)
            account.departmentID = try department.requireID()
            account.mustChangePassword = true
            try await account.create(on: db)
            try await audit.append(on: db, actor: auditActor, action: "staff.created",
                                   subject: "account:\(try account.requireID())",
                                   detail: ["username": username, "department": department.code])
            return account
        }
        return .created(account, initialPassword: initialPassword)
    }
}

/// A readable one-time password for a new account, shown once to the administrator.
enum InitialPassword {
    private static let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let groups = (0..<3).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }
        return groups.joined(separator: "-") + "-7"
    }
}
