import Vapor
import ZhengwuCore

/// The staff workbench's route table (政务内网). Everything past sign-in requires a complete
/// two-factor session; what each page shows is then decided by the domain's policy.
enum WorkbenchSite {
    static func responder(for app: Application) -> Responder {
        ListenerResponder(routes: routes(), middleware: Middlewares.stack(for: .workbench, app: app, extra: []))
    }

    /// The route table itself, also read by the test that keeps the workbench's OpenAPI document in step.
    static func routes() -> Routes {
        let routes = Routes()
        routes.defaultMaxBodySize = Listener.workbench.defaultMaxBodySize
        let signIn = StaffSignInController()
        Middlewares.registerSharedRoutes(on: routes)

        routes.get("signin", use: signIn.showSignIn)
        routes.post("signin", use: signIn.signIn)
        routes.get("signin", "second-factor", use: signIn.showSecondFactor)
        routes.post("signin", "second-factor", use: signIn.confirmSecondFactor)
        routes.post("signout", use: SignOutController().signOut)
        // Open like the portal's: the workbench listens only on the internal network, and the
        // document describes the interface, not its data.
        routes.get("api", "v1", "openapi.json", use: OpenAPIController(.workbench).serve)

        let staff = routes.grouped(RequireAccountMiddleware())
        staff.get(use: StaffHomeController().home)
        let password = PasswordController()
        staff.get("account", "password", use: password.show)
        staff.post("account", "password", use: password.change)
        staff.get("api", "v1", "me", use: StaffAPIController().me)

        let directory = StaffDirectoryController()
        staff.get("admin", "staff", use: directory.list)
        staff.get("admin", "staff", "new", use: directory.showNew)
        staff.post("admin", "staff", "new", use: directory.create)
        staff.get("admin", "staff", ":id", use: directory.show)
        staff.post("admin", "staff", ":id", "roles", use: directory.changeRoles)
        staff.post("admin", "staff", ":id", ":action", use: directory.support)

        staff.register(DepartmentsController(), at: "admin", "departments")
        staff.register(ServiceWindowsController(), at: "admin", "windows")

        let settings = SiteSettingsController()
        staff.get("admin", "settings", use: settings.show)
        staff.post("admin", "settings", use: settings.save)

        let calendar = CalendarAdminController()
        staff.get("admin", "calendar", use: calendar.show)
        staff.post("admin", "calendar", use: calendar.save)

        staff.get("audit", use: AuditBrowserController().list)

        let cases = StaffCasesController()
        staff.get("cases", use: cases.queue)
        staff.get("cases", ":id", use: cases.show)
        staff.post("cases", ":id", "decide", use: cases.decide)
        staff.post("cases", ":id", "visit", use: cases.recordVisit)
        staff.on(.POST, "cases", ":id", "materials", body: .collect(maxSize: ByteCount(value: UploadCheck.maxBytes + 256 * 1024)),
                 use: cases.addMaterial)
        staff.post("cases", ":id", "resubmit", use: cases.resubmit)
        staff.get("cases", ":id", "materials", ":material", use: cases.download)
        staff.get("cases", ":id", "notices", ":notice", use: cases.notice)
        let review = ReviewController()
        staff.post("cases", ":id", "review", use: review.work)
        staff.post("cases", ":id", "decision", use: review.decide)
        let todo = TodoController()
        staff.get("todo", use: todo.list)
        staff.post("todo", "sign-for", use: todo.signFor)
        staff.get("notices", use: StaffNoticesController().list)
        staff.post("cases", ":id", "supervision", use: SupervisionController().act)
        let board = SupervisionBoardController()
        staff.get("supervision", use: board.board)
        staff.get("supervision", "cases", use: board.cases)
        staff.get("supervision", "rules", use: board.showRules)
        staff.post("supervision", "rules", use: board.saveRules)
        let performance = PerformanceController()
        staff.get("supervision", "performance", use: performance.page)
        staff.get("supervision", "performance.csv", use: performance.csv)
        staff.get("supervision", "performance", "cases", use: performance.cases)
        let reports = ReportsController()
        staff.get("supervision", "reports", use: reports.list)
        staff.post("supervision", "reports", use: reports.make)
        staff.get("supervision", "reports", ":id", use: reports.show)
        staff.get("supervision", "reports", ":id", "csv", use: reports.csv)

        let tickets = StaffTicketsController()
        staff.get("tickets", use: tickets.queue)
        staff.get("tickets", "call", use: tickets.showCall)
        staff.post("tickets", "call", use: tickets.takeCall)
        let knowledge = KnowledgeController()
        staff.get("tickets", "knowledge", use: knowledge.list)
        staff.get("tickets", "knowledge", "new", use: knowledge.showNew)
        staff.post("tickets", "knowledge", "new", use: knowledge.save)
        staff.get("tickets", "knowledge", ":id", use: knowledge.show)
        staff.post("tickets", "knowledge", ":id", use: knowledge.save)
        staff.post("tickets", "knowledge", ":id", ":step", use: knowledge.review)
        let ticketReport = TicketReportController()
        staff.get("tickets", "report", use: ticketReport.page)
        staff.get("tickets", "report.csv", use: ticketReport.csv)
        let setup = HotlineSetupController()
        staff.get("tickets", "setup", use: setup.page)
        staff.post("tickets", "setup", "categories", use: setup.saveCategory)
        staff.post("tickets", "setup", "rules", use: setup.addRule)
        staff.post("tickets", "setup", "rules", ":id", "delete", use: setup.removeRule)
        staff.post("tickets", "setup", "settings", use: setup.saveSettings)
        staff.post("tickets", "setup", "keys", use: setup.issueKey)
        staff.post("tickets", "setup", "keys", ":id", "revoke", use: setup.revokeKey)
        staff.get("tickets", ":id", use: tickets.show)
        staff.post("tickets", ":id", "steps", ":step", use: tickets.step)
        staff.get("tickets", ":id", "photos", ":photo", use: tickets.photo)

        let ratings = StaffRatingsController()
        staff.get("ratings", use: ratings.list)
        staff.get("ratings", "window", use: ratings.showWindow)
        staff.post("ratings", "window", use: ratings.rateAtWindow)
        staff.get("ratings", ":id", use: ratings.show)
        staff.post("ratings", ":id", ":step", use: ratings.step)

        let walkIn = WalkInController()
        staff.get("walk-in", use: walkIn.choose)
        staff.get("walk-in", ":code", use: walkIn.show)
        staff.on(.POST, "walk-in", ":code", body: .collect(maxSize: ByteCount(value: Listener.walkInBodyLimit)), use: walkIn.record)

        let catalogue = CatalogueEditorController()
        staff.get("catalogue", use: catalogue.list)
        staff.get("catalogue", "new", use: catalogue.showNew)
        staff.post("catalogue", "new", use: catalogue.save)
        staff.get("catalogue", ":id", use: catalogue.show)
        staff.get("catalogue", ":id", "edit", use: catalogue.showEdit)
        staff.post("catalogue", ":id", "edit", use: catalogue.save)
        staff.post("catalogue", ":id", "availability", use: catalogue.changeAvailability)
        staff.post("catalogue", "revisions", ":revision", ":step", use: catalogue.review)

        let publications = PublicationEditorController()
        staff.get("disclosure", use: publications.list)
        staff.get("disclosure", "new", use: publications.showNew)
        staff.on(.POST, "disclosure", "new", body: .collect(maxSize: "4mb"), use: publications.save)
        let requests = StaffRequestsController()
        staff.get("disclosure", "requests", use: requests.list)
        staff.get("disclosure", "requests", "new", use: requests.showNew)
        staff.post("disclosure", "requests", "new", use: requests.create)
        staff.get("disclosure", "requests", ":id", use: requests.show)
        staff.post("disclosure", "requests", ":id", "steps", ":step", use: requests.step)
        staff.get("disclosure", "requests", ":id", "letters", ":letter", use: requests.letter)
        staff.on(.POST, "disclosure", "requests", ":id", "documents",
                 body: .collect(maxSize: ByteCount(value: AttachmentCheck.maxBytes + 256 * 1024)), use: requests.addDocument)
        staff.post("disclosure", "requests", ":id", "documents", ":document", "delete", use: requests.removeDocument)
        staff.get("disclosure", "requests", ":id", "documents", ":document", use: requests.download)
        let bannedTerms = BannedTermsController()
        staff.get("disclosure", "banned-terms", use: bannedTerms.list)
        staff.post("disclosure", "banned-terms", use: bannedTerms.add)
        staff.post("disclosure", "banned-terms", ":id", "delete", use: bannedTerms.remove)
        let annualReport = AnnualReportController()
        staff.get("disclosure", "report", use: annualReport.page)
        staff.get("disclosure", "report.csv", use: annualReport.csv)
        staff.get("disclosure", "report.json", use: annualReport.json)
        staff.post("disclosure", "report", "figures", use: annualReport.saveFigures)
        staff.get("disclosure", ":id", use: publications.show)
        staff.get("disclosure", ":id", "edit", use: publications.showEdit)
        staff.on(.POST, "disclosure", ":id", "edit", body: .collect(maxSize: "4mb"), use: publications.save)
        staff.post("disclosure", ":id", "status", use: publications.changeStatus)
        staff.post("disclosure", "editions", ":edition", ":step", use: publications.review)
        staff.on(.POST, "disclosure", "editions", ":edition", "attachments",
                 body: .collect(maxSize: ByteCount(value: AttachmentCheck.maxBytes + 256 * 1024)), use: publications.attach)
        staff.post("disclosure", "editions", ":edition", "attachments", ":attachment", "delete", use: publications.detach)
        staff.get("disclosure", "attachments", ":attachment", use: publications.download)

        return routes
    }
}
