import Vapor
import ZhengwuCore

/// The staff workbench's route table (政务内网). Everything past sign-in requires a complete
/// two-factor session; what each page shows is then decided by the domain's policy.
enum WorkbenchSite {
    static func responder(for app: Application) -> Responder {
        let routes = Routes()
        routes.defaultMaxBodySize = Listener.workbench.defaultMaxBodySize
        let signIn = StaffSignInController()
        Middlewares.registerSharedRoutes(on: routes)

        routes.get("signin", use: signIn.showSignIn)
        routes.post("signin", use: signIn.signIn)
        routes.get("signin", "second-factor", use: signIn.showSecondFactor)
        routes.post("signin", "second-factor", use: signIn.confirmSecondFactor)
        routes.post("signout", use: SignOutController().signOut)

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
        let bannedTerms = BannedTermsController()
        staff.get("disclosure", "banned-terms", use: bannedTerms.list)
        staff.post("disclosure", "banned-terms", use: bannedTerms.add)
        staff.post("disclosure", "banned-terms", ":id", "delete", use: bannedTerms.remove)
        staff.get("disclosure", ":id", use: publications.show)
        staff.get("disclosure", ":id", "edit", use: publications.showEdit)
        staff.on(.POST, "disclosure", ":id", "edit", body: .collect(maxSize: "4mb"), use: publications.save)
        staff.post("disclosure", ":id", "status", use: publications.changeStatus)
        staff.post("disclosure", "editions", ":edition", ":step", use: publications.review)
        staff.on(.POST, "disclosure", "editions", ":edition", "attachments",
                 body: .collect(maxSize: ByteCount(value: AttachmentCheck.maxBytes + 256 * 1024)), use: publications.attach)
        staff.post("disclosure", "editions", ":edition", "attachments", ":attachment", "delete", use: publications.detach)
        staff.get("disclosure", "attachments", ":attachment", use: publications.download)

        return ListenerResponder(routes: routes, middleware: Middlewares.stack(for: .workbench, app: app, extra: []))
    }
}
