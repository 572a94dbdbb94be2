import Fluent
import SQLKit
import Vapor

/// Group commit: writes that arrive together share one transaction, each inside its own
/// savepoint. SQLite with `synchronous=FULL` manages a few hundred durable commits a second on
/// ordinary disks, because every commit waits for the disk; sharing the commit lets hundreds of
/// submissions a second be durable without weakening that setting. A write that fails rolls
/// back to its savepoint alone; the others still commit. Nobody is answered before the commit
/// that holds their write has finished, so nothing acknowledged is lost.
///
/// Batches form by themselves: while one transaction commits, the next batch gathers. A lone
/// write is committed at once, so there is no added wait when the system is quiet.
actor GroupCommit {
    typealias Work = @Sendable (Database) async throws -> any Sendable

    private struct Job {
        let work: Work
        let continuation: CheckedContinuation<any Sendable, Error>
    }

    /// Enough to amortise the commit; small enough that one batch never holds the writer long.
    static let maxBatch = 200

    /// Weak: the application owns this writer through its services.
    private weak var application: Vapor.Application?
    private var pending: [Job] = []
    private var flushing = false

    init(application: Vapor.Application) {
        self.application = application
    }

    /// Runs `work` in the next shared transaction and returns its result once committed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { continuation in
            pending.append(Job(work: { try await work($0) }, continuation: continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
        return result as! T
    }

    private func takeBatch() -> [Job] {
        let batch = Array(pending.prefix(Self.maxBatch))
        pending.removeFirst(batch.count)
        if batch.isEmpty { flushing = false }
        return batch
    }

    private func flush() async {
        while true {
            let batch = takeBatch()
            guard !batch.isEmpty else { return }
            await commit(batch)
        }
    }

    private nonisolated func commit(_ batch: [Job]) async {
        guard let application = await self.application else {
            for job in batch { job.continuation.resume(throwing: Abort(.serviceUnavailable)) }
            return
        }
        let outcomes: [Result<any Sendable, Error>]
        do {
            outcomes = try await run(batch, deferringRows: true, in: application)
        } catch {
            // The held-back rows could not be written together (a rare clash such as a duplicate
            // receipt number): nothing of the batch is stored, so run it again row by row, where
            // a clash fails only the write that caused it.
            do {
                outcomes = try await run(batch, deferringRows: false, in: application)
            } catch {
                // The commit itself failed: none of the batch is stored, so every caller hears so.
                for job in batch { job.continuation.resume(throwing: error) }
                return
            }
        }
        for (job, outcome) in zip(batch, outcomes) { job.continuation.resume(with: outcome) }
    }

    private nonisolated func run(_ batch: [Job], deferringRows: Bool,
                                 in application: Vapor.Application) async throws -> [Result<any Sendable, Error>] {
        try await application.write { db in
            let sql = db as! SQLDatabase
            let deferred = deferringRows ? DeferredRows() : nil
            var results: [Result<any Sendable, Error>] = []
            for (index, job) in batch.enumerated() {
                let savepoint = SQLRaw("g\(index)")
                let mark = deferred?.mark()
                try await sql.raw("SAVEPOINT \(savepoint)").run()
                do {
                    let result = try await DeferredRows.$current.withValue(deferred) { try await job.work(db) }
                    try await sql.raw("RELEASE SAVEPOINT \(savepoint)").run()
                    // Only now: a failed release must count as this write's failure, once.
                    results.append(.success(result))
                } catch {
                    try await sql.raw("ROLLBACK TO SAVEPOINT \(savepoint)").run()
                    try await sql.raw("RELEASE SAVEPOINT \(savepoint)").run()
                    if let mark { deferred?.rollBack(to: mark) }
                    results.append(.failure(error))
                }
            }
            try await deferred?.flush(on: sql, log: application.zhengwu.audit)
            return results
        }
    }
}
