import Foundation
import NIOCore
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// Resources/OpenAPI/openapi.json is written by hand; these tests keep it in step with the
/// route table, the Swift types it describes and what the API really answers.
@Suite("OpenAPI document")
struct OpenAPITests {
    static let path = TestApp.packageRoot + "/Resources/OpenAPI/openapi.json"

    static func load() throws -> (data: Data, document: OpenAPIJSON) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return (data, try JSONDecoder().decode(OpenAPIJSON.self, from: data))
    }

    @Test func isAnOpenAPI31Document() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let version = try #require(object["openapi"] as? String)
        #expect(version.hasPrefix("3.1"))
        let info = try #require(object["info"] as? [String: Any])
        #expect(info["title"] as? String == "Zhengwu public API")
        #expect(info["version"] as? String != nil)
        #expect(object["paths"] as? [String: Any] != nil)
    }

    @Test func documentsExactlyTheAPIRoutes() throws {
        let routes = PortalSite.routes().all.filter { $0.path.first == .constant("api") }
        let served = Set(routes.map { route in
            let path = route.path.map { component -> String in
                switch component {
                case .constant(let text): text
                case .parameter(let name): "{\(name)}"
                case .anything: "*"
                case .catchall: "**"
                }
            }
            return "\(route.method.rawValue) /" + path.joined(separator: "/")
        })
        #expect(!served.isEmpty)
        // The document also lists the portal's few JSON answers outside /api/ (OpenAPIDocumentsTests).
        let documented = Set(try Self.load().document.operations.filter { $0.path.hasPrefix("/api/") }.map { "\($0.method) \($0.path)" })
        #expect(served.subtracting(documented).sorted() == [], "routes missing from openapi.json")
        #expect(documented.subtracting(served).sorted() == [], "documented operations that no route serves")
    }

    @Test func pathParametersAreDeclared() throws {
        let document = try Self.load().document
        for operation in document.operations {
            let names = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            let declared = Set((operation.value["parameters"]?.array ?? []).compactMap { parameter -> String? in
                let resolved = document.resolving(parameter)
                return resolved["in"]?.string == "path" ? resolved["name"]?.string : nil
            })
            #expect(Set(names) == declared, "\(operation.method) \(operation.path)")
        }
    }

    @Test func everyReferenceResolvesAndEveryComponentIsUsed() throws {
        let document = try Self.load().document
        var references: [String] = []
        document.root.walk { key, value in
            if key == "$ref", let target = value.string { references.append(target) }
        }
        #expect(!references.isEmpty)
        for reference in references {
            #expect(reference.hasPrefix("#/") && document.pointer(reference) != nil, "unresolved \(reference)")
        }
        for section in ["schemas", "responses", "parameters", "headers"] {
            for name in document.root["components"]?[section]?.object?.keys.sorted() ?? [] {
                #expect(references.contains("#/components/\(section)/\(name)"), "components/\(section)/\(name) is never used")
            }
        }
    }

    /// Each schema's properties are the keys of the Swift type fully filled in, and its required
    /// properties those of the type with every optional left out (encoders omit nil).
    @Test func schemasHaveTheSwiftTypesKeys() throws {
        let document = try Self.load().document
        let now = Date(timeIntervalSince1970: 1_772_416_800)
        let department = CatalogueQuery.DepartmentSummary(id: UUID(), code: "SCJ", name: "新龙县市场监督管理局", shortName: "市场监管局",
                                                            regionCode: "513329")
        let guide = Self.sampleGuide
        let summary = ServicesAPIController.Summary(code: "513329-SCJ-XK-001", name: "个体工商户登记", department: "新龙县市场监督管理局",
                                                    promisedLimitDays: 0, handling: "on_the_spot", onlineDepth: 4, maxVisits: 0,
                                                    availability: "active")
        let material = ApplicationsAPIController.MaterialInput(key: "application", fileName: "申请书.pdf", content: "JVBERi0xLjcKJSVFT0YK",
                                                               certificateReference: "513329198805120017")
        let event = ApplicationsAPIController.Event(at: now, event: "submitted", text: "提交申请")
        let problem = ApplicationsAPIController.Problem(field: "form.phone", message: "联系电话：此项必填")
        func detail(filled: Bool) -> ApplicationsAPIController.Detail {
            ApplicationsAPIController.Detail(
                receiptNumber: "20260302-K7QM-4XHC", itemCode: "513329-SCJ-XK-001", itemName: "个体工商户登记", status: "accepted",
                statusText: "已受理", receivedOn: filled ? "2026-03-02" : nil, acceptanceDueDate: filled ? "2026-03-09" : nil,
                acceptedOn: filled ? "2026-03-03" : nil, deemedAccepted: false, decisionDueDate: filled ? "2026-03-10" : nil,
                visits: 0, timeline: [event])
        }
        func serviceDetail(filled: Bool) -> ServicesAPIController.DetailBody {
            ServicesAPIController.DetailBody(guide: guide, department: department, jointDepartments: [], availability: "active",
                                             availabilityNotice: "", version: 1, publishedAt: filled ? now : nil)
        }

        let cases: [(schema: String, filled: any Encodable, minimal: any Encodable)] = [
            ("ServiceList", ServicesAPIController.ListBody(total: 1, page: 1, pageSize: Pager.pageSize, items: [summary]),
             ServicesAPIController.ListBody(total: 1, page: 1, pageSize: Pager.pageSize, items: [summary])),
            ("ServiceSummary", summary, summary),
            ("ServiceDetail", serviceDetail(filled: true), serviceDetail(filled: false)),
            ("DepartmentSummary", department, department),
            ("ServiceGuide", guide, guide),
            ("SpecialProcedure", guide.specialProcedures[0], guide.specialProcedures[0]),
            ("MaterialRequirement", guide.materials[0], guide.materials[0]),
            ("ServiceResult", guide.result, guide.result),
            ("Question", guide.faq[0], guide.faq[0]),
            ("FormField", guide.form[0], guide.form[0]),
            ("SessionCreate", APISessionsController.Credentials(login: "13800000001", password: "secret"),
             APISessionsController.Credentials(login: "13800000001", password: "secret")),
            ("SessionIssued", APISessionsController.Issued(token: "t", expiresAt: now), APISessionsController.Issued(token: "t", expiresAt: now)),
            ("ApplicationCreate",
             ApplicationsAPIController.CreateRequest(itemCode: "513329-SCJ-XK-001", form: ["phone": "13800000001"], materials: [material]),
             ApplicationsAPIController.CreateRequest(itemCode: "513329-SCJ-XK-001", form: [:], materials: nil)),
            ("MaterialInput", material,
             ApplicationsAPIController.MaterialInput(key: "application", fileName: nil, content: nil, certificateReference: nil)),
            ("ApplicationCreated",
             ApplicationsAPIController.Created(receiptNumber: "20260302-K7QM-4XHC", status: "submitted", acceptanceDueDate: "2026-03-09"),
             ApplicationsAPIController.Created(receiptNumber: "20260302-K7QM-4XHC", status: "submitted", acceptanceDueDate: "2026-03-09")),
            ("ProblemList", ApplicationsAPIController.ProblemList(errors: [problem]), ApplicationsAPIController.ProblemList(errors: [problem])),
            ("Problem", problem, problem),
            ("ApplicationDetail", detail(filled: true), detail(filled: false)),
            ("TimelineEvent", event, event),
            ("ErrorBody", APIErrorBody(error: .init(status: 404, message: "m")), APIErrorBody(error: .init(status: 404, message: "m"))),
            ("ErrorDetail", APIErrorBody.Detail(status: 404, message: "m"), APIErrorBody.Detail(status: 404, message: "m")),
        ]
        for item in cases {
            let schema = try #require(document.root["components"]?["schemas"]?[item.schema]?.object, "no schema \(item.schema)")
            let properties = Set(schema["properties"]?.object.map { Array($0.keys) } ?? [])
            let required = Set(schema["required"]?.array?.compactMap(\.string) ?? [])
            #expect(try Self.keys(of: item.filled) == properties, "properties of \(item.schema)")
            #expect(try Self.keys(of: item.minimal) == required, "required properties of \(item.schema)")
        }
    }

    @Test func enumerationsListEveryCase() throws {
        let document = try Self.load().document
        let expected: [String: Set<OpenAPIJSON>] = [
            "ItemType": Set(ItemType.allCases.map { .string($0.rawValue) }),
            "AdministrativeLevel": Set(AdministrativeLevel.allCases.map { .string($0.rawValue) }),
            "ApplicantKind": Set(ApplicantKind.allCases.map { .string($0.rawValue) }),
            "HandlingType": Set(HandlingType.allCases.map { .string($0.rawValue) }),
            "OnlineDepth": Set(OnlineDepth.allCases.map { .int($0.rawValue) }),
            "LifeEvent": Set(LifeEvent.allCases.map { .string($0.rawValue) }),
            "MaterialNecessity": Set(MaterialNecessity.allCases.map { .string($0.rawValue) }),
            "MaterialForm": Set(MaterialForm.allCases.map { .string($0.rawValue) }),
            "MaterialMedium": Set(MaterialMedium.allCases.map { .string($0.rawValue) }),
            "MaterialSource": Set(MaterialSource.allCases.map { .string($0.rawValue) }),
            "DeliveryOption": Set(DeliveryOption.allCases.map { .string($0.rawValue) }),
            "FormFieldKind": Set(FormField.Kind.allCases.map { .string($0.rawValue) }),
            "ItemAvailability": Set(ItemAvailability.allCases.map { .string($0.rawValue) }),
            "CaseStatus": Set(CaseStatus.allCases.map { .string($0.rawValue) }),
            "CaseEvent": Set(CaseEvent.allCases.map { .string($0.rawValue) }),
        ]
        for (name, values) in expected {
            let documented = Set(document.root["components"]?["schemas"]?[name]?["enum"]?.array ?? [])
            #expect(documented == values, "enum \(name)")
        }
    }

    @Test func examplesMatchTheirSchemas() throws {
        let document = try Self.load().document
        var checked = 0
        document.root.walk { _, value in
            // Media type objects (request bodies, responses) and parameters pair a schema with examples.
            guard let schema = value["schema"] else { return }
            var examples: [(String, OpenAPIJSON)] = []
            if let example = value["example"] { examples.append(("example", example)) }
            for (name, entry) in value["examples"]?.object ?? [:] {
                if let example = document.resolving(entry)["value"] { examples.append((name, example)) }
            }
            for (name, example) in examples {
                checked += 1
                let problems = document.problems(example, against: schema)
                #expect(problems == [], "example \(name)")
            }
        }
        #expect(checked >= 10)
    }

    @Test func theDocumentIsServedAsWritten() async throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: Self.path))
        try await withTestApp(demo: false) { t in
            let page = try await t.portal.get("/api/v1/openapi.json")
            #expect(page.status == .ok)
            #expect(page.headers.contentType == .json)
            #expect(Data(page.body.utf8) == file)
        }
    }

    /// The documented examples, sent to the demo county, get the documented answers.
    @Test func theAPIAnswersAsDocumented() async throws {
        let document = try Self.load().document
        func schema(_ name: String) -> OpenAPIJSON { .object(["$ref": .string("#/components/schemas/\(name)")]) }
        func check(_ response: APIResponse, _ status: HTTPResponseStatus, _ name: String,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
            #expect(response.headers.contentType == .json, sourceLocation: sourceLocation)
            let body = try JSONDecoder().decode(OpenAPIJSON.self, from: response.body)
            #expect(document.problems(body, against: schema(name)) == [], sourceLocation: sourceLocation)
        }
        let sessionExample = try #require(document.pointer("#/paths/~1api~1v1~1sessions/post/requestBody/content/application~1json/example"))
        let applicationExample = try #require(document.pointer(
            "#/paths/~1api~1v1~1applications/post/requestBody/content/application~1json/examples/individualBusiness/value"))
        let itemCode = try #require(applicationExample["itemCode"]?.string)

        try await withTestApp { t in
            let list = try await t.call(.GET, "/api/v1/services?event=business&applicant=person")
            try check(list, .ok, "ServiceList")
            #expect(list.text.contains(itemCode))
            try check(try await t.call(.GET, "/api/v1/services/\(itemCode)"), .ok, "ServiceDetail")
            try check(try await t.call(.GET, "/api/v1/services/513329-NONE-001"), .notFound, "ErrorBody")
            try check(try await t.call(.GET, "/api/v1/applications/20260302-K7QM-4XHC"), .unauthorized, "ErrorBody")

            var wrong = sessionExample.object ?? [:]
            wrong["password"] = .string("not-the-password")
            try check(try await t.call(.POST, "/api/v1/sessions", json: .object(wrong)), .unauthorized, "ErrorBody")
            let signedIn = try await t.call(.POST, "/api/v1/sessions", json: sessionExample)
            try check(signedIn, .created, "SessionIssued")
            let token = try #require(try JSONDecoder().decode(OpenAPIJSON.self, from: signedIn.body)["token"]?.string)
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(token)"]

            let refused = try await t.call(.POST, "/api/v1/applications",
                                           json: .object(["itemCode": .string(itemCode), "form": .object([:])]), headers: bearer)
            try check(refused, .unprocessableEntity, "ProblemList")
            let fields = try JSONDecoder().decode(OpenAPIJSON.self, from: refused.body)["errors"]?.array?.compactMap { $0["field"]?.string } ?? []
            #expect(!fields.isEmpty)
            for field in fields {
                #expect(field.range(of: #"^(body|itemCode|materials|materials\[[0-9]+\]|form\.[a-z0-9_]+|material\.[a-z0-9_]+)$"#,
                                    options: .regularExpression) != nil, "undocumented problem field \(field)")
            }

            let created = try await t.call(.POST, "/api/v1/applications", json: applicationExample, headers: bearer)
            try check(created, .created, "ApplicationCreated")
            let receipt = try #require(try JSONDecoder().decode(OpenAPIJSON.self, from: created.body)["receiptNumber"]?.string)
            let location = try #require(created.headers.first(name: .location))
            #expect(location == "/api/v1/applications/\(receipt)")
            let shown = try await t.call(.GET, location, headers: bearer)
            try check(shown, .ok, "ApplicationDetail")
            #expect(try JSONDecoder().decode(OpenAPIJSON.self, from: shown.body)["itemCode"]?.string == itemCode)
        }
    }

    // MARK: - Helpers

    static func keys(of value: any Encodable) throws -> Set<String> {
        let decoded = try JSONDecoder().decode(OpenAPIJSON.self, from: try JSONEncoder().encode(value))
        return Set(try #require(decoded.object, "\(type(of: value)) does not encode as an object").keys)
    }

    /// A guide with one of everything nested, for the key comparisons.
    static let sampleGuide = ServiceGuide(
        code: "513329-SCJ-XK-001", name: "个体工商户登记", itemType: .licence, applicantKinds: [.person], lifeEvents: [.business],
        legalBasis: "", conditions: "", procedure: ["申请"], handling: .onTheSpot, legalLimitDays: 0, promisedLimitDays: 0,
        specialProcedures: [SpecialProcedure(name: "现场核查", expectedDays: 3)],
        materials: [MaterialRequirement(key: "application", name: "申请书", isApplicationForm: true)],
        place: "", hours: "", consultPhone: "", complaintPhone: "", onlineDepth: .fullyOnline, maxVisits: 0,
        result: ServiceResult(name: "营业执照", isCertificate: true, delivery: [.collect]),
        faq: [Question("收费吗？", "不收费。")],
        form: [FormField(key: "phone", label: "联系电话", kind: .phone)])
}

// MARK: - JSON with exact types

/// A JSON value that keeps `true` apart from `1` (JSONSerialization's NSNumber does not on Linux).
indirect enum OpenAPIJSON: Decodable, Encodable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([OpenAPIJSON])
    case object([String: OpenAPIJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([OpenAPIJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: OpenAPIJSON].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    subscript(key: String) -> OpenAPIJSON? { object?[key] }
    var object: [String: OpenAPIJSON]? { if case .object(let value) = self { value } else { nil } }
    var array: [OpenAPIJSON]? { if case .array(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }

    /// Every (key, value) pair below this value, depth first; array elements come with key nil.
    func walk(_ visit: (String?, OpenAPIJSON) -> Void) {
        switch self {
        case .object(let members):
            for (key, value) in members {
                visit(key, value)
                value.walk(visit)
            }
        case .array(let elements):
            for element in elements {
                visit(nil, element)
                element.walk(visit)
            }
        default: break
        }
    }

    // MARK: The document

    var root: OpenAPIJSON { self }

    var operations: [(method: String, path: String, value: OpenAPIJSON)] {
        let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        return (self["paths"]?.object ?? [:]).flatMap { path, item in
            methods.compactMap { method in item[method].map { (method.uppercased(), path, $0) } }
        }
    }

    /// The value at a local JSON pointer such as `#/components/schemas/Problem`.
    func pointer(_ reference: String) -> OpenAPIJSON? {
        guard reference.hasPrefix("#") else { return nil }
        var node: OpenAPIJSON? = self
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members)?: node = members[key]
            case .array(let elements)?: node = Int(key).flatMap { elements.indices.contains($0) ? elements[$0] : nil }
            default: return nil
            }
        }
        return node
    }

    /// `value` itself, or what its `$ref` points at.
    func resolving(_ value: OpenAPIJSON) -> OpenAPIJSON {
        var current = value
        for _ in 0..<10 {
            guard let reference = current["$ref"]?.string, let target = pointer(reference) else { return current }
            current = target
        }
        return current
    }

    /// Where `value` departs from `schema`, as far as this document's schemas go: types, enums,
    /// required and undocumented properties, formats, patterns, lengths and minimums.
    func problems(_ value: OpenAPIJSON, against rawSchema: OpenAPIJSON, at location: String = "$") -> [String] {
        let schema = resolving(rawSchema)
        var problems: [String] = []
        if let allowed = schema["enum"]?.array, !allowed.contains(value) {
            problems.append("\(location): \(value) is not one of the enumerated values")
        }
        if let type = schema["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            let matches = types.contains { name in
                switch (name, value) {
                case ("object", .object), ("array", .array), ("string", .string), ("integer", .int), ("boolean", .bool),
                     ("null", .null), ("number", .int), ("number", .double): true
                default: false
                }
            }
            if !matches { return problems + ["\(location): expected \(types.joined(separator: " or ")), found \(value)"] }
        }
        switch value {
        case .string(let text):
            switch schema["format"]?.string {
            case "date-time"? where ISO8601DateFormatter().date(from: text) == nil: problems.append("\(location): \(text) is not a date-time")
            case "date"? where text.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) == nil:
                problems.append("\(location): \(text) is not a date")
            case "uuid"? where UUID(uuidString: text) == nil: problems.append("\(location): \(text) is not a UUID")
            default: break
            }
            if let pattern = schema["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(location): \(text) does not match \(pattern)")
            }
            if case .int(let minimum)? = schema["minLength"], text.count < minimum { problems.append("\(location): shorter than \(minimum)") }
            if case .int(let maximum)? = schema["maxLength"], text.count > maximum { problems.append("\(location): longer than \(maximum)") }
        case .int(let number):
            if case .int(let minimum)? = schema["minimum"], number < minimum { problems.append("\(location): below \(minimum)") }
            if case .int(let maximum)? = schema["maximum"], number > maximum { problems.append("\(location): above \(maximum)") }
        case .array(let elements):
            if case .int(let minimum)? = schema["minItems"], elements.count < minimum { problems.append("\(location): fewer than \(minimum) items") }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    problems += self.problems(element, against: items, at: "\(location)[\(index)]")
                }
            }
        case .object(let members):
            let properties = schema["properties"]?.object ?? [:]
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                problems.append("\(location): required property \(name) is missing")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    problems += self.problems(member, against: property, at: "\(location).\(name)")
                } else if let additional = schema["additionalProperties"], additional.object != nil {
                    problems += self.problems(member, against: additional, at: "\(location).\(name)")
                } else if !properties.isEmpty || schema["additionalProperties"] == .bool(false) {
                    problems.append("\(location): property \(name) is not documented")
                }
            }
        default: break
        }
        return problems
    }
}

// MARK: - JSON requests

struct APIResponse {
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension TestApp {
    /// Sends one API request to the portal, as an app would: JSON in, no cookies.
    func call(_ method: HTTPMethod, _ path: String, json: OpenAPIJSON? = nil, headers extra: HTTPHeaders = [:]) async throws -> APIResponse {
        var headers = extra
        var body: ByteBuffer?
        if let json {
            headers.replaceOrAdd(name: .contentType, value: "application/json")
            body = ByteBuffer(bytes: try JSONEncoder().encode(json))
        }
        let request = Request(
            application: app, method: method, url: URI(string: path), headers: headers, collectedBody: body,
            remoteAddress: try SocketAddress(ipAddress: "203.0.113.20", port: 40000), on: app.eventLoopGroup.next())
        let response = try await app.faces.portal.respond(to: request).get()
        let buffer = try await response.body.collect(on: request.eventLoop).get()
        return APIResponse(status: response.status, headers: response.headers,
                           body: buffer.map { Data($0.readableBytesView) } ?? Data())
    }
}
