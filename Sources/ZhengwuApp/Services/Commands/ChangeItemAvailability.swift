import Fluent
import Foundation
import ZhengwuCore

/// Suspends (暂停办理), retires (取消) or reopens an item. A suspension or retirement must say
/// why, because the guide shows the notice to everyone who comes to apply.
enum ChangeItemAvailability {
    enum Outcome: Equatable {
        case changed
        case forbidden
        case notFound
        case noticeRequired
    }

    static func run(itemID: UUID, to availability: ItemAvailability, notice: String, actor: Actor, audit: AuditLog,
                    auditActor: AuditActor, on db: Database) async throws -> Outcome {
        guard let item = try await ServiceItem.find(itemID, on: db) else { return .notFound }
        guard CataloguePolicy.permits(actor, .changeAvailability, itemDepartmentID: item.departmentID.uuidString) else {
            return .forbidden
        }
        if availability != .active, notice.isEmpty { return .noticeRequired }
        item.availability = availability
        item.availabilityNotice = availability == .active ? "" : String(notice.prefix(500))
        try await item.update(on: db)
        try await audit.append(on: db, actor: auditActor, action: "catalogue.availability", subject: "item:\(item.code)",
                               detail: ["availability": availability.rawValue, "notice": item.availabilityNotice])
        return .changed
    }
}
