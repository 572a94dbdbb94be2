import Vapor

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

        return ListenerResponder(routes: routes, middleware: Middlewares.stack(for: .workbench, app: app, extra: []))
    }
}
