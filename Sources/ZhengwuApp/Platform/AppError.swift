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
    /// The thing exists but cannot be done now (e.g. applying online for an item that does
    /// not offer it); the message says why.
    case notAvailable(LocalizedMessage)
    /// The record changed state since the page was shown (e.g. a second click on "submit").
    case conflict
}
