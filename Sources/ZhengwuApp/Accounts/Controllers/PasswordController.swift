import Fluent
import Vapor
import ZhengwuCore

/// The change-password page, on both faces. Staff opened with a one-time password are sent
/// here before anything else (see RequireAccountMiddleware).
struct PasswordController {
    static let path = "/account/password"

    struct PageBody: Encodable {
        let form: FormState
        let required: Bool
        let done: Bool
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        return try await req.renderPage("account-password", titleKey: "password.title", PageBody(
            form: FormState(), required: signedIn.mustChangePassword, done: req.query[String.self, at: "done"] == "1"))
    }

    @Sendable func change(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        guard let account = try await Account.find(signedIn.accountID, on: req.db) else { throw AppError.notFound }
        // The current password is a secret: guessing it from an unattended session is limited
        // like signing in.
        try await RateLimiter.hit("password-change:\(signedIn.accountID)", RateLimits.signInPerAccount, on: req)
        var (form, raw) = FormState.reading(req, fields: [], secrets: ["current_password", "password", "password_confirmation"])
        let input = ChangePassword.Input(current: raw["current_password"] ?? "", new: raw["password"] ?? "",
                                         confirmation: raw["password_confirmation"] ?? "")
        let phone = account.phoneSealed.flatMap { try? req.zhengwu.vault.open($0) }
        let login = account.username ?? account.creditCode ?? phone ?? ""
        switch try await ChangePassword(app: req.application).run(input, account: account, login: login,
                                                                  keepingSession: signedIn.sessionID, actor: req.auditActor) {
        case .changed:
            return req.redirect(to: "\(Self.path)?done=1")
        case .invalid(let problems):
            for problem in problems { form.add(problem.field, problem.message, on: req) }
            return try await req.renderPage("account-password", titleKey: "password.title",
                                            PageBody(form: form, required: signedIn.mustChangePassword, done: false),
                                            status: .unprocessableEntity)
        }
    }
}
