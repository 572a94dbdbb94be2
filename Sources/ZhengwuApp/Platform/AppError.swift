import Vapor
import ZhengwuCore

/// Errors a handler raises to end a request; ErrorPageMiddleware turns each into a page in the
/// reader's language (or JSON under /api/), never a stack trace.
enum AppError: Error {
    case notFound
    case forbidden
    case rateLimited(retryAfterSeconds: Int64)
    case csrfRejected
    case badRequest(LocalizedMessage)
}
