import Vapor
import ZhengwuCore

/// `POST /api/v1/sessions`: a citizen or firm signs in from an app and receives a bearer token
/// for the API. Same checks and limits as the sign-in page; the token is a portal session.
struct APISessionsController {
    struct Credentials: Content {
        let login: String
        let password: String
    }

    struct Issued: Content {
        let token: String
        let expiresAt: Date
    }

    func create(_ req: Request) async throws -> Response {
        try await RateLimiter.hit("signin:\(req.clientNetwork)", RateLimits.signInPerAddress, on: req)
        guard let credentials = try? req.content.decode(Credentials.self), !credentials.login.isEmpty else {
            throw AppError.badRequest(LocalizedMessage("api.body_invalid"))
        }
        let normalized = PortalAccountController.normalize(credentials.login)
        try await RateLimiter.hit("signin-login:\(LoginIdentifier.portal(normalized, vault: req.zhengwu.vault))",
                                  RateLimits.signInPerAccount, on: req)
        let account = try await PortalAccountController.findPortalAccount(login: credentials.login, on: req)
        switch try await PasswordSignIn(app: req.application).run(account: account, password: credentials.password,
                                                                  completesSignIn: true, actor: req.auditActor) {
        case .accepted(let account):
            let token = try await Sessions.begin(for: account, stage: .complete, action: "auth.signin.success",
                                                 detail: ["listener": "portal", "via": "api"], on: req)
            return try await Issued(token: token, expiresAt: req.now.addingTimeInterval(req.listener.absoluteTimeout))
                .encodeResponse(status: .created, for: req)
        case .rejected:
            // The same answer whether the login exists or the password is wrong.
            let response = Response(status: .unauthorized)
            try response.content.encode(APIErrorBody(error: .init(status: 401, message: req.t("signin.rejected"))))
            return response
        case .locked(let until):
            throw AppError.badRequest(LocalizedMessage("signin.locked", ["minutes": String(max(1, Int(until.timeIntervalSince(req.now) / 60) + 1))]))
        }
    }
}
