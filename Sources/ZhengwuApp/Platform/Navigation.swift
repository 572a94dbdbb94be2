import Vapor
import ZhengwuCore

/// The navigation of each face; staff entries appear only for the roles that can use them.
enum Navigation {
    static func links(for request: Request, path: String) -> [LayoutContext.Link] {
        let all = entries(for: request)
        // The entry whose address matches most of the path is the current one (only one is).
        let current = all.filter { $0.href == "/" ? path == "/" : path == $0.href || path.hasPrefix($0.href + "/") || path.hasPrefix($0.href + ".") }
            .max { $0.href.count < $1.href.count }?.href
        return all.map { LayoutContext.Link(label: $0.label, href: $0.href, current: $0.href == current) }
    }

    private static func entries(for request: Request) -> [(label: String, href: String)] {
        func link(_ key: String, _ href: String) -> (label: String, href: String) { (request.t(key), href) }
        switch request.listener {
        case .portal:
            return [link("nav.home", "/"), link("nav.services", "/services"), link("nav.track", "/track"),
                    link("nav.results", "/results"), link("nav.open", "/open"), link("nav.hotline", "/12345"), link("nav.statistics", "/statistics"), link("nav.verify", "/certificates/verify"),
                    link("nav.deadline", "/tools/deadline"), link("nav.accessibility", "/accessibility")]
        case .workbench:
            guard let actor = request.signedIn?.completeActor else { return [] }
            var links = [link("nav.todo", "/")]
            if actor.hasAny([.departmentHandler, .departmentHead]) {
                links.append(link("nav.my_todo", "/todo"))
                links.append(link("nav.staff_notices", "/notices"))
            }
            if CasePolicy.scope(for: actor) != .nothing { links.append(link("nav.cases", "/cases")) }
            if SupervisionPolicy.permits(actor, .watch) {
                links.append(link("nav.supervision", "/supervision"))
                links.append(link("nav.performance", "/supervision/performance"))
            }
            if TicketScope.seesTickets(actor) { links.append(link("nav.tickets", "/tickets")) }
            if RatingPolicy.departmentScope(actor) != nil { links.append(link("nav.ratings", "/ratings")) }
            if actor.has(.windowClerk) {
                links.append(link("nav.walk_in", "/walk-in"))
                links.append(link("nav.rating_window", "/ratings/window"))
            }
            if CataloguePolicy.mayCreateItems(actor) { links.append(link("nav.catalogue", "/catalogue")) }
            if DisclosurePolicy.worksOnDisclosure(actor) { links.append(link("nav.publications", "/disclosure")) }
            // Organ staff and publishers see their reports; supervisors the whole government's.
            if DisclosurePolicy.worksOnDisclosure(actor) || DisclosurePolicy.mayReport(actor, organ: nil) {
                links.append(link("nav.annual_report", "/disclosure/report"))
            }
            if RequestScope.seesRequests(actor) { links.append(link("nav.information_requests", "/disclosure/requests")) }
            if DisclosurePolicy.managesBannedTerms(actor) && !DisclosurePolicy.worksOnDisclosure(actor) {
                links.append(link("nav.banned_terms", "/disclosure/banned-terms"))
            }
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
