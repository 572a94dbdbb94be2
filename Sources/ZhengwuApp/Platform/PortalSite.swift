import Vapor
import ZhengwuCore

/// The public portal's route table (政务外网). Only what citizens and firms use is here;
/// staff pages are registered in WorkbenchSite and so do not exist on this listener.
enum PortalSite {
    static func responder(for app: Application) -> Responder {
        ListenerResponder(routes: routes(), middleware: Middlewares.stack(for: .portal, app: app, extra: [
            PublicSubmissionLimitMiddleware(),
        ]))
    }

    /// The route table itself, also read by the tests that keep the OpenAPI documents in step.
    static func routes() -> Routes {
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

        let catalogue = ServiceCatalogueController()
        routes.get("services", use: catalogue.list)
        routes.get("services", ":code", use: catalogue.guide)
        routes.get("services", ":code", "print", use: catalogue.printable)
        routes.get("services", ":code", "form", use: catalogue.form)
        let open = OpenGovernmentController()
        let publications = PublicationPagesController()
        let feeds = OpenFeedsController()
        routes.get("open", use: open.home)
        routes.get("open", "guide", use: open.guide)
        routes.get("open", "catalogue", use: open.list)
        routes.get("open", "search", use: open.list)
        routes.get("open", "feed.atom", use: feeds.feed)
        routes.get("sitemap.xml", use: feeds.sitemap)
        routes.get("open", ":organ", ":number", use: publications.show)
        routes.get("open", ":organ", ":number", "editions", ":edition", use: publications.edition)
        routes.get("open", ":organ", ":number", "attachments", ":attachment", use: publications.attachment)
        let track = TrackController()
        routes.get("track", use: track.show)
        let certificates = CertificatesController()
        routes.get("certificates", "verify", use: certificates.verify)
        routes.get("results", use: certificates.results)
        routes.get("statistics", use: ReportsController().publicStatistics)
        routes.post("track", use: track.lookUp)
        let hotline = PortalTicketsController()
        routes.get("12345", use: hotline.home)
        routes.get("12345", "new", use: hotline.showForm)
        routes.get("12345", "mailbox", use: hotline.showForm)
        routes.on(.POST, "12345", "new", body: .collect(maxSize: ByteCount(value: Listener.ticketBodyLimit)),
                  use: hotline.submit)
        routes.get("12345", "received", ":number", use: hotline.received)
        routes.post("12345", "track", use: hotline.track)
        routes.post("12345", "rate", use: hotline.rate)
        routes.get("12345", "replies", use: hotline.replies)
        routes.get("12345", "faq", use: hotline.faq)
        let ratings = PortalRatingsController()
        routes.get("12345", "satisfaction", use: ratings.satisfaction)
        let open311 = Open311Controller()
        routes.get("open311", "v2", "openapi.json", use: OpenAPIController(.open311).serve)
        routes.get("open311", "v2", ":document", use: open311.document)
        routes.post("open311", "v2", ":document", use: open311.document)
        routes.get("open311", "v2", ":document", ":member", use: open311.member)

        let api = routes.grouped("api", "v1")
        let servicesAPI = ServicesAPIController()
        api.get("services", use: servicesAPI.list)
        api.get("services", ":code", use: servicesAPI.show)
        api.get("openapi.json", use: OpenAPIController(.portal).serve)
        api.post("sessions", use: APISessionsController().create)

        let signedIn = routes.grouped(RequireAccountMiddleware())
        signedIn.get("account", use: accounts.account)
        let applications = PortalApplicationsController()
        signedIn.get("services", ":code", "apply", use: applications.start)
        signedIn.post("services", ":code", "apply", use: applications.create)
        signedIn.get("account", "applications", use: applications.list)
        signedIn.get("account", "messages", use: MessagesController().list)
        signedIn.get("applications", ":id", "rate", use: ratings.show)
        signedIn.post("applications", ":id", "rate", use: ratings.rate)
        signedIn.get("account", "tickets", use: hotline.mine)
        signedIn.get("account", "tickets", ":number", use: hotline.showMine)
        let requests = PortalRequestsController()
        signedIn.get("open", "requests", "new", use: requests.showNew)
        signedIn.post("open", "requests", "new", use: requests.create)
        signedIn.get("account", "requests", use: requests.list)
        signedIn.get("account", "requests", ":number", use: requests.show)
        signedIn.post("account", "requests", ":number", "correction", use: requests.correct)
        signedIn.get("account", "requests", ":number", "letters", ":letter", use: requests.letter)
        signedIn.get("account", "requests", ":number", "documents", ":document", use: requests.download)
        let held = HeldCertificatesController()
        signedIn.get("account", "certificates", use: held.list)
        signedIn.get("account", "certificates", ":number", use: held.show)
        signedIn.get("applications", ":id", use: applications.show)
        signedIn.post("applications", ":id", "form", use: applications.saveForm)
        signedIn.on(.POST, "applications", ":id", "materials", body: .collect(maxSize: ByteCount(value: UploadCheck.maxBytes + 256 * 1024)),
                    use: applications.addMaterial)
        signedIn.post("applications", ":id", "materials", ":material", "delete", use: applications.removeMaterial)
        signedIn.get("applications", ":id", "materials", ":material", use: applications.download)
        signedIn.post("applications", ":id", "submit", use: applications.submit)
        signedIn.post("applications", ":id", "withdraw", use: applications.withdraw)
        signedIn.post("applications", ":id", "supplied", use: applications.supplied)
        signedIn.get("applications", ":id", "receipt", use: applications.receipt)
        signedIn.get("applications", ":id", "notices", ":notice", use: applications.notice)
        let applicationsAPI = ApplicationsAPIController()
        signedIn.on(.POST, "api", "v1", "applications", body: .collect(maxSize: "64mb"), use: applicationsAPI.create)
        signedIn.get("api", "v1", "applications", ":receipt", use: applicationsAPI.show)
        let password = PasswordController()
        signedIn.get("account", "password", use: password.show)
        signedIn.post("account", "password", use: password.change)

        return routes
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
            NulCharacterMiddleware(),
            FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil),
            BodyLimitMiddleware(),
            SessionMiddleware(),
            CSRFMiddleware(),
        ] + extra
    }
}
