import Vapor
import ZhengwuCore

/// Renders every error as a page in the site's layout and the reader's language, with the right
/// status; JSON for /api/ paths and the standard's error list for Open311 paths. Unexpected errors
/// are logged with the request id and shown as 500.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await render(error, for: request)
        }
    }

    private func render(_ error: Error, for request: Request) async -> Response {
        let (status, message, retryAfter) = describe(error, for: request)
        if status == .internalServerError {
            request.logger.report(error: error)
        }
        let response: Response
        if request.url.path.hasPrefix("/api/") {
            response = Response(status: status)
            try? response.content.encode(APIErrorBody(error: .init(status: Int(status.code), message: message)))
        } else if request.url.path.hasPrefix(Open311Controller.base + "/") {
            // Open311 clients read every answer as the standard's document, limits and sizes included.
            response = Open311Controller.errors([(Int(status.code), Open311Controller.description(of: status, message: message))],
                                                Open311Controller.format(of: request), status: status)
        } else {
            do {
                response = try await ErrorPage.render(request, status: status, message: message)
            } catch {
                request.logger.error("error page failed to render: \(String(reflecting: error))")
                response = Response(status: status, body: .init(string: message))
                response.headers.contentType = .plainText
            }
        }
        if let retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
        return response
    }

    private func describe(_ error: Error, for request: Request) -> (HTTPResponseStatus, String, Int64?) {
        switch error {
        case let appError as AppError:
            switch appError {
            case .notFound: return (.notFound, request.t("error.404.message"), nil)
            case .forbidden: return (.forbidden, request.t("error.403.message"), nil)
            case .csrfRejected: return (.forbidden, request.t("error.csrf.message"), nil)
            case .rateLimited(let seconds):
                let minutes = max(1, (seconds + 59) / 60)
                return (.tooManyRequests, request.t("error.429.message", ["minutes": String(minutes)]), seconds)
            case .badRequest(let message): return (.badRequest, request.t(message), nil)
            case .notAvailable(let message): return (.forbidden, request.t(message), nil)
            case .conflict: return (.conflict, request.t("error.409.message"), nil)
            }
        case let localized as UserFacingError:
            return (.badRequest, request.t(localized.message), nil)
        case let abort as AbortError:
            switch abort.status {
            case .notFound: return (.notFound, request.t("error.404.message"), nil)
            case .forbidden: return (.forbidden, request.t("error.403.message"), nil)
            case .unauthorized: return (.unauthorized, request.t("error.401.message"), nil)
            case .payloadTooLarge: return (.payloadTooLarge, request.t("error.413.message"), nil)
            case .unsupportedMediaType: return (.unsupportedMediaType, request.t("error.form_body.message"), nil)
            case .tooManyRequests: return (.tooManyRequests, request.t("error.429.message", ["minutes": "1"]), 60)
            case .internalServerError: return (.internalServerError, request.t("error.500.message"), nil)
            default:
                let code = abort.status.code
                return (abort.status, code < 500 ? request.t("error.400.message") : request.t("error.500.message"), nil)
            }
        case is DecodingError:
            return (.badRequest, request.t("error.400.message"), nil)
        default:
            // A full disk or a read-only database: nothing was saved, reads go on, and it passes
            // by itself when space or write access returns.
            if let trouble = StorageTrouble.classify(String(reflecting: error)) {
                request.logger.critical("Cannot write: storage is \(trouble.rawValue): \(String(reflecting: error))")
                return (.serviceUnavailable, request.t("error.storage.message"), 60)
            }
            // The database is stopped, restarting or out of reach: nothing was saved, and the
            // pool reconnects by itself once it is back.
            if DatabaseOutage.matches(String(reflecting: error)) {
                request.logger.error("Database unreachable: \(String(reflecting: error))")
                return (.serviceUnavailable, request.t("error.503.message"), 30)
            }
            return (.internalServerError, request.t("error.500.message"), nil)
        }
    }
}

struct APIErrorBody: Content {
    struct Detail: Content {
        let status: Int
        let message: String
    }
    let error: Detail
}

/// The error page: status, a sentence in the reader's language, and a way back.
enum ErrorPage {
    struct Context: Encodable {
        let layout: LayoutContext
        let status: Int
        let message: String
    }

    static func render(_ request: Request, status: HTTPResponseStatus, message: String) async throws -> Response {
        let key = "error.\(status.code).title"
        let title = request.t(request.zhengwu.localizer.hasKey(key, in: Language.fallback.code) ? key : "error.generic.title")
        let context = Context(layout: try await LayoutContext.make(for: request, title: title),
                              status: Int(status.code), message: message)
        let view = try await request.leaf.render("error", context)
        let response = try await view.encodeResponse(for: request)
        response.status = status
        return response
    }
}
