import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor
import ZhengwuCore

/// One node of the administrable category tree; the tree's rules are TicketCategoryTree's.
final class TicketCategoryRecord: Model, @unchecked Sendable {
    static let schema = "ticket_categories"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "parent_code") var parentCode: String?
    @OptionalField(key: "referral") var referral: TicketReferral?
    @OptionalField(key: "reply_days") var replyDays: Int?
    @Field(key: "takes_location") var takesLocation: Bool
    @Field(key: "sort_order") var sortOrder: Int

    init() {}

    var category: TicketCategory {
        TicketCategory(code: code, name: name, parentCode: parentCode, referral: referral, replyDays: replyDays,
                       takesLocation: takesLocation)
    }
}

/// A line of the dispatch catalogue (派单目录): tickets of a category, optionally only those
/// whose address names an area (a town or street), go to a lead department with helpers.
final class DispatchRule: Model, @unchecked Sendable {
    static let schema = "ticket_dispatch_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "category_code") var categoryCode: String
    /// "" for every area.
    @Field(key: "area") var area: String
    @Field(key: "lead_department_id") var leadDepartmentID: UUID
    /// Helper departments' ids, comma-separated.
    @Field(key: "helper_department_ids") var helperDepartmentIDs: String

    init() {}

    var helpers: [UUID] { helperDepartmentIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

/// The tree and the catalogue as the intake and dispatch screens use them.
struct TicketCatalogue: Sendable {
    let tree: TicketCategoryTree
    let rules: [(categoryCode: String, area: String, lead: UUID, helpers: [UUID])]

    static func load(on db: Database) async throws -> TicketCatalogue {
        let records = try await TicketCategoryRecord.query(on: db).sort(\.$sortOrder).sort(\.$code).all()
        let tree = validTree(records.map(\.category), logger: db.logger)
        let rules = try await DispatchRule.query(on: db).all().map { ($0.categoryCode, $0.area, $0.leadDepartmentID, $0.helpers) }
        return TicketCatalogue(tree: tree, rules: rules)
    }

    /// Trees are checked whole when saved, so a broken one means the table was edited by hand.
    /// Intake must go on: the categories at fault (and those below them) are left out and logged.
    static func validTree(_ categories: [TicketCategory], logger: Logger) -> TicketCategoryTree {
        var remaining = categories
        while true {
            do { return try TicketCategoryTree(validating: remaining) } catch {
                let code: String
                switch error {
                case .badCode(let c), .emptyName(let c), .duplicateCode(let c), .cycle(let c), .tooDeep(let c), .replyDaysOutOfRange(let c),
                     .unknownParent(let c, _): code = c
                }
                logger.error("Ticket category \(code) left out: \(error)")
                guard let index = remaining.lastIndex(where: { $0.code == code }) else { return try! TicketCategoryTree(validating: []) }
                remaining.remove(at: index)
            }
        }
    }

    /// The suggested departments for a ticket: the rule of the category (or its nearest
    /// ancestor) whose area the address names, else the rule for every area.
    func suggestion(category: String, address: String) -> (lead: UUID, helpers: [UUID])? {
        for node in tree.path(of: category).reversed() {
            let lines = rules.filter { $0.categoryCode == node.code }
            if let line = lines.first(where: { !$0.area.isEmpty && address.contains($0.area) }) ?? lines.first(where: { $0.area.isEmpty }) {
                return (line.lead, line.helpers)
            }
        }
        return nil
    }

    /// Categories a ticket can be filed under: every node not referred elsewhere, by path name.
    func choices(selected: String?) -> [SelectOption] {
        tree.categories.map { category in
            SelectOption(value: category.code, label: tree.path(of: category.code).map(\.name).joined(separator: " › "),
                         selected: category.code == selected)
        }
    }
}

/// The catalogue as requests read it: every intake, queue and Open311 call needs the tree, which
/// changes a few times a year. Kept for half a minute; a change made here is seen at once, on
/// other instances within the half minute.
final class TicketCatalogueCache: Sendable {
    private let cache = NIOLockedValueBox<(catalogue: TicketCatalogue?, loadedAt: Date)>((nil, .distantPast))

    func current(on db: Database, now: Date) async throws -> TicketCatalogue {
        let (catalogue, loadedAt) = cache.withLockedValue { $0 }
        if let catalogue, now >= loadedAt, now.timeIntervalSince(loadedAt) < 30 { return catalogue }
        let fresh = try await TicketCatalogue.load(on: db)
        cache.withLockedValue { $0 = (fresh, now) }
        return fresh
    }

    func invalidate() { cache.withLockedValue { $0.catalogue = nil } }
}

extension TicketCatalogue {
    static func current(_ req: Request) async throws -> TicketCatalogue {
        try await req.zhengwu.ticketCatalogue.current(on: req.db, now: req.now)
    }
}
