import Vapor

/// Periodic work of a running server: deeming acceptances (art. 32) and delivering messages.
/// Every instance runs it; each job is safe to run twice (see DeemAcceptances, NotificationOutbox).
public final class BackgroundWork: Sendable {
    private let task: Task<Void, Never>

    public init(app: Application) {
        let sender = NotificationOutbox.sender(for: app)
        task = Task {
            var tick = 0
            while !Task.isCancelled {
                do {
                    try await NotificationOutbox.deliver(app: app, sender: sender)
                    // Deadlines move by the day; once a minute is plenty.
                    if tick % 12 == 0 { try await DeemAcceptances.run(services: app.zhengwu, app: app) }
                } catch {
                    app.logger.error("Background work failed: \(error)")
                }
                tick += 1
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }

    public func stop() async {
        task.cancel()
        await task.value
    }
}
