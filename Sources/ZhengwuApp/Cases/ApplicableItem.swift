import Fluent
import SQLKit
import Foundation
import NIOConcurrencyHelpers
import ZhengwuCore

/// An item as an application needs it: the published guide (whose form and materials govern
/// the case), the lead department and the joint-handling partners.
struct ApplicableItem: Sendable {
    let itemID: UUID
    let revisionID: UUID
    let guide: ServiceGuide
    let availability: ItemAvailability
    let departmentID: UUID
    let departmentName: String
    let regionCode: String
    let partnerDepartmentIDs: [UUID]

    var policySubject: CasePolicy.Subject {
        CasePolicy.Subject(leadDepartmentID: departmentID.uuidString,
                           partnerDepartmentIDs: Set(partnerDepartmentIDs.map(\.uuidString)), regionCode: regionCode)
    }

    /// The listing columns an application needs, read without Fluent: every submission asks.
    private struct ItemRow {
        let id: UUID
        let departmentId: UUID
        let availability: ItemAvailability
        let publishedRevisionId: UUID?

        init?(_ row: any SQLRow) throws {
            guard let availability = ItemAvailability(rawValue: try row.decode(column: "availability", as: String.self)) else { return nil }
            id = try row.decode(column: "id", as: UUID.self)
            departmentId = try row.decode(column: "department_id", as: UUID.self)
            self.availability = availability
            publishedRevisionId = try row.decode(column: "published_revision_id", as: UUID?.self)
        }
    }

    /// The item's currently published version.
    static func published(code: String, on db: Database) async throws -> ApplicableItem? {
        guard let item = try await itemRow("code = \(bind: code)", on: db), let revisionID = item.publishedRevisionId else { return nil }
        return try await load(item: item, revisionID: revisionID, on: db)
    }

    /// The version a case was made under, even if a newer one has been published since.
    static func version(itemID: UUID, revisionID: UUID, on db: Database) async throws -> ApplicableItem? {
        guard let item = try await itemRow("id = \(bind: itemID)", on: db) else { return nil }
        return try await load(item: item, revisionID: revisionID, on: db)
    }

    private static func itemRow(_ condition: SQLQueryString, on db: Database) async throws -> ItemRow? {
        try await (db as! SQLDatabase).raw("""
            SELECT id, department_id, availability, published_revision_id FROM service_items WHERE \(condition)
            """).first().flatMap(ItemRow.init)
    }

    private static func load(item: ItemRow, revisionID: UUID, on db: Database) async throws -> ApplicableItem? {
        guard let resolved = try await PublishedGuides.shared.resolve(revisionID, departmentID: item.departmentId, on: db) else {
            return nil
        }
        return ApplicableItem(
            itemID: item.id, revisionID: revisionID, guide: resolved.guide, availability: item.availability,
            departmentID: item.departmentId, departmentName: resolved.departmentName, regionCode: resolved.regionCode,
            partnerDepartmentIDs: resolved.partners)
    }
}

/// Published guide versions never change, so each is decoded once per process and kept with
/// its departments: the guide page and every submission read them. Department details are
/// refreshed after a minute, so a renamed department shows soon without a restart.
final class PublishedGuides: Sendable {
    static let shared = PublishedGuides()
    static let lifetime: TimeInterval = 60

    struct Resolved: Sendable {
        let guide: ServiceGuide
        let partners: [UUID]
        let departmentName: String
        let regionCode: String
        let loadedAt: Date
    }

    private let cache = NIOLockedValueBox<[UUID: Resolved]>([:])

    func resolve(_ revisionID: UUID, departmentID: UUID, on db: Database) async throws -> Resolved? {
        if let hit = cache.withLockedValue({ $0[revisionID] }), Date().timeIntervalSince(hit.loadedAt) < Self.lifetime { return hit }
        guard let revision = try await ServiceItemRevision.find(revisionID, on: db),
              [.published, .superseded].contains(revision.state),
              let department = try await Department.find(departmentID, on: db) else { return nil }
        let guide = try revision.guide
        let partners = guide.jointDepartmentCodes.isEmpty ? [] :
            try await Department.query(on: db).filter(\.$code ~~ guide.jointDepartmentCodes).all().map { try $0.requireID() }
        let resolved = Resolved(guide: guide, partners: partners, departmentName: department.name,
                                regionCode: department.regionCode, loadedAt: Date())
        cache.withLockedValue { $0[revisionID] = resolved }
        return resolved
    }
}
