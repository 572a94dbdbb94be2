import Vapor

/// The public portal's route table (政务外网). Only what citizens and firms use is here;
/// staff pages are registered in WorkbenchSite and so do not exist on this listener.
enum PortalSite {
    static func responder(for app: Application) -> Responder {
        let routes = Routes()
        routes.defaultMaxBodySize = Listener.portal.defaultMaxBodySize
        let home = PortalHomeController()
        let accounts = PortalAccountController()
        Middlewares.registerSharedRoutes(on: routes)

        routes.get(use: home.home)
        routes.get("accessibility", use: home.accessibility)
        routes.get("tools", "deadline", use: DeadlineCalculatorController().show)

        routes.get("register", use: accounts.showRegister)
        routes.post("register", use: accounts.register)
        routes.get("signin", use: accounts.showSignIn)
        routes.post("signin", use: accounts.signIn)
        routes.post("signout", use: SignOutController().signOut)

        let signedIn = routes.grouped(RequireAccountMiddleware())
        signedIn.get("account", use: accounts.account)
        let password = PasswordController()
        signedIn.get("account", "password", use: password.show)
        signedIn.post("account", "password", use: password.change)

        return ListenerResponder(routes: routes, middleware: Middlewares.stack(for: .portal, app: app, extra: [
            PublicSubmissionLimitMiddleware(),
        ]))
    }
}

/// What every listener shares: its middleware, outermost first, and a few routes.
enum Middlewares {
    static func registerSharedRoutes(on routes: Routes) {
        let preferences = PreferencesController()
        let health = HealthController()
        routes.get("healthz", use: health.live)
        routes.get("readyz", use: health.ready)
        routes.get("preferences", "language", use: preferences.language)
        routes.get("preferences", "elder", use: preferences.elder)
    }

    static func stack(for listener: Listener, app: Application, extra: [Middleware]) -> [Middleware] {
        [
            ListenerTagMiddleware(listener: listener),
            SecurityHeadersMiddleware(secureTransport: app.zhengwu.config.secureCookies),
            RequestContextMiddleware(),
            ErrorPageMiddleware(),
            FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil),
            BodyLimitMiddleware(),
            SessionMiddleware(),
            CSRFMiddleware(),
        ] + extra
    }
}
