import Fluent
import Foundation
import ZhengwuCore

/// The hotline office's settings: the sign-for and reply deadlines (TicketDeadlines) and the days
/// a department has to fix what a bad review found. Kept as one site setting, in JSON.
struct TicketSettings: Codable, Sendable, Equatable {
    var deadlines: TicketDeadlines
    var rectificationDays: Int

    static let standard = TicketSettings(deadlines: .standard, rectificationDays: 15)
    static let key = "ticket_settings"

    static func load(on db: Database) async throws -> TicketSettings {
        guard let row = try await SiteSetting.find(key, on: db),
              let settings = try? JSONDecoder().decode(TicketSettings.self, from: Data(row.value.utf8)) else { return .standard }
        return settings
    }

    func save(on db: Database) async throws {
        try await SiteSetting.put(Self.key, String(decoding: try JSONEncoder.sorted.encode(self), as: UTF8.self), on: db)
    }
}
