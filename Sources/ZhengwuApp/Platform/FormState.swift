import Vapor
import ZhengwuCore

/// What a form page needs to re-show itself after a failed submission: the values typed (so
/// nothing is lost) and one message per field, plus the summary list at the top of the form.
struct FormState: Encodable {
    struct Problem: Encodable {
        let field: String
        let message: String
    }

    var values: [String: String] = [:]
    var errors: [String: String] = [:]
    var problems: [Problem] = []

    var isValid: Bool { problems.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        guard errors[field] == nil else { return }
        errors[field] = message
        problems.append(Problem(field: field, message: message))
    }

    mutating func add(_ field: String, _ message: LocalizedMessage, on request: Request) {
        add(field, request.t(message))
    }

    /// The value of `field` as typed. Longer than `max` characters, it gets a message instead of
    /// being cut short: a shortened value would be stored as if it were what the person wrote.
    mutating func text(_ field: String, in raw: [String: String], atMost max: Int, on request: Request) -> String {
        let value = raw[field] ?? ""
        if value.count > max { add(field, request.t("form.too_long", ["max": String(max)])) }
        return value
    }

    /// Reads the named fields of a posted form, trimmed and without control or direction-override
    /// characters (TypedText); secrets are read but never echoed back.
    static func reading(_ request: Request, fields: [String], secrets: [String] = []) -> (FormState, [String: String]) {
        var all: [String: String] = [:]
        for name in fields + secrets { all[name] = request.typedField(name) }
        var state = FormState()
        for name in fields { state.values[name] = all[name] }
        return (state, all)
    }
}

extension Request {
    /// One field of a posted form as typed: trimmed, without control or direction-override
    /// characters (TypedText).
    func typedField(_ name: String) -> String {
        TypedText.clean((try? content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The same for a field of a form that has no page of its own to show a message on (a note
    /// on a button): longer than `max` characters, the request is refused whole, nothing changed.
    func typedField(_ name: String, atMost max: Int) throws -> String {
        let value = typedField(name)
        guard value.count <= max else { throw AppError.badRequest(LocalizedMessage("form.too_long", ["max": String(max)])) }
        return value
    }
}

/// A page: the shared layout plus the page's own view model.
struct Page<Body: Encodable>: Encodable {
    let layout: LayoutContext
    let page: Body
}

extension Request {
    /// Renders `template` with the layout; `status` lets a failed form answer 422 with its page.
    func renderPage<Body: Encodable>(_ template: String, titleKey: String, _ body: Body,
                                     status: HTTPResponseStatus = .ok) async throws -> Response {
        try await renderPage(template, title: t(titleKey), body, status: status)
    }

    /// Renders with a title that is data (an item's name, a receipt number), not a table key.
    func renderPage<Body: Encodable>(_ template: String, title: String, _ body: Body,
                                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = Page(layout: try await LayoutContext.make(for: self, title: title), page: body)
        let response = try await leaf.render(template, context).encodeResponse(for: self)
        response.status = status
        return response
    }
}

struct Empty: Encodable {}

extension Request {
    /// The `page` of a paged list, kept in a range where offsets cannot overflow.
    var pageNumber: Int { min(max(1, query[Int.self, at: "page"] ?? 1), 100_000) }
}

/// Paging links for a list whose total is known: `/path?…&page=N`.
struct Pager: Encodable {
    static let pageSize = 50

    let number: Int
    let count: Int
    let previous: String?
    let next: String?

    /// `query` is the list's other parameters, already encoded (e.g. "q=%E5%BC%A0").
    init(number: Int, total: Int, pageSize: Int = Pager.pageSize, path: String, query: String = "") {
        let count = max(1, (total + pageSize - 1) / pageSize)
        let prefix = query.isEmpty ? "\(path)?page=" : "\(path)?\(query)&page="
        self.number = number
        self.count = count
        previous = number > 1 ? prefix + String(min(number - 1, count)) : nil
        next = number < count ? prefix + String(number + 1) : nil
    }

    /// The rows of this page, for a query's `range`.
    var range: Range<Int> { Self.rows(ofPage: number) }

    static func rows(ofPage number: Int) -> Range<Int> { ((number - 1) * pageSize)..<(number * pageSize) }
}
