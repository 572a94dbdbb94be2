import Fluent
import Vapor
import ZhengwuCore

/// Registration, sign-in, sign-out and "my account" on the public portal.
struct PortalAccountController {
    static let registerFields = ["kind", "name", "id_number", "credit_code", "phone", "consent"]

    struct RegisterPage: Encodable { let form: FormState }
    struct SignInPage: Encodable {
        let form: FormState
        let next: String
        let notice: String?
    }

    @Sendable func showRegister(_ req: Request) async throws -> Response {
        var form = FormState()
        form.values["kind"] = "citizen"
        return try await req.renderPage("portal/register", titleKey: "register.title", RegisterPage(form: form))
    }

    @Sendable func register(_ req: Request) async throws -> Response {
        try await RateLimiter.hit("register:\(req.clientNetwork)", RateLimits.registrationPerAddress, on: req)
        var (form, raw) = FormState.reading(req, fields: Self.registerFields, secrets: ["password", "password_confirmation"])
        let input = RegisterPortalAccount.Input(
            kind: raw["kind"] ?? "", name: raw["name"] ?? "", idNumber: raw["id_number"] ?? "",
            creditCode: raw["credit_code"] ?? "", phone: raw["phone"] ?? "", password: raw["password"] ?? "",
            passwordConfirmation: raw["password_confirmation"] ?? "", consented: !(raw["consent"] ?? "").isEmpty)
        switch try await RegisterPortalAccount(app: req.application).run(input, actor: req.auditActor) {
        case .invalid(let problems):
            for problem in problems { form.add(problem.field, problem.message, on: req) }
            return try await req.renderPage("portal/register", titleKey: "register.title", RegisterPage(form: form),
                                            status: .unprocessableEntity)
        case .registered:
            return req.redirect(to: "/signin?registered=1")
        }
    }

    @Sendable func showSignIn(_ req: Request) async throws -> Response {
        let notice = req.query[String.self, at: "registered"] == "1" ? req.t("register.done") : nil
        return try await req.renderPage("portal/signin", titleKey: "signin.title",
                                        SignInPage(form: FormState(), next: SafeRedirect.target(req.query["next"]), notice: notice))
    }

    @Sendable func signIn(_ req: Request) async throws -> Response {
        var (form, raw) = FormState.reading(req, fields: ["login", "next"], secrets: ["password"])
        let login = raw["login"] ?? ""
        let next = SafeRedirect.target(raw["next"])
        try await RateLimiter.hit("signin:\(req.clientNetwork)", RateLimits.signInPerAddress, on: req)
        if login.isEmpty { form.add("login", req.t("signin.login.required")) }
        if (raw["password"] ?? "").isEmpty { form.add("password", req.t("signin.password.required")) }
        if form.isValid {
            // Limited per name typed, whether or not it exists, so the limit reveals nothing.
            try await RateLimiter.hit("signin-login:\(LoginIdentifier.portal(Self.normalize(login), vault: req.zhengwu.vault))",
                                      RateLimits.signInPerAccount, on: req)
            let account = try await Self.findPortalAccount(login: login, on: req)
            switch try await PasswordSignIn(app: req.application).run(account: account, password: raw["password"] ?? "",
                                                                      completesSignIn: true, actor: req.auditActor) {
            case .accepted(let account):
                let token = try await Sessions.begin(for: account, stage: .complete, action: "auth.signin.success",
                                                     detail: ["listener": "portal"], on: req)
                // With nowhere particular to go back to, the account page is the useful place.
                let response = req.redirect(to: ["/", "/signin"].contains(next) ? "/account" : next)
                Sessions.setCookie(token, on: response, for: req)
                return response
            case .rejected:
                form.add("login", req.t("signin.rejected"))
            case .locked(let until):
                form.add("login", req.lockedMessage(until: until))
            }
        }
        return try await req.renderPage("portal/signin", titleKey: "signin.title",
                                        SignInPage(form: form, next: next, notice: nil), status: .unprocessableEntity)
    }

    static func normalize(_ login: String) -> String { login.uppercased().filter { !$0.isWhitespace } }

    /// Citizens sign in with their phone or ID number, firms with their credit code.
    static func findPortalAccount(login: String, on req: Request) async throws -> Account? {
        let vault = req.zhengwu.vault
        let normalized = normalize(login)
        let candidates = [LoginIdentifier.portal(normalized, vault: vault)]
        if let account = try await Account.query(on: req.db).filter(\.$loginIndex ~~ candidates)
            .filter(\.$kind != .staff).first() {
            return account
        }
        return try await Account.query(on: req.db)
            .filter(\.$idNumberIndex == LoginIdentifier.idNumber(normalized, vault: vault)).first()
    }

    struct AccountPage: Encodable {
        let name: String
        let kind: String
        let phone: String
        let idNumber: String?
        let creditCode: String?
        let since: String
    }

    @Sendable func account(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        guard let account = try await Account.find(signedIn.accountID, on: req.db) else { throw AppError.notFound }
        let page = AccountPage(
            name: account.displayName, kind: req.t("account.kind.\(account.kind.rawValue)"),
            phone: account.phoneMasked ?? "", idNumber: account.idNumberMasked, creditCode: account.creditCode,
            since: LocalDate(account.createdAt, in: WorkingCalendar.default.timeZone).iso)
        return try await req.renderPage("portal/account", titleKey: "account.title", page)
    }
}
