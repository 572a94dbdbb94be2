import Fluent
import SQLKit
import Foundation
import Vapor
import ZhengwuCore

/// Sends a text message to a phone. The platform ships two: an HTTP gateway and the log.
protocol SMSSender: Sendable {
    func send(to phone: String, text: String) async throws
}

/// Writes messages to the log (masked number), for installations without a gateway.
struct LogSMSSender: SMSSender {
    let logger: Logger

    func send(to phone: String, text: String) async throws {
        logger.notice("SMS to \(Masking.phone(phone)): \(text)")
    }
}

/// Posts `{"phone": …, "text": …}` with a bearer key to the configured gateway; any answer
/// other than 2xx counts as a failure to retry.
struct HTTPSMSSender: SMSSender {
    let settings: ZhengwuConfig.SMSGatewaySettings
    let client: Client

    struct Message: Content {
        let phone: String
        let text: String
    }

    func send(to phone: String, text: String) async throws {
        // A gateway that never answers must not hold messages (or the sender) forever.
        let response = try await client.post(URI(string: settings.url)) { request in
            request.timeout = .seconds(15)
            request.headers.bearerAuthorization = BearerAuthorization(token: settings.key)
            try request.content.encode(Message(phone: phone, text: text))
        }
        guard (200..<300).contains(response.status.code) else { throw Abort(.badGateway) }
    }
}

/// Delivers pending messages. Claiming a message (moving its next attempt forward) happens in
/// a write before sending, so two instances never send the same message in the same round;
/// failures back off (1, 2, 4 … minutes, about four hours in all) and then stop.
enum NotificationOutbox {
    static let maxAttempts = 8

    static func sender(for app: Vapor.Application) -> SMSSender {
        if let gateway = app.zhengwu.config.smsGateway { return HTTPSMSSender(settings: gateway, client: app.client) }
        return LogSMSSender(logger: app.logger)
    }

    /// Sends what is due; returns how many were sent.
    @discardableResult
    static func deliver(app: Vapor.Application, sender: SMSSender, batch: Int = 50) async throws -> Int {
        let services = app.zhengwu
        let now = services.clock.now()
        let claimed = try await app.write { db -> [Notification] in
            // Rows another instance has claimed in its running transaction are skipped, and a
            // claim moves the next attempt forward, so each message is sent by one instance.
            let ids = try await (db as! SQLDatabase).raw("""
                SELECT id FROM notifications WHERE delivery = \(bind: Notification.Delivery.pending.rawValue)
                AND next_attempt_at <= \(bind: now) ORDER BY next_attempt_at LIMIT \(literal: batch) \(CaseLock.skipLocked(db))
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            let due = ids.isEmpty ? [] : try await Notification.query(on: db).filter(\.$id ~~ ids).sort(\.$nextAttemptAt).all()
            for message in due {
                message.attempts += 1
                // Backs off 1, 2, 4 … minutes; a crash mid-send retries after that pause.
                message.nextAttemptAt = now.addingTimeInterval(60 * pow(2, Double(message.attempts - 1)))
                try await message.update(on: db)
            }
            return due
        }
        var sent = 0
        for message in claimed {
            var delivered = false
            do {
                try await sender.send(to: try services.vault.open(message.phoneSealed), text: message.message)
                delivered = true
                sent += 1
            } catch {
                app.logger.warning("SMS for \(message.receiptNumber) failed (attempt \(message.attempts)): \(error)")
            }
            let attempts = message.attempts
            let id = try message.requireID()
            let wasDelivered = delivered
            try await app.write { db in
                guard let fresh = try await Notification.find(id, on: db) else { return }
                if wasDelivered {
                    fresh.delivery = .sent
                    fresh.sentAt = services.clock.now()
                } else if attempts >= maxAttempts {
                    fresh.delivery = .failed
                }
                try await fresh.update(on: db)
            }
        }
        return sent
    }
}
