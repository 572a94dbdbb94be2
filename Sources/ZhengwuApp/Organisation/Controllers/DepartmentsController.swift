import Fluent
import Vapor
import ZhengwuCore

/// 部门管理: the departments of the administrator's region, and a form to open or edit one.
struct DepartmentsController: EditableList {
    struct Row: Encodable {
        let id: String
        let code: String
        let name: String
        let kind: String
        let region: String
        let phone: String
        let staff: Int
    }

    struct Option: Encodable {
        let value: String
        let label: String
    }

    struct FormPage: Encodable {
        let form: FormState
        let editing: Bool
        let action: String
        let kinds: [Option]
        let regions: [Option]
    }

    static let fields = ["code", "name", "short_name", "kind", "region", "phone", "address"]

    func list(_ req: Request) async throws -> Response {
        let scope = try requireManager(req)
        let inScope = Department.query(on: req.db).filter(\.$regionCode =~ AccountPolicy.regionPrefix(scope))
        let total = try await inScope.count()
        let pager = Pager(number: req.pageNumber, total: total, path: "/admin/departments")
        let departments = try await inScope.sort(\.$sortOrder).sort(\.$id).range(pager.range).all()
        let regions = try await regionNames(req)
        let staff = try await Account.query(on: req.db).filter(\.$kind == .staff)
            .filter(\.$departmentID ~~ departments.compactMap(\.id)).all()
        let counts = Dictionary(grouping: staff.compactMap(\.departmentID), by: { $0 }).mapValues(\.count)
        let rows = departments.map { department in
            Row(id: department.id?.uuidString ?? "", code: department.code, name: department.name,
                kind: req.t("department.kind.\(department.kind.rawValue)"), region: regions[department.regionCode] ?? "",
                phone: department.phone ?? "", staff: department.id.flatMap { counts[$0] } ?? 0)
        }
        // Only a code that names one of the listed departments is echoed back.
        let saved = req.query[String.self, at: "saved"].flatMap { code in departments.first { $0.code == code }?.code }
        let notice = saved.map { req.t("department.saved", ["code": $0]) }
        return try await req.renderPage("staff/departments", titleKey: "department.list.title", PagedList(rows: rows, total: total, pager: pager, notice: notice))
    }

    func showNew(_ req: Request) async throws -> Response {
        let scope = try requireManager(req)
        var form = FormState()
        form.values = ["kind": Department.Kind.bureau.rawValue, "region": scope]
        return try await render(req, form: form, editing: nil, status: .ok)
    }

    func showEdit(_ req: Request) async throws -> Response {
        let scope = try requireManager(req)
        guard let id = req.parameters.get("id", as: UUID.self), let department = try await Department.find(id, on: req.db),
              AccountPolicy.region(department.regionCode, isWithin: scope) else { throw AppError.notFound }
        var form = FormState()
        form.values = ["code": department.code, "name": department.name, "short_name": department.shortName,
                       "kind": department.kind.rawValue, "region": department.regionCode,
                       "phone": department.phone ?? "", "address": department.address ?? ""]
        return try await render(req, form: form, editing: id, status: .ok)
    }

    func save(_ req: Request, editing id: UUID?) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        var (form, raw) = FormState.reading(req, fields: Self.fields)
        let input = SaveDepartment.Input(
            code: raw["code"] ?? "", name: raw["name"] ?? "", shortName: raw["short_name"] ?? "", kind: raw["kind"] ?? "",
            regionCode: raw["region"] ?? "", phone: raw["phone"] ?? "", address: raw["address"] ?? "")
        switch try await SaveDepartment(app: req.application).run(input, editing: id, by: actor, audit: req.auditActor) {
        case .saved(let department):
            return req.redirect(to: "/admin/departments?saved=\(department.code)")
        case .invalid(let problems):
            for problem in problems { form.add(problem.field, problem.message, on: req) }
            if let id, let existing = try await Department.find(id, on: req.db) { form.values["code"] = existing.code }
            return try await render(req, form: form, editing: id, status: .unprocessableEntity)
        case .forbidden:
            throw AppError.forbidden
        case .notFound:
            throw AppError.notFound
        }
    }

    /// The region code the actor administers; only system administrators manage departments.
    private func requireManager(_ req: Request) throws -> String {
        let actor = try req.requireSignedIn().actor
        guard AccountPolicy.permits(actor, .manageDepartments), let scope = actor.regionCode else { throw AppError.forbidden }
        return scope
    }

    private func regionNames(_ req: Request) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await Region.query(on: req.db).all().compactMap { r in r.id.map { ($0, r.name) } })
    }

    private func render(_ req: Request, form: FormState, editing id: UUID?, status: HTTPResponseStatus) async throws -> Response {
        let scope = try requireManager(req)
        let regions = try await Region.query(on: req.db).filter(\.$id =~ AccountPolicy.regionPrefix(scope)).sort(\.$id).all()
        let page = FormPage(
            form: form, editing: id != nil,
            action: id.map { "/admin/departments/\($0.uuidString)" } ?? "/admin/departments/new",
            kinds: Department.Kind.allCases.map { Option(value: $0.rawValue, label: req.t("department.kind.\($0.rawValue)")) },
            regions: regions.map { Option(value: $0.id ?? "", label: "\($0.name)（\($0.id ?? "")）") })
        return try await req.renderPage("staff/department-form", titleKey: id == nil ? "department.new.title" : "department.edit.title",
                                        page, status: status)
    }
}
