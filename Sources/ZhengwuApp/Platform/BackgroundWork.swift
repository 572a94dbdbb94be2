import Vapor

/// Periodic work of a running server: deeming acceptances (art. 32), noticing certificates about
/// to expire and granting renewals left undecided past expiry (art. 50), publishing editions at
/// their set time, closing information requests whose correction or fee lapsed, watching 12345
/// tickets, and delivering messages.
/// Every instance runs it; each job is safe to run twice (see DeemAcceptances, NotificationOutbox),
/// and the deadline watch runs on one instance at a time (WatchDeadlines, JobLease).
public final class BackgroundWork: Sendable {
    private let tasks: [Task<Void, Never>]
    private let app: Application
    /// This instance's name when it takes a job's lease.
    private let worker: String

    public init(app: Application) {
        let sender = NotificationOutbox.sender(for: app)
        let worker = UUID().uuidString
        self.app = app
        self.worker = worker
        // Separate loops: a slow SMS gateway must never hold up the legal deadlines.
        tasks = [
            Self.every(.seconds(60), app: app, name: "deeming acceptances") {
                try await DeemAcceptances.run(services: app.zhengwu, app: app)
            },
            Self.every(.seconds(3600), app: app, name: "expiring certificates") {
                _ = try await NoticeExpiringCertificates.run(services: app.zhengwu, app: app)
                try await DeemRenewalsGranted.run(services: app.zhengwu, app: app)
            },
            Self.every(.seconds(60), app: app, name: "watching deadlines") {
                try await WatchDeadlines.run(services: app.zhengwu, app: app, worker: worker, leaseSeconds: 180)
            },
            Self.every(.seconds(60), app: app, name: "watching 12345 tickets") {
                try await WatchTickets.run(services: app.zhengwu, app: app, worker: worker)
            },
            Self.every(.seconds(600), app: app, name: "scheduled backups") {
                try await ScheduledBackups.run(app: app, worker: worker)
            },
            Self.every(.seconds(3600), app: app, name: "checking the audit chain") {
                try await ScheduledAuditCheck.run(services: app.zhengwu, app: app, worker: worker)
            },
            // Keeps the performance rollup current, so a scoreboard seldom has a day to count.
            Self.every(.seconds(60), app: app, name: "performance rollup") {
                guard try await JobLease.acquire("performance-rollup", holder: worker, for: 180, now: app.zhengwu.clock.now(),
                                                 on: app.db) else { return }
                let calendar = try await app.zhengwu.calendars.calendar(on: app.db, now: app.zhengwu.clock.now())
                try await PerformanceRollup.refresh(calendar: calendar, app: app)
            },
            Self.every(.seconds(3600), app: app, name: "performance reports") {
                _ = try await PerformanceReports.runSchedule(services: app.zhengwu, app: app, worker: worker)
            },
            Self.every(.seconds(30), app: app, name: "scheduled publishing") {
                try await PublishScheduled.run(services: app.zhengwu, app: app, worker: worker)
            },
            // A lapse is decided by the day, so a ten-minute round closes it on its first morning.
            Self.every(.seconds(600), app: app, name: "closing lapsed information requests") {
                try await CloseLapsedRequests.run(services: app.zhengwu, now: app.zhengwu.clock.now(), app: app)
            },
            Self.every(.seconds(5), app: app, name: "sending messages") {
                try await NotificationOutbox.deliver(app: app, sender: sender)
            },
        ]
    }

    private static func every(_ pause: Duration, app: Application, name: String,
                              _ work: @escaping @Sendable () async throws -> Void) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                do { try await work() } catch { app.logger.error("Background work (\(name)) failed: \(error)") }
                try? await Task.sleep(for: pause)
            }
        }
    }

    /// Stops every loop, then gives up this instance's leases: none of its jobs is running any
    /// more, so a restart does not hold deadline warnings or publishing up until leases expire.
    public func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        do {
            try await JobLease.releaseAll(holder: worker, on: app.db)
        } catch {
            app.logger.warning("Could not give up the job leases; they expire on their own: \(error)")
        }
    }
}
