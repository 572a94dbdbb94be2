import Crypto
import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// Open311 GeoReport v2 under `/open311/v2/` on the portal: discovery, the services (the ticket
/// categories that take location reports), service definitions, filing requests with an
/// api_key issued in the workbench, and reading requests back. Every answer, errors included,
/// is the standard's document in the format the path asks for; tickets filed here join the one
/// 12345 queue.
struct Open311Controller {
    static let base = "/open311/v2"
    /// A partner relays many citizens from one address; its key, not its address, is limited.
    static let perKey = RateLimitWindow(limit: 600, window: 60)
    static let missesPerAddress = RateLimitWindow(limit: 20, window: 600)

    /// The attribute every service asks for: what kind of report it is (the ticket's type).
    static let typeAttribute = Open311Query.Attribute(code: "report_type", datatype: .singlevaluelist, required: false,
                                                      keys: [TicketType.complaint, .help, .report, .suggestion].map(\.rawValue))

    // MARK: routing by the final path component, which carries the format

    func document(_ req: Request) async throws -> Response {
        guard let (name, format) = req.parameters.get("document").flatMap(Open311Document.Format.split) else {
            return Self.errors([(404, "unknown resource; add .xml or .json")], .xml, status: .notFound)
        }
        switch (req.method, name) {
        case (.GET, "discovery"): return discovery(req, format)
        case (.GET, "services"): return try await services(req, format)
        case (.GET, "requests"): return try await search(req, format)
        case (.POST, "requests"): return try await submit(req, format)
        default: return Self.errors([(404, "unknown resource: \(name)")], format, status: .notFound)
        }
    }

    func member(_ req: Request) async throws -> Response {
        // The router names one position one way: here `document` is the collection.
        guard let collection = req.parameters.get("document"),
              let (id, format) = req.parameters.get("member").flatMap(Open311Document.Format.split) else {
            return Self.errors([(404, "unknown resource; add .xml or .json")], .xml, status: .notFound)
        }
        switch collection {
        case "services": return try await definition(req, code: id, format)
        case "requests": return try await request(req, id: id, format)
        case "tokens": return try await token(req, token: id, format)
        default: return Self.errors([(404, "unknown resource: \(collection)")], format, status: .notFound)
        }
    }

    // MARK: documents

    private func discovery(_ req: Request, _ format: Open311Document.Format) -> Response {
        let url = req.publicOrigin + Self.base + "/"
        let endpoint: Open311Document.Object = [
            ("specification", .text("http://wiki.open311.org/GeoReport_v2")), ("url", .text(url)),
            ("changeset", .date(Self.changeset)), ("type", .text("production")), ("formats", .texts(item: "format", ["text/xml", "application/json"])),
        ]
        let body = Open311Document.render(root: "discovery", [
            ("changeset", .date(Self.changeset)), ("contact", .text(req.t("open311.contact"))),
            ("key_service", .text(req.t("open311.key_service"))), ("endpoints", .list(item: "endpoint", [endpoint])),
        ], as: format, timeZone: Self.zone)
        return Self.document(body, format)
    }

    /// When this interface last changed in a way clients should know about.
    static let changeset = Date(timeIntervalSince1970: 1_795_000_000)
    static let zone = WorkingCalendar.default.timeZone

    private func services(_ req: Request, _ format: Open311Document.Format) async throws -> Response {
        let catalogue = try await TicketCatalogue.current(req)
        let objects: [Open311Document.Object] = catalogue.tree.locationServices.map { service in
            [("service_code", .text(service.code)), ("service_name", .text(service.name)),
             ("description", .text(catalogue.tree.path(of: service.code).map(\.name).joined(separator: " › "))),
             ("metadata", .bool(true)), ("type", .text("realtime")), ("keywords", .text(service.name)),
             ("group", .text(catalogue.tree.path(of: service.code).first?.name ?? service.name))]
        }
        return Self.document(Open311Document.render(root: "services", item: "service", objects, as: format, timeZone: Self.zone), format)
    }

    private func definition(_ req: Request, code: String, _ format: Open311Document.Format) async throws -> Response {
        let catalogue = try await TicketCatalogue.current(req)
        guard catalogue.tree.locationServices.contains(where: { $0.code == code }) else {
            return Self.errors([(404, "unknown service_code: \(code)")], format, status: .notFound)
        }
        let attribute = Self.typeAttribute
        let values: [Open311Document.Object] = attribute.keys.map { key in
            [("key", .text(key)), ("name", .text(req.t("ticket_type.\(key)")))]
        }
        let body = Open311Document.render(root: "service_definition", [
            ("service_code", .text(code)),
            ("attributes", .list(item: "attribute", [[
                ("variable", .bool(true)), ("code", .text(attribute.code)), ("datatype", .text(attribute.datatype.rawValue)),
                ("required", .bool(attribute.required)), ("datatype_description", .text(req.t("open311.report_type_description"))),
                ("order", .integer(1)), ("description", .text(req.t("open311.report_type"))), ("values", .list(item: "value", values)),
            ]])),
        ], as: format, timeZone: Self.zone)
        return Self.document(body, format)
    }

    private func submit(_ req: Request, _ format: Open311Document.Format) async throws -> Response {
        let values = Self.formValues(req)
        // Wrong keys are counted per address, so keys cannot be guessed by trying.
        try await RateLimiter.refuseIfExhausted("open311-miss:\(req.clientNetwork)", Self.missesPerAddress, on: req)
        guard let key = try await Self.key(values["api_key"]?.first, on: req) else {
            try await RateLimiter.hit("open311-miss:\(req.clientNetwork)", Self.missesPerAddress, on: req)
            return Self.errors([(403, "api_key is missing or not valid")], format, status: .forbidden)
        }
        try await RateLimiter.hit("open311:\(key.id)", Self.perKey, on: req)
        // No honest client sends NUL, and PostgreSQL cannot store it: refused like any other bad field.
        if values.contains(where: { $0.key.contains("\0") || $0.value.contains { $0.contains("\0") } }) {
            return Self.errors([(400, "fields must not contain NUL characters")], format, status: .badRequest)
        }
        let submission: Open311Query.Submission
        switch Open311Query.Submission.read(values, attributes: [Self.typeAttribute]) {
        case .failure(let problems): return Self.errors(problems.all.map { (400, $0.description) }, format, status: .badRequest)
        case .success(let read): submission = read
        }
        let catalogue = try await TicketCatalogue.current(req)
        guard catalogue.tree.locationServices.contains(where: { $0.code == submission.serviceCode }) else {
            return Self.errors([(404, "unknown service_code: \(submission.serviceCode)")], format, status: .notFound)
        }
        var problems: [String] = []
        var phone = ""
        if let given = submission.phone {
            do { phone = try PhoneNumber(validating: given).value } catch { problems.append("phone is not a mobile number of this country") }
        }
        if submission.description.count < 5 { problems.append("description is required (at least 5 characters)") }
        if submission.description.count > TicketForm.contentLimit { problems.append("description is longer than \(TicketForm.contentLimit) characters") }
        let name = [submission.lastName, submission.firstName].compactMap { $0 }.joined()
        let address = submission.address ?? submission.addressID ?? ""
        // Too long is refused, never cut: a shortened value would be stored as if it had been sent.
        if name.count > 50 { problems.append("first_name and last_name together are longer than 50 characters") }
        if address.count > 200 { problems.append("address_string is longer than 200 characters") }
        guard problems.isEmpty else { return Self.errors(problems.map { (400, $0) }, format, status: .badRequest) }
        let input = SubmitTicket.Input(
            type: submission.attributes["report_type"]?.first.flatMap(TicketType.init(rawValue:)) ?? .complaint,
            channel: .open311, categoryCode: submission.serviceCode,
            content: submission.description + (submission.mediaURL.map { "\n" + $0 } ?? ""),
            name: name, phone: phone, email: submission.email ?? "", address: address,
            latitude: submission.latitude, longitude: submission.longitude, consentToPublish: false, apiKeyID: key.id)
        let (ticket, _) = try await SubmitTicket.run(input, by: .client(name: key.name), services: req.zhengwu,
                                                     auditActor: .system("open311:\(key.prefix)"), now: req.now)
        let body = Open311Document.render(root: "service_requests", item: "request", [[
            ("service_request_id", .text(ticket.number)), ("service_notice", .text(req.t("open311.notice"))), ("account_id", .text(nil)),
        ]], as: format, timeZone: Self.zone)
        return Self.document(body, format, status: .created)
    }

    private func search(_ req: Request, _ format: Open311Document.Format) async throws -> Response {
        let parameters = (try? req.query.decode([String: String].self)) ?? [:]
        let search: Open311Query.Search
        do { search = try Open311Query.Search.read(parameters, now: req.now) } catch {
            return Self.errors([(400, error.description)], format, status: .badRequest)
        }
        // The public record: reports filed through this interface, and tickets whose callers
        // agreed to publication. Other tickets are not the public's to list.
        var query = Ticket.query(on: req.db).group(.or) { $0.filter(\.$channel == .open311).filter(\.$consentToPublish == true) }
        if !search.ids.isEmpty {
            // Asked by number, the date window does not apply (the standard's rule).
            query = query.filter(\.$number ~~ search.ids)
        } else {
            query = query.filter(\.$createdAt >= search.start).filter(\.$createdAt <= search.end)
        }
        if !search.serviceCodes.isEmpty { query = query.filter(\.$categoryCode ~~ search.serviceCodes) }
        switch search.status {
        case "open": query = query.filter(\.$status ~~ TicketStatus.allCases.filter(\.isOpen))
        case "closed": query = query.filter(\.$status ~~ TicketStatus.allCases.filter { !$0.isOpen })
        default: break
        }
        let tickets = try await query.sort(\.$createdAt, .descending).limit(Open311Query.Search.limit).all()
        return Self.document(try await Self.requests(tickets, on: req, format), format)
    }

    private func request(_ req: Request, id: String, _ format: Open311Document.Format) async throws -> Response {
        guard let ticket = try await Ticket.query(on: req.db).filter(\.$number == id).first(),
              ticket.channel == .open311 || ticket.consentToPublish else {
            return Self.errors([(404, "unknown service_request_id: \(id)")], format, status: .notFound)
        }
        return Self.document(try await Self.requests([ticket], on: req, format), format)
    }

    /// Requests are given their number at once, so a token is simply the number.
    private func token(_ req: Request, token: String, _ format: Open311Document.Format) async throws -> Response {
        guard let ticket = try await Ticket.query(on: req.db).filter(\.$number == token).first(), ticket.channel == .open311 else {
            return Self.errors([(404, "unknown token: \(token)")], format, status: .notFound)
        }
        let body = Open311Document.render(root: "service_requests", item: "request", [[
            ("service_request_id", .text(ticket.number)), ("token", .text(ticket.number)),
        ]], as: format, timeZone: Self.zone)
        return Self.document(body, format)
    }

    /// The public fields of tickets: no names, phones or e-mails; text masked as in the public list.
    static func requests(_ tickets: [Ticket], on req: Request, _ format: Open311Document.Format) async throws -> String {
        let catalogue = try await TicketCatalogue.current(req)
        let names = try await Department.names(on: req.db)
        let objects: [Open311Document.Object] = tickets.map { ticket in
            let open = ticket.status.isOpen
            // A report's place is public; a citizen's own message is located to about 100 m.
            let position = { (value: Double?) in
                ticket.channel == .open311 ? value : value.map { ($0 * 1000).rounded() / 1000 }
            }
            let name = (try? req.zhengwu.vault.open(ticket.callerNameSealed)) ?? ""
            let masked = { (text: String) in PublicTextMasking.mask(text, names: [name], addresses: [ticket.address]) }
            return [
                ("service_request_id", .text(ticket.number)), ("status", .text(open ? "open" : "closed")),
                ("status_notes", .text(ticket.reply.isEmpty ? req.t(ticket.status.messageKey) : masked(ticket.reply))),
                ("service_name", .text(catalogue.tree.category(ticket.categoryCode)?.name)), ("service_code", .text(ticket.categoryCode)),
                ("description", .text(masked(ticket.content))),
                ("agency_responsible", .text(ticket.leadDepartmentID.flatMap { names[$0] })),
                ("service_notice", .text(nil)), ("requested_datetime", .date(ticket.createdAt)), ("updated_datetime", .date(ticket.updatedAt)),
                ("expected_datetime", .date(open ? ticket.replyBy.flatMap(LocalDate.init(iso:))?.instant(atMinute: 17 * 60 + 30, in: zone) : nil)),
                ("address", .text(PublicTextMasking.coarse(ticket.address))), ("address_id", .text(nil)), ("zipcode", .text(nil)),
                ("lat", .number(position(ticket.latitude))), ("long", .number(position(ticket.longitude))), ("media_url", .text(nil)),
            ]
        }
        return Open311Document.render(root: "service_requests", item: "request", objects, as: format, timeZone: zone)
    }

    // MARK: helpers

    /// The client a key was issued to, read with SQLKit: every filed request asks.
    struct Client {
        let id: UUID
        let name: String
        let prefix: String
    }

    static func key(_ given: String?, on req: Request) async throws -> Client? {
        guard let given, !given.isEmpty, given.count <= 100 else { return nil }
        let index = Open311Keys.index(given, vault: req.zhengwu.vault)
        guard let row = try await (req.db as! SQLDatabase).raw("""
            SELECT id, name, prefix FROM open311_keys WHERE key_index = \(bind: index) AND revoked_at IS NULL
            """).first() else { return nil }
        return Client(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                      prefix: try row.decode(column: "prefix", as: String.self))
    }

    /// Form fields as lists: `attribute[code][]` may repeat.
    static func formValues(_ req: Request) -> [String: [String]] {
        guard let body = req.body.string else { return [:] }
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            values[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return values
    }

    static func document(_ body: String, _ format: Open311Document.Format, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.replaceOrAdd(name: .contentType, value: format.contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The format the path asks for, XML when it names none (the standard's default).
    static func format(of req: Request) -> Open311Document.Format {
        req.url.path.split(separator: "/").last.flatMap { Open311Document.Format.split(String($0))?.format } ?? .xml
    }

    /// An error's description for errors raised before or outside this controller: in English,
    /// as the standard's clients expect, for limits, body sizes and failures; otherwise the
    /// explanation the platform gives (a database out of reach: nothing was saved, try later).
    static func description(of status: HTTPResponseStatus, message: String) -> String {
        switch status {
        case .payloadTooLarge: "the request body is too large"
        case .tooManyRequests: "too many requests; try again later"
        case .internalServerError: "internal error; try again later"
        default: message
        }
    }

    static func errors(_ errors: [(code: Int, description: String)], _ format: Open311Document.Format,
                       status: HTTPResponseStatus) -> Response {
        document(Open311Document.errors(errors, as: format), format, status: status)
    }
}

/// Issuing api_keys: the key is shown once; only its keyed hash is kept.
public enum Open311Keys {
    /// For the command line: issues a key in its own transaction.
    public static func issue(name: String, by issuer: String, app: Application) async throws -> String {
        try await app.write { db in
            try await issue(name: name, by: issuer, services: app.zhengwu, auditActor: .system("command-line"), now: app.zhengwu.clock.now(),
                            on: db)
        }
    }

    static func index(_ key: String, vault: PersonalDataVault) -> String { vault.index("open311-key:" + key) }

    static func issue(name: String, by issuer: String, services: ZhengwuServices, auditActor: AuditActor, now: Date,
                      on db: Database) async throws -> String {
        let key = "zw311_" + RandomToken.make()
        let record = Open311Key()
        record.name = name
        record.keyIndex = index(key, vault: services.vault)
        record.prefix = String(key.prefix(10))
        record.issuedBy = issuer
        record.createdAt = now
        try await record.create(on: db)
        try await services.audit.append(on: db, actor: auditActor, action: "open311.key_issued", subject: "open311_key:\(record.prefix)",
                                        detail: ["name": name])
        return key
    }
}
