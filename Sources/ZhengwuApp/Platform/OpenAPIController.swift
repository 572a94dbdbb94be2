import Vapor

/// Serves the OpenAPI 3.1 description of the public API. The file is written by hand and kept
/// in step with the routes by a test that compares the two.
struct OpenAPIController {
    func document(_ req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "OpenAPI/openapi.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}
