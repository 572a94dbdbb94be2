import Vapor
import ZhengwuCore

/// The navigation of each face; staff entries appear only for the roles that can use them.
enum Navigation {
    static func links(for request: Request, path: String) -> [LayoutContext.Link] {
        func link(_ key: String, _ href: String) -> LayoutContext.Link {
            let current = href == "/" ? path == "/" : path.hasPrefix(href)
            return LayoutContext.Link(label: request.t(key), href: href, current: current)
        }
        switch request.listener {
        case .portal:
            return [link("nav.home", "/"), link("nav.services", "/services"), link("nav.track", "/track"),
                    link("nav.results", "/results"), link("nav.verify", "/certificates/verify"),
                    link("nav.deadline", "/tools/deadline"), link("nav.accessibility", "/accessibility")]
        case .workbench:
            guard let actor = request.signedIn?.completeActor else { return [] }
            var links = [link("nav.todo", "/")]
            if actor.hasAny([.departmentHandler, .departmentHead]) {
                links.append(link("nav.my_todo", "/todo"))
                links.append(link("nav.staff_notices", "/notices"))
            }
            if CasePolicy.scope(for: actor) != .nothing { links.append(link("nav.cases", "/cases")) }
            if SupervisionPolicy.permits(actor, .watch) { links.append(link("nav.supervision", "/supervision")) }
            if actor.has(.windowClerk) { links.append(link("nav.walk_in", "/walk-in")) }
            if CataloguePolicy.mayCreateItems(actor) { links.append(link("nav.catalogue", "/catalogue")) }
            if AccountPolicy.permits(actor, .viewStaffDirectory) { links.append(link("nav.staff", "/admin/staff")) }
            if AccountPolicy.permits(actor, .manageDepartments) {
                links.append(link("nav.departments", "/admin/departments"))
                links.append(link("nav.settings", "/admin/settings"))
            }
            if AccountPolicy.permits(actor, .editCalendar) { links.append(link("nav.calendar", "/admin/calendar")) }
            if AccountPolicy.permits(actor, .viewAuditTrail) { links.append(link("nav.audit", "/audit")) }
            return links
        }
    }
}
