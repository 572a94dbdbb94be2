import Fluent
import Vapor
import ZhengwuCore

/// 修改密码: the account holder replaces their password, proving the current one. Every other
/// session of the account ends, so a password changed after a leak shuts out whoever had it.
struct ChangePassword {
    struct Input: Sendable {
        var current: String
        var new: String
        var confirmation: String
    }

    enum Outcome {
        case changed
        case invalid([FieldProblem])
    }

    let app: Application

    func run(_ input: Input, account: Account, login: String, keepingSession sessionID: String,
             actor: AuditActor) async throws -> Outcome {
        let hasher = PasswordHasher(app: app)
        var problems: [FieldProblem] = []
        if try await !hasher.verify(input.current, against: account.passwordHash) {
            problems.append(("current_password", LocalizedMessage("password.current_wrong")))
        }
        for problem in PasswordPolicy.problems(password: input.new, confirmation: input.confirmation, login: login) {
            problems.append((problem == .mismatch ? "password_confirmation" : "password", problem.message))
        }
        if input.new == input.current, !input.new.isEmpty {
            problems.append(("password", LocalizedMessage("password.unchanged")))
        }
        guard problems.isEmpty else { return .invalid(problems) }

        account.passwordHash = try await hasher.hash(input.new)
        account.mustChangePassword = false
        let accountID = try account.requireID()
        let audit = app.zhengwu.audit
        try await app.write { db in
            try await account.update(on: db)
            try await AccountSession.query(on: db).filter(\.$accountID == accountID).filter(\.$id != sessionID).delete()
            try await audit.append(on: db, actor: actor, action: "account.password_changed", subject: "account:\(accountID)")
        }
        return .changed
    }
}
