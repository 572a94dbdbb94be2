import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Every JSON answer of both listeners is described in an OpenAPI document its listener serves:
/// the portal's API, the portal's Open311 interface and the workbench's JSON answers. These tests
/// keep the three files in step with the route tables and with what the handlers really send,
/// so that fuzzing them (Tests/e2e/fuzz.py) checks something.
@Suite("OpenAPI documents of both listeners")
struct OpenAPIDocumentsTests {
    static func load(_ document: OpenAPIController.Document) throws -> OpenAPIJSON {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestApp.packageRoot + "/Resources/OpenAPI/" + document.rawValue))
        return try JSONDecoder().decode(OpenAPIJSON.self, from: data)
    }

    // MARK: The documents and the routes

    @Test func eachDocumentIsServedByItsListenerAsWritten() async throws {
        try await withTestApp(demo: false) { t in
            for document in OpenAPIController.Document.allCases {
                let file = try Data(contentsOf: URL(fileURLWithPath: TestApp.packageRoot + "/Resources/OpenAPI/" + document.rawValue))
                let browser = document.listener == .portal ? t.portal : t.workbench
                let page = try await browser.get(document.path)
                #expect(page.status == .ok, "\(document.path)")
                #expect(page.headers.contentType == .json)
                #expect(Data(page.body.utf8) == file, "\(document.rawValue)")
                let parsed = try JSONDecoder().decode(OpenAPIJSON.self, from: Data(page.body.utf8))
                #expect(parsed["openapi"]?.string?.hasPrefix("3.1") == true)
                #expect(parsed["info"]?["title"]?.string != nil && parsed["info"]?["version"]?.string != nil)
                #expect(!parsed.operations.isEmpty)
            }
            // The workbench's document is not on the portal, nor the Open311 one on the workbench.
            let portalDocument = try await t.portal.get("/api/v1/openapi.json")
            let workbenchDocument = try await t.workbench.get("/api/v1/openapi.json")
            #expect(portalDocument.body != workbenchDocument.body)
            let open311OnWorkbench = try await t.workbench.get("/open311/v2/openapi.json")
            #expect(open311OnWorkbench.status == .notFound)
        }
    }

    /// Routes that answer JSON although neither their path's ending nor its place says so.
    static let jsonOutsideTheConventions: Set<String> = ["GET /healthz", "GET /readyz", "GET /account/certificates/:number"]

    /// A JSON route: under /api/ or /open311/, ending in `.json`, or one of the few above.
    static func answersJSON(_ route: Route) -> Bool {
        if route.path.first == .constant("api") || route.path.first == .constant("open311") { return true }
        if case .constant(let last)? = route.path.last, last.hasSuffix(".json") { return true }
        return jsonOutsideTheConventions.contains("\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/"))
    }

    /// Whether a documented path such as `/open311/v2/services/{service_code}.json` is one the
    /// route's pattern (`open311/v2/:document/:member`) serves.
    static func route(_ path: [PathComponent], serves documented: String) -> Bool {
        let segments = documented.split(separator: "/").map(String.init)
        guard segments.count == path.count else { return false }
        return zip(path, segments).allSatisfy { component, segment in
            switch component {
            case .constant(let text): text == segment
            case .parameter: true
            default: false
            }
        }
    }

    /// A new JSON route without documentation, or documentation of a route that is gone, fails here.
    @Test func everyJSONRouteOfEachListenerIsDocumentedThere() throws {
        for (listener, routes) in [(Listener.portal, PortalSite.routes()), (.workbench, WorkbenchSite.routes())] {
            var documented: [(method: String, path: String)] = []
            for document in OpenAPIController.Document.allCases where document.listener == listener {
                documented += try Self.load(document).operations.map { ($0.method, $0.path) }
            }
            let jsonRoutes = routes.all.filter(Self.answersJSON)
            #expect(jsonRoutes.count >= (listener == .portal ? 10 : 4))
            for route in jsonRoutes {
                let name = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                #expect(documented.contains { $0.method == route.method.rawValue && Self.route(route.path, serves: $0.path) },
                        "\(listener): \(name) answers JSON but no document of this listener describes it")
            }
            for operation in documented {
                #expect(jsonRoutes.contains { $0.method.rawValue == operation.method && Self.route($0.path, serves: operation.path) },
                        "\(listener): \(operation.method) \(operation.path) is documented but no JSON route serves it")
            }
        }
    }

    @Test func referencesResolvePathParametersAreDeclaredAndComponentsUsed() throws {
        for file in OpenAPIController.Document.allCases {
            let document = try Self.load(file)
            var references: [String] = []
            document.root.walk { key, value in
                if key == "$ref", let target = value.string { references.append(target) }
            }
            for reference in references {
                #expect(document.pointer(reference) != nil, "\(file.rawValue): unresolved \(reference)")
            }
            for section in ["schemas", "responses", "parameters", "headers"] {
                for name in document.root["components"]?[section]?.object?.keys.sorted() ?? [] {
                    #expect(references.contains("#/components/\(section)/\(name)"), "\(file.rawValue): components/\(section)/\(name) is never used")
                }
            }
            for operation in document.operations {
                // A template may fill part of a segment: `{service_code}.json`.
                let names = operation.path.split(separator: "/").compactMap { segment -> String? in
                    guard let open = segment.firstIndex(of: "{"), let close = segment.firstIndex(of: "}") else { return nil }
                    return String(segment[segment.index(after: open)..<close])
                }
                let declared = Set((operation.value["parameters"]?.array ?? []).compactMap { parameter -> String? in
                    let resolved = document.resolving(parameter)
                    return resolved["in"]?.string == "path" ? resolved["name"]?.string : nil
                })
                #expect(Set(names) == declared, "\(file.rawValue): \(operation.method) \(operation.path)")
                // Every answer names its schema, so conformance checking has something to check.
                for (status, response) in operation.value["responses"]?.object ?? [:] {
                    for (type, media) in document.resolving(response)["content"]?.object ?? [:] {
                        #expect(media["schema"] != nil, "\(file.rawValue): \(operation.method) \(operation.path) \(status) \(type)")
                    }
                }
            }
            var examples = 0
            document.root.walk { _, value in
                guard let schema = value["schema"], let example = value["example"] else { return }
                examples += 1
                #expect(document.problems(example, against: schema) == [], "\(file.rawValue): example \(example)")
            }
            #expect(examples >= 2, "\(file.rawValue)")
        }
    }

    // MARK: What the handlers send

    /// `page` has a status the operation documents and, when JSON, a body matching its schema.
    static func expectDocumented(_ page: Browser.Page, _ document: OpenAPIJSON, _ method: String, _ path: String, _ status: HTTPResponseStatus,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(page.status == status, "\(method) \(path): \(page.body.prefix(300))", sourceLocation: sourceLocation)
        let operation = try #require(document["paths"]?[path]?[method.lowercased()], "\(method) \(path) is not documented",
                                     sourceLocation: sourceLocation)
        let response = document.resolving(try #require(operation["responses"]?[String(page.status.code)],
                                                        "\(method) \(path) does not document \(page.status.code)", sourceLocation: sourceLocation))
        guard page.headers.contentType?.subType == "json" else {
            #expect(response["content"]?["application/json"] == nil || response["content"]?["text/html"] != nil
                    || response["content"] == nil, "\(method) \(path) \(page.status.code) should be JSON", sourceLocation: sourceLocation)
            return
        }
        let schema = try #require(response["content"]?["application/json"]?["schema"], "\(method) \(path) \(page.status.code) has no JSON schema",
                                  sourceLocation: sourceLocation)
        let body = try JSONDecoder().decode(OpenAPIJSON.self, from: Data(page.body.utf8))
        #expect(document.problems(body, against: schema) == [], "\(method) \(path) \(page.status.code)", sourceLocation: sourceLocation)
    }

    @Test func open311AnswersAsDocumented() async throws {
        let document = try Self.load(.open311)
        try await withTestApp { t in
            let (key, _) = try await Open311APITests.issueKey(t)
            let portal = t.portal
            func get(_ path: String, _ documented: String, _ status: HTTPResponseStatus = .ok,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws -> OpenAPIJSON {
                let page = try await portal.get(path)
                try Self.expectDocumented(page, document, "GET", documented, status, sourceLocation: sourceLocation)
                return try JSONDecoder().decode(OpenAPIJSON.self, from: Data(page.body.utf8))
            }
            _ = try await get("/open311/v2/discovery.json", "/open311/v2/discovery.json")
            let services = try await get("/open311/v2/services.json", "/open311/v2/services.json")
            let code = try #require(services.array?.first?["service_code"]?.string)
            _ = try await get("/open311/v2/services/\(code).json", "/open311/v2/services/{service_code}.json")
            _ = try await get("/open311/v2/services/no-such-service.json", "/open311/v2/services/{service_code}.json", .notFound)

            let example = try #require(document.pointer(
                "#/paths/~1open311~1v2~1requests.json/post/requestBody/content/application~1x-www-form-urlencoded/example")?.object)
            var fields = example.sorted { $0.key < $1.key }.map { name, value -> (String, String) in
                switch value {
                case .double(let number): (name, String(number))
                case .int(let number): (name, String(number))
                default: (name, value.string ?? "")
                }
            }
            fields.removeAll { $0.0 == "api_key" }
            let filed = try await portal.post("/open311/v2/requests.json", fields + [("api_key", key)])
            try Self.expectDocumented(filed, document, "POST", "/open311/v2/requests.json", .created)
            let number = try #require(try JSONDecoder().decode(OpenAPIJSON.self, from: Data(filed.body.utf8)).array?.first?["service_request_id"]?.string)
            try Self.expectDocumented(try await portal.post("/open311/v2/requests.json", fields + [("api_key", "zw311_wrong")]), document,
                                      "POST", "/open311/v2/requests.json", .forbidden)
            try Self.expectDocumented(try await portal.post("/open311/v2/requests.json", [("api_key", key)]), document,
                                      "POST", "/open311/v2/requests.json", .badRequest)

            let listed = try await get("/open311/v2/requests.json", "/open311/v2/requests.json")
            #expect(listed.array?.contains { $0["service_request_id"]?.string == number } == true)
            _ = try await get("/open311/v2/requests.json?status=pending", "/open311/v2/requests.json", .badRequest)
            _ = try await get("/open311/v2/requests/\(number).json", "/open311/v2/requests/{service_request_id}.json")
            _ = try await get("/open311/v2/requests/20260302-AAAA-AAAA.json", "/open311/v2/requests/{service_request_id}.json", .notFound)
            _ = try await get("/open311/v2/tokens/\(number).json", "/open311/v2/tokens/{token}.json")
            _ = try await get("/open311/v2/tokens/nothing.json", "/open311/v2/tokens/{token}.json", .notFound)
        }
    }

    /// Errors raised before the controller (body limits, rate limits) are the standard's error
    /// list too, in the format the path asks for, not the site's HTML error page.
    @Test func open311LimitsAnswerWithTheStandardsErrors() async throws {
        let document = try Self.load(.open311)
        try await withTestApp { t in
            let portal = t.portal
            let large = try await portal.post("/open311/v2/requests.json", [("description", String(repeating: "路", count: 100_000))])
            try Self.expectDocumented(large, document, "POST", "/open311/v2/requests.json", .payloadTooLarge)
            #expect(large.contains("\"code\":413"))

            for _ in 0..<Open311Controller.missesPerAddress.limit {
                #expect(try await portal.post("/open311/v2/requests.json", [("api_key", "zw311_guess")]).status == .forbidden)
            }
            let limited = try await portal.post("/open311/v2/requests.json", [("api_key", "zw311_guess")])
            try Self.expectDocumented(limited, document, "POST", "/open311/v2/requests.json", .tooManyRequests)
            #expect(limited.headers.first(name: .retryAfter).flatMap(Int.init) != nil)
            let xml = try await portal.post("/open311/v2/requests.xml", [("api_key", "zw311_guess")])
            #expect(xml.status == .tooManyRequests && xml.headers.first(name: .contentType)?.hasPrefix("text/xml") == true)
            #expect(xml.contains("<errors><error><code>429</code>"))
        }
    }

    @Test func workbenchAnswersAsDocumented() async throws {
        let document = try Self.load(.workbench)
        try await withTestApp { t in
            let anonymous = t.workbench
            try Self.expectDocumented(try await anonymous.get("/api/v1/me"), document, "GET", "/api/v1/me", .unauthorized)
            try Self.expectDocumented(try await anonymous.get("/disclosure/report.json"), document, "GET", "/disclosure/report.json", .seeOther)
            try Self.expectDocumented(try await anonymous.get("/healthz"), document, "GET", "/healthz", .ok)
            try Self.expectDocumented(try await anonymous.get("/readyz"), document, "GET", "/readyz", .ok)

            let publisher = t.workbench
            try await publisher.signInStaff("publisher", clock: t.clock)
            try Self.expectDocumented(try await publisher.get("/api/v1/me"), document, "GET", "/api/v1/me", .ok)
            let path = "/disclosure/report.json"
            try Self.expectDocumented(try await publisher.get(path), document, "GET", path, .ok)
            try Self.expectDocumented(try await publisher.get(path + "?year=2026&organ=MZJ"), document, "GET", path, .ok)
            try Self.expectDocumented(try await publisher.get(path + "?year=1999"), document, "GET", path, .badRequest)
            try Self.expectDocumented(try await publisher.get(path + "?organ=NONE"), document, "GET", path, .notFound)
            let handler = t.workbench
            try await handler.signInStaff("mzj-handler", clock: t.clock)
            try Self.expectDocumented(try await handler.get(path + "?organ="), document, "GET", path, .forbidden)
        }
    }

    @Test func portalAdditionsAnswerAsDocumented() async throws {
        let document = try Self.load(.portal)
        try await withTestApp { t in
            let portal = t.portal
            try Self.expectDocumented(try await portal.get("/healthz"), document, "GET", "/healthz", .ok)
            try Self.expectDocumented(try await portal.get("/readyz"), document, "GET", "/readyz", .ok)
            let path = "/account/certificates/{number}"
            try Self.expectDocumented(try await portal.get("/account/certificates/X?format=json"), document, "GET", path, .seeOther)
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            try Self.expectDocumented(try await portal.get("/account/certificates/X?format=json"), document, "GET", path, .notFound)
        }
    }

    /// Each schema's properties are the keys of the Swift type fully filled in, and its required
    /// properties those of the type with every optional left out (encoders omit nil).
    @Test func schemasHaveTheSwiftTypesKeys() throws {
        let workbench = try Self.load(.workbench), portal = try Self.load(.portal)
        func document(_ fields: [Certificate.DataField]) -> HeldCertificatesController.Document {
            HeldCertificatesController.Document(number: "SC513329-2026-000001", code: "7KQ2MZ9P", type: "中华人民共和国残疾人证", holder: "扎西平措",
                                                item: "残疾人证办理", department: "新龙县残疾人联合会", issuedOn: "2026-03-02", validity: "长期",
                                                status: "有效", fields: fields)
        }
        let cases: [(document: OpenAPIJSON, schema: String, filled: any Encodable, minimal: any Encodable)] = [
            (workbench, "Me", StaffAPIController.Me(id: UUID().uuidString, name: "周文华", department: "新龙县人民政府办公室", roles: ["publisher"]),
             StaffAPIController.Me(id: UUID().uuidString, name: "周文华", department: nil, roles: [])),
            (workbench, "Health", HealthController.Status(status: "ok"), HealthController.Status(status: "ok")),
            (portal, "Health", HealthController.Status(status: "ok"), HealthController.Status(status: "ok")),
            (portal, "CertificateData", document([.init(label: "残疾类别", value: "肢体残疾")]), document([])),
            (portal, "CertificateField", Certificate.DataField(label: "残疾类别", value: "肢体残疾"), Certificate.DataField(label: "残疾类别", value: "肢体残疾")),
        ]
        for item in cases {
            let schema = try #require(item.document.root["components"]?["schemas"]?[item.schema]?.object, "no schema \(item.schema)")
            #expect(try OpenAPITests.keys(of: item.filled) == Set(schema["properties"]?.object.map { Array($0.keys) } ?? []), "\(item.schema)")
            #expect(try OpenAPITests.keys(of: item.minimal) == Set(schema["required"]?.array?.compactMap(\.string) ?? []), "\(item.schema)")
        }
        let enums: [(OpenAPIJSON, String, Set<OpenAPIJSON>)] = [
            (workbench, "Role", Set(Role.allCases.map { .string($0.rawValue) })),
            (workbench, "DisclosureOutcome", Set(DisclosureOutcome.allCases.map { .string($0.rawValue) })),
        ]
        for (document, name, values) in enums {
            #expect(Set(document.root["components"]?["schemas"]?[name]?["enum"]?.array ?? []) == values, "enum \(name)")
        }
    }
}
