import Fluent
import Vapor
import ZhengwuCore

/// Staff sign-in on the workbench: user name and password, then a TOTP code (等保: two factors).
/// At the first sign-in, or after an administrator's reset, the second step enrols the app.
struct StaffSignInController {
    struct SignInPage: Encodable {
        let form: FormState
        let next: String
    }

    struct SecondFactorPage: Encodable {
        let form: FormState
        let enrolling: Bool
        let qrSVG: String?
        let secretGroups: String?
        let uri: String?
    }

    @Sendable func showSignIn(_ req: Request) async throws -> Response {
        try await req.renderPage("staff/signin", titleKey: "staff.signin.title",
                                 SignInPage(form: FormState(), next: SafeRedirect.target(req.query["next"])))
    }

    @Sendable func signIn(_ req: Request) async throws -> Response {
        var (form, raw) = FormState.reading(req, fields: ["username", "next"], secrets: ["password"])
        let username = (raw["username"] ?? "").lowercased()
        try await RateLimiter.hit("staff-signin:\(req.clientNetwork)", RateLimits.signInPerAddress, on: req)
        if username.isEmpty { form.add("username", req.t("staff.signin.username.required")) }
        if (raw["password"] ?? "").isEmpty { form.add("password", req.t("signin.password.required")) }
        if form.isValid {
            let index = LoginIdentifier.staff(username, vault: req.zhengwu.vault)
            // Limited per name typed, whether or not it exists, so the limit reveals nothing.
            try await RateLimiter.hit("signin-login:\(index)", RateLimits.signInPerAccount, on: req)
            let account = try await Account.query(on: req.db).filter(\.$loginIndex == index).filter(\.$kind == .staff).first()
            switch try await PasswordSignIn(app: req.application).run(account: account, password: raw["password"] ?? "",
                                                                      completesSignIn: false, actor: req.auditActor) {
            case .accepted(let account):
                let token = try await Sessions.begin(for: account, stage: .awaitingSecondFactor,
                                                     action: "auth.password.accepted", on: req)
                let response = req.redirect(to: "/signin/second-factor?next=\(SafeRedirect.encode(SafeRedirect.target(raw["next"])))")
                Sessions.setCookie(token, on: response, for: req)
                return response
            case .rejected:
                form.add("username", req.t("staff.signin.rejected"))
            case .locked(let until):
                form.add("username", req.lockedMessage(until: until))
            }
        }
        return try await req.renderPage("staff/signin", titleKey: "staff.signin.title",
                                        SignInPage(form: form, next: SafeRedirect.target(raw["next"])), status: .unprocessableEntity)
    }

    /// The session and account of someone who has passed the password step only.
    private func pending(_ req: Request) async throws -> (AccountSession, Account)? {
        guard let signedIn = req.signedIn, signedIn.stage == .awaitingSecondFactor,
              let session = try await AccountSession.find(signedIn.sessionID, on: req.db),
              let account = try await Account.find(signedIn.accountID, on: req.db) else { return nil }
        return (session, account)
    }

    @Sendable func showSecondFactor(_ req: Request) async throws -> Response {
        guard let (session, account) = try await pending(req) else { return req.redirect(to: "/signin") }
        return try await renderSecondFactor(req, session: session, account: account, form: FormState(), status: .ok)
    }

    private func renderSecondFactor(_ req: Request, session: AccountSession, account: Account, form: FormState,
                                    status: HTTPResponseStatus) async throws -> Response {
        var form = form
        form.values["next"] = SafeRedirect.target(req.query["next"] ?? form.values["next"])
        guard account.totpSecretSealed == nil else {
            return try await req.renderPage("staff/second-factor", titleKey: "staff.totp.title",
                                            SecondFactorPage(form: form, enrolling: false, qrSVG: nil, secretGroups: nil, uri: nil),
                                            status: status)
        }
        // Enrolment: keep offering the same secret across reloads until a code confirms it.
        let vault = req.zhengwu.vault
        let secretText: String
        if let sealed = session.pendingTOTPSealed {
            secretText = try vault.open(sealed)
        } else {
            secretText = Base32.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0.prefix(20)) })
            session.pendingTOTPSealed = vault.seal(secretText)
            try await req.application.write { try await session.update(on: $0) }
        }
        let generator = TOTPGenerator(secret: Base32.decode(secretText) ?? [])
        let issuer = try await SiteSettings.governmentName(on: req.db, request: req)
        let uri = generator.provisioningURI(issuer: issuer, account: account.username ?? account.displayName)
        let svg = try QRCode(text: uri, errorCorrection: .medium).svg(moduleSize: 5, quietZone: 4, title: req.t("staff.totp.qr_title"))
        let groups = stride(from: 0, to: secretText.count, by: 4).map { start -> String in
            let from = secretText.index(secretText.startIndex, offsetBy: start)
            return String(secretText[from..<(secretText.index(from, offsetBy: 4, limitedBy: secretText.endIndex) ?? secretText.endIndex)])
        }.joined(separator: " ")
        return try await req.renderPage("staff/second-factor", titleKey: "staff.totp.enrol_title",
                                        SecondFactorPage(form: form, enrolling: true, qrSVG: svg, secretGroups: groups, uri: uri),
                                        status: status)
    }

    @Sendable func confirmSecondFactor(_ req: Request) async throws -> Response {
        guard let (session, account) = try await pending(req) else { return req.redirect(to: "/signin") }
        try await RateLimiter.hit("second-factor:\(req.clientNetwork)", RateLimits.signInPerAddress, on: req)
        try await RateLimiter.hit("second-factor-account:\(try account.requireID())", RateLimits.signInPerAccount, on: req)
        var (form, raw) = FormState.reading(req, fields: ["next"], secrets: ["code"])
        let actor = try AuditActor.account(account, from: req)
        switch try await ConfirmSecondFactor(app: req.application).run(account: account, session: session, code: raw["code"] ?? "", actor: actor) {
        case .confirmed:
            // A fresh token for the full session: the half-signed-in one is discarded.
            let token = try await Sessions.begin(for: account, stage: .complete, action: "auth.signin.success",
                                                 detail: ["listener": "workbench", "second_factor": "totp"],
                                                 replacing: try session.requireID(), on: req)
            let response = req.redirect(to: SafeRedirect.target(raw["next"]))
            Sessions.setCookie(token, on: response, for: req)
            return response
        case .wrongCode:
            form.add("code", req.t("staff.totp.wrong"))
        case .locked(let until):
            try await req.application.write { try await Sessions.end(try session.requireID(), on: $0) }
            // The page below must not carry a CSRF token bound to the session just ended.
            req.signedIn = nil
            form.add("code", req.lockedMessage(until: until))
            let response = try await req.renderPage("staff/signin", titleKey: "staff.signin.title",
                                                    SignInPage(form: form, next: "/"), status: .unprocessableEntity)
            Sessions.clearCookie(on: response, for: req)
            return response
        }
        return try await renderSecondFactor(req, session: session, account: account, form: form, status: .unprocessableEntity)
    }
}
