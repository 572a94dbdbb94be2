import Vapor

/// Serves an OpenAPI 3.1 description from Resources/OpenAPI: the portal's JSON API
/// (`openapi.json`), its Open311 interface (`open311.json`) and the workbench's JSON answers
/// (`workbench.json`). The files are written by hand and kept in step with the routes by tests
/// that compare the two.
struct OpenAPIController {
    enum Document: String, CaseIterable {
        case portal = "openapi.json"
        case open311 = "open311.json"
        case workbench = "workbench.json"

        /// Where the listener serves it.
        var path: String {
            switch self {
            case .portal, .workbench: "/api/v1/openapi.json"
            case .open311: Open311Controller.base + "/openapi.json"
            }
        }

        var listener: Listener { self == .workbench ? .workbench : .portal }
    }

    let document: Document

    init(_ document: Document) {
        self.document = document
    }

    func serve(_ req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "OpenAPI/" + document.rawValue
        guard let data = FileManager.default.contents(atPath: path) else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}
