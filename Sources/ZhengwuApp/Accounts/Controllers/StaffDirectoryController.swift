import Fluent
import Vapor
import ZhengwuCore

/// 人员管理: the staff list, opening accounts, roles, unlock and second-factor reset.
/// What each person may see and do is decided by AccountPolicy through StaffDirectory.
struct StaffDirectoryController {
    struct ListPage: Encodable {
        let rows: [StaffDirectory.Row]
        let search: String
        let total: Int
        let pager: Pager
        let canCreate: Bool
    }

    @Sendable func list(_ req: Request) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        guard AccountPolicy.permits(actor, .viewStaffDirectory) else { throw AppError.forbidden }
        let search = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let number = req.pageNumber
        let (rows, total) = try await StaffDirectory(actor: actor, database: req.db).page(number: number, search: search, now: req.now)
        return try await req.renderPage("staff/staff-list", titleKey: "staff.list.title", ListPage(
            rows: rows, search: search, total: total,
            pager: Pager(number: number, total: total, path: "/admin/staff", query: "q=\(SafeRedirect.encode(search))"),
            canCreate: AccountPolicy.permits(actor, .createStaff)))
    }

    struct DepartmentOption: Encodable {
        let id: String
        let name: String
    }

    struct NewPage: Encodable {
        let form: FormState
        let departments: [DepartmentOption]
    }

    private func departmentOptions(_ actor: Actor, _ req: Request) async throws -> [DepartmentOption] {
        try await StaffDirectory(actor: actor, database: req.db).departments()
            .map { DepartmentOption(id: $0.id?.uuidString ?? "", name: $0.name) }
    }

    @Sendable func showNew(_ req: Request) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        guard AccountPolicy.permits(actor, .createStaff) else { throw AppError.forbidden }
        return try await req.renderPage("staff/staff-new", titleKey: "staff.new.title",
                                        NewPage(form: FormState(), departments: try await departmentOptions(actor, req)))
    }

    struct CreatedPage: Encodable {
        let id: String
        let username: String
        let name: String
        let initialPassword: String
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        var (form, raw) = FormState.reading(req, fields: ["username", "display_name", "department"])
        let input = CreateStaffAccount.Input(username: raw["username"] ?? "", displayName: raw["display_name"] ?? "",
                                             departmentID: raw["department"] ?? "")
        switch try await CreateStaffAccount(app: req.application).run(input, by: actor, audit: req.auditActor) {
        case .forbidden:
            throw AppError.forbidden
        case .invalid(let problems):
            for problem in problems { form.add(problem.field, problem.message, on: req) }
            return try await req.renderPage("staff/staff-new", titleKey: "staff.new.title",
                                            NewPage(form: form, departments: try await departmentOptions(actor, req)),
                                            status: .unprocessableEntity)
        case .created(let account, let initialPassword):
            return try await req.renderPage("staff/staff-created", titleKey: "staff.created.title", CreatedPage(
                id: try account.requireID().uuidString, username: account.username ?? "", name: account.displayName,
                initialPassword: initialPassword))
        }
    }

    struct RoleOption: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct ShowPage: Encodable {
        let id: String
        let username: String
        let name: String
        let department: String
        let locked: Bool
        let enrolled: Bool
        let disabled: Bool
        let roles: [RoleOption]
        let canChangeRoles: Bool
        let canSupport: Bool
        let canDisable: Bool
        let form: FormState
        let notice: String?
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        let done = req.query[String.self, at: "done"].flatMap { ["roles", "unlock", "reset_second_factor", "disable", "enable"].contains($0) ? $0 : nil }
        return try await renderShow(req, form: FormState(), status: .ok, notice: done.map { req.t("staff.done.\($0)") })
    }

    private func renderShow(_ req: Request, form: FormState, status: HTTPResponseStatus, notice: String?,
                            proposedRoles: Set<Role>? = nil) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        guard let id = req.parameters.get("id", as: UUID.self),
              let account = try await StaffDirectory(actor: actor, database: req.db).find(id) else { throw AppError.notFound }
        let held = Set(try await AccountRole.query(on: req.db).filter(\.$accountID == id).all().map(\.role))
        let shown = proposedRoles ?? held
        let department = try await account.departmentID.asyncMap { try await Department.find($0, on: req.db) } ?? nil
        let page = ShowPage(
            id: id.uuidString, username: account.username ?? "", name: account.displayName, department: department?.name ?? "",
            locked: account.lockedUntil.map { $0 > req.now } ?? false, enrolled: account.totpSecretSealed != nil,
            disabled: account.disabledAt != nil,
            roles: Role.staffRoles.sorted().map { RoleOption(value: $0.rawValue, label: req.t($0.messageKey), checked: shown.contains($0)) },
            canChangeRoles: actor.has(.securityAdministrator) && actor.accountID != id.uuidString,
            canSupport: AccountPolicy.permits(actor, .unlockAccount),
            canDisable: AccountPolicy.permits(actor, .disableAccount(targetRoles: held)) && actor.accountID != id.uuidString,
            form: form, notice: notice)
        return try await req.renderPage("staff/staff-show", titleKey: "staff.show.title", page, status: status)
    }

    @Sendable func changeRoles(_ req: Request) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let requested = (try? req.content.get([String].self, at: "roles")) ?? []
        var roles = Set<Role>()
        for raw in requested {
            guard let role = Role(rawValue: raw) else { throw AppError.badRequest(LocalizedMessage("roles.error.unknown")) }
            roles.insert(role)
        }
        switch try await ChangeStaffRoles(app: req.application).run(targetID: id, roles: roles, by: actor, audit: req.auditActor) {
        case .changed:
            return req.redirect(to: "/admin/staff/\(id.uuidString)?done=roles")
        case .notFound:
            throw AppError.notFound
        case .refused(let violations):
            if violations.contains(.notSecurityAdministrator) { throw AppError.forbidden }
            var form = FormState()
            for violation in violations { form.add("roles", violation.message, on: req) }
            return try await renderShow(req, form: form, status: .unprocessableEntity, notice: nil, proposedRoles: roles)
        }
    }

    @Sendable func support(_ req: Request) async throws -> Response {
        let actor = try req.requireSignedIn().actor
        guard let id = req.parameters.get("id", as: UUID.self),
              let action = req.parameters.get("action").flatMap(StaffAccountSupport.Action.init(rawValue:))
        else { throw AppError.notFound }
        switch try await StaffAccountSupport(app: req.application).run(action, targetID: id, by: actor, audit: req.auditActor) {
        case .done: return req.redirect(to: "/admin/staff/\(id.uuidString)?done=\(action.rawValue)")
        case .forbidden: throw AppError.forbidden
        case .notFound: throw AppError.notFound
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
