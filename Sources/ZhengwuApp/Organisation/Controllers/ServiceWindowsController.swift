import Fluent
import Vapor
import ZhengwuCore

/// 窗口管理: the counters of the service centres in the administrator's region.
struct ServiceWindowsController: EditableList {
    struct Row: Encodable {
        let id: String
        let centre: String
        let number: String
        let name: String
        let department: String
    }

    struct FormPage: Encodable {
        let form: FormState
        let action: String
        let centres: [DepartmentsController.Option]
        let departments: [DepartmentsController.Option]
    }

    static let fields = ["centre", "number", "name", "department"]

    func list(_ req: Request) async throws -> Response {
        let departments = try await departmentsInScope(req)
        let names = Dictionary(uniqueKeysWithValues: departments.compactMap { d in d.id.map { ($0, d.shortName) } })
        let inScope = ServiceWindow.query(on: req.db).filter(\.$centreID ~~ departments.compactMap(\.id))
        let total = try await inScope.count()
        let pager = Pager(number: req.pageNumber, total: total, path: "/admin/windows")
        let windows = try await inScope.sort(\.$centreID).sort(\.$number).sort(\.$id).range(pager.range).all()
        let rows = windows.map { window in
            Row(id: window.id?.uuidString ?? "", centre: names[window.centreID] ?? "", number: window.number, name: window.name,
                department: window.departmentID.flatMap { names[$0] } ?? req.t("window.comprehensive"))
        }
        let notice = req.query[String.self, at: "saved"] == "1" ? req.t("window.saved") : nil
        return try await req.renderPage("staff/windows", titleKey: "window.list.title", PagedList(rows: rows, total: total, pager: pager, notice: notice))
    }

    func showNew(_ req: Request) async throws -> Response {
        try await render(req, form: FormState(), editing: nil, status: .ok)
    }

    func showEdit(_ req: Request) async throws -> Response {
        let departments = try await departmentsInScope(req)
        guard let id = req.parameters.get("id", as: UUID.self), let window = try await ServiceWindow.find(id, on: req.db),
              departments.contains(where: { $0.id == window.centreID }) else { throw AppError.notFound }
        var form = FormState()
        form.values = ["centre": window.centreID.uuidString, "number": window.number, "name": window.name,
                       "department": window.departmentID?.uuidString ?? ""]
        return try await render(req, form: form, editing: id, status: .ok)
    }

    func save(_ req: Request, editing id: UUID?) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        var (form, raw) = FormState.reading(req, fields: Self.fields)
        let input = SaveServiceWindow.Input(centreID: raw["centre"] ?? "", number: raw["number"] ?? "", name: raw["name"] ?? "",
                                            departmentID: raw["department"] ?? "")
        switch try await SaveServiceWindow(app: req.application).run(input, editing: id, by: actor, audit: req.auditActor) {
        case .saved:
            return req.redirect(to: "/admin/windows?saved=1")
        case .invalid(let problems):
            for problem in problems { form.add(problem.field, problem.message, on: req) }
            return try await render(req, form: form, editing: id, status: .unprocessableEntity)
        case .forbidden:
            throw AppError.forbidden
        case .notFound:
            throw AppError.notFound
        }
    }

    /// Departments of the actor's region; only system administrators manage windows.
    private func departmentsInScope(_ req: Request) async throws -> [Department] {
        let actor = try req.requireSignedIn().actor
        guard AccountPolicy.permits(actor, .manageDepartments), let scope = actor.regionCode else { throw AppError.forbidden }
        return try await Department.query(on: req.db).filter(\.$regionCode =~ AccountPolicy.regionPrefix(scope))
            .sort(\.$sortOrder).all()
    }

    private func render(_ req: Request, form: FormState, editing id: UUID?, status: HTTPResponseStatus) async throws -> Response {
        let departments = try await departmentsInScope(req)
        func option(_ department: Department) -> DepartmentsController.Option {
            DepartmentsController.Option(value: department.id?.uuidString ?? "", label: department.name)
        }
        let page = FormPage(
            form: form, action: id.map { "/admin/windows/\($0.uuidString)" } ?? "/admin/windows/new",
            centres: departments.filter { $0.kind == .serviceCentre }.map(option),
            departments: departments.filter { $0.kind != .serviceCentre }.map(option))
        return try await req.renderPage("staff/window-form", titleKey: id == nil ? "window.new.title" : "window.edit.title",
                                        page, status: status)
    }
}
