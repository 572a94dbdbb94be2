import Fluent
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

    /// The item's currently published version.
    static func published(code: String, on db: Database) async throws -> ApplicableItem? {
        guard let item = try await ServiceItem.query(on: db).filter(\.$code == code).first(),
              let revisionID = item.publishedRevisionID else { return nil }
        return try await load(item: item, revisionID: revisionID, on: db)
    }

    /// The version a case was made under, even if a newer one has been published since.
    static func version(itemID: UUID, revisionID: UUID, on db: Database) async throws -> ApplicableItem? {
        guard let item = try await ServiceItem.find(itemID, on: db) else { return nil }
        return try await load(item: item, revisionID: revisionID, on: db)
    }

    private static func load(item: ServiceItem, revisionID: UUID, on db: Database) async throws -> ApplicableItem? {
        guard let department = try await Department.find(item.departmentID, on: db),
              let resolved = try await PublishedGuides.shared.resolve(revisionID, on: db) else { return nil }
        return ApplicableItem(
            itemID: try item.requireID(), revisionID: revisionID, guide: resolved.guide, availability: item.availability,
            departmentID: item.departmentID, departmentName: department.name, regionCode: department.regionCode,
            partnerDepartmentIDs: resolved.partners)
    }
}

/// Published guide versions never change, so each is decoded once per process and kept: the
/// guide page and every submission read them. Safe with several instances for the same reason.
final class PublishedGuides: Sendable {
    static let shared = PublishedGuides()

    struct Resolved: Sendable {
        let guide: ServiceGuide
        let partners: [UUID]
    }

    private let cache = NIOLockedValueBox<[UUID: Resolved]>([:])

    func resolve(_ revisionID: UUID, on db: Database) async throws -> Resolved? {
        if let hit = cache.withLockedValue({ $0[revisionID] }) { return hit }
        guard let revision = try await ServiceItemRevision.find(revisionID, on: db),
              [.published, .superseded].contains(revision.state) else { return nil }
        let guide = try revision.guide
        let partners = guide.jointDepartmentCodes.isEmpty ? [] :
            try await Department.query(on: db).filter(\.$code ~~ guide.jointDepartmentCodes).all().map { try $0.requireID() }
        let resolved = Resolved(guide: guide, partners: partners)
        cache.withLockedValue { $0[revisionID] = resolved }
        return resolved
    }
}
