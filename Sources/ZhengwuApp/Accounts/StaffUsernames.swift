import Fluent
import Foundation
import ZhengwuCore

/// Staff are typed by username (转办 to whom, 会签 by whom) and stored by account id.
enum StaffUsernames {
    /// Username → account id (uuidString) for the active staff accounts among `names`.
    static func accountIDs(for names: [String], on db: Database) async throws -> [String: String] {
        guard !names.isEmpty else { return [:] }
        let accounts = try await Account.query(on: db).filter(\.$kind == .staff).filter(\.$username ~~ names)
            .filter(\.$disabledAt == nil).all()
        return Dictionary(accounts.compactMap { account in
            account.username.flatMap { name in account.id.map { (name, $0.uuidString) } }
        }) { first, _ in first }
    }

    /// Account id → (username, display name), for showing stored ids.
    static func people(for ids: [String], on db: Database) async throws -> [String: (username: String, name: String)] {
        let uuids = ids.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [:] }
        let accounts = try await Account.query(on: db).filter(\.$id ~~ uuids).all()
        return Dictionary(accounts.compactMap { account in
            account.id.map { ($0.uuidString, (account.username ?? "", account.displayName)) }
        }) { first, _ in first }
    }
}
