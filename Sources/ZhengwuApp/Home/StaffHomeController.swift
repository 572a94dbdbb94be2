import Fluent
import Vapor
import ZhengwuCore

/// 我的待办: the workbench home. Later issues fill the to-do list (cases, tickets, reviews);
/// today it shows who is signed in, their department and roles, and calendar warnings.
struct StaffHomeController {
    struct HomePage: Encodable {
        let name: String
        let department: String
        let roles: [String]
        let calendarWarning: String?
    }

    @Sendable func home(_ req: Request) async throws -> Response {
        let signedIn = try req.requireSignedIn()
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let missing = [today.year, today.year + 1].filter { !calendar.hasArrangement(forYear: $0) }
        let warning = missing.isEmpty ? nil
            : req.t("calendar.warning.unarranged", ["years": missing.map(String.init).joined(separator: ", ")])
        return try await req.renderPage("staff/home", titleKey: "staff.home.title", HomePage(
            name: signedIn.displayName, department: signedIn.departmentName ?? "",
            roles: signedIn.roles.sorted().map { req.t($0.messageKey) }, calendarWarning: warning))
    }
}
