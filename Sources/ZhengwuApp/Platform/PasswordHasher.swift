import Vapor

/// Bcrypt on the thread pool, so hashing never stalls an event loop.
struct PasswordHasher: Sendable {
    let threadPool: NIOThreadPool
    /// Tests use the lowest cost to stay fast; real installs use 12 (about a quarter second).
    let cost: Int

    init(app: Application) {
        threadPool = app.threadPool
        cost = app.zhengwu.config.environment == .testing ? 4 : 12
    }

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    /// Spends the same time as a real check when there is no account, so response time does
    /// not tell an attacker which user names exist.
    func verifyAgainstNothing(_ password: String) async throws {
        _ = try await hash(password)
    }
}

extension Request {
    var passwords: PasswordHasher { PasswordHasher(app: application) }
}
