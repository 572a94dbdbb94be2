import Fluent
import Vapor
import ZhengwuCore

/// 办事指南: the public catalogue (browse by department, life event and applicant kind; search),
/// each item's guide, a printable guide, and the blank and sample application forms.
struct ServiceCatalogueController {
    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
        let href: String
    }

    struct Row: Encodable {
        let code: String
        let name: String
        let department: String
        let limit: String
        let online: String
        let acceptsOnline: Bool
        let visits: Int
        let availability: String?
    }

    struct ListPage: Encodable {
        let query: String
        let departments: [Choice]
        let events: [Choice]
        let kinds: [Choice]
        let rows: [Row]
        let total: Int
        let pager: Pager
        let filtered: Bool
        let summary: String
    }

    struct FormPage: Encodable {
        let guide: GuideView
        let sample: Bool
    }

    func list(_ req: Request) async throws -> Response {
        let filter = CatalogueQuery.Filter(query: req.query)
        let (rows, total) = try await CatalogueQuery.list(filter, page: req.pageNumber, on: req.db)

        var parameters: [(String, String)] = []
        if !filter.text.isEmpty { parameters.append(("q", filter.text)) }
        if let department = filter.departmentID { parameters.append(("department", department.uuidString)) }
        if let event = filter.lifeEvent { parameters.append(("event", event.rawValue)) }
        if let kind = filter.applicantKind { parameters.append(("applicant", kind.rawValue)) }
        func link(replacing name: String, with value: String?) -> String {
            let kept = parameters.filter { $0.0 != name } + (value.map { [(name, $0)] } ?? [])
            return "/services" + (kept.isEmpty ? "" : "?" + Self.encode(kept))
        }
        let departments = try await CatalogueQuery.departmentsWithItems(on: req.db).map {
            Choice(value: $0.id.uuidString, label: "\($0.name)（\($0.count)）", selected: $0.id == filter.departmentID,
                   href: link(replacing: "department", with: $0.id == filter.departmentID ? nil : $0.id.uuidString))
        }
        let events = LifeEvent.allCases.map {
            Choice(value: $0.rawValue, label: req.t($0.messageKey), selected: $0 == filter.lifeEvent,
                   href: link(replacing: "event", with: $0 == filter.lifeEvent ? nil : $0.rawValue))
        }
        let kinds = ApplicantKind.allCases.map {
            Choice(value: $0.rawValue, label: req.t($0.messageKey), selected: $0 == filter.applicantKind,
                   href: link(replacing: "applicant", with: $0 == filter.applicantKind ? nil : $0.rawValue))
        }
        let page = ListPage(
            query: filter.text, departments: departments, events: events, kinds: kinds,
            rows: rows.map { row(for: $0, on: req) }, total: total,
            pager: Pager(number: req.pageNumber, total: total, path: "/services", query: Self.encode(parameters)),
            filtered: !parameters.isEmpty,
            summary: filter.text.isEmpty ? req.t("services.count", ["count": String(total)])
                : req.t("services.found", ["count": String(total), "query": filter.text]))
        return try await req.renderPage("portal/services", titleKey: "services.title", page)
    }

    private func row(for row: CatalogueQuery.Row, on req: Request) -> Row {
        let onTheSpot = row.handling == HandlingType.onTheSpot.rawValue
        let depth = OnlineDepth(rawValue: row.onlineDepth) ?? .information
        let availability = ItemAvailability(rawValue: row.availability) ?? .active
        return Row(code: row.code, name: row.name, department: row.departmentName,
                   limit: onTheSpot ? req.t("handling.on_the_spot") : req.t("services.days", ["days": String(row.promisedLimitDays)]),
                   online: req.t(depth.messageKey), acceptsOnline: depth.acceptsOnlineApplications && availability == .active,
                   visits: row.maxVisits, availability: availability == .active ? nil : req.t(availability.messageKey))
    }

    func guide(_ req: Request) async throws -> Response {
        try await guidePage(req, printable: false)
    }

    func printable(_ req: Request) async throws -> Response {
        try await guidePage(req, printable: true)
    }

    private func guidePage(_ req: Request, printable: Bool) async throws -> Response {
        guard let code = req.parameters.get("code"),
              let page = try await req.zhengwu.guidePages.render(code: code, printable: printable, on: req) else {
            throw Abort(.notFound)
        }
        return page
    }

    /// The application form (申请表) on paper: blank, or filled with the sample values (填写样本).
    func form(_ req: Request) async throws -> Response {
        let published = try await find(req)
        let sample = req.query[String.self, at: "sample"] == "1"
        return try await req.renderPage("portal/blank-form", title: published.guide.name,
                                        FormPage(guide: GuideView(published, on: req), sample: sample))
    }

    private func find(_ req: Request) async throws -> CatalogueQuery.Published {
        guard let code = req.parameters.get("code"),
              let published = try await CatalogueQuery.published(code: code, on: req.db) else { throw Abort(.notFound) }
        return published
    }

    static func encode(_ parameters: [(String, String)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
