import Vapor

/// A workbench list whose entries are added and edited on a form: departments, windows, and
/// more in later issues. One route shape for all of them: GET list, GET/POST new, GET/POST :id.
protocol EditableList: Sendable {
    func list(_ req: Request) async throws -> Response
    func showNew(_ req: Request) async throws -> Response
    func showEdit(_ req: Request) async throws -> Response
    /// Saves the posted form as a new entry (`id` nil) or over an existing one.
    func save(_ req: Request, editing id: UUID?) async throws -> Response
}

/// The view model of a paged list with an optional confirmation notice.
struct PagedList<Row: Encodable>: Encodable {
    let rows: [Row]
    let total: Int
    let pager: Pager
    let notice: String?
}

extension RoutesBuilder {
    func register(_ pages: some EditableList, at path: PathComponent...) {
        get(path, use: { try await pages.list($0) })
        get(path + ["new"], use: { try await pages.showNew($0) })
        post(path + ["new"], use: { try await pages.save($0, editing: nil) })
        get(path + [":id"], use: { try await pages.showEdit($0) })
        post(path + [":id"]) { req in
            // A malformed id is a missing entry, never a new one.
            guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
            return try await pages.save(req, editing: id)
        }
    }
}
