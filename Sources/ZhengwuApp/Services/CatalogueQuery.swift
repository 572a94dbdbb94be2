import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The public catalogue's listings and look-ups, in SQL: they run on every catalogue page.
enum CatalogueQuery {
    struct Filter: Sendable {
        var text = ""
        var departmentID: UUID?
        var lifeEvent: LifeEvent?
        var applicantKind: ApplicantKind?

        init() {}

        /// The filters of a page or API request: `q`, `department`, `event`, `applicant`;
        /// unknown values are ignored.
        init(query: URLQueryContainer) {
            text = String((query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(60))
            departmentID = query[String.self, at: "department"].flatMap(UUID.init(uuidString:))
            lifeEvent = query[String.self, at: "event"].flatMap(LifeEvent.init(rawValue:))
            applicantKind = query[String.self, at: "applicant"].flatMap(ApplicantKind.init(rawValue:))
        }
    }

    struct Row: Sendable, Codable {
        let id: UUID
        let code: String
        let name: String
        let departmentName: String
        let promisedLimitDays: Int
        let onlineDepth: Int
        let maxVisits: Int
        let handling: String
        let availability: String
    }

    /// Published items matching `filter`, by name match first then catalogue order.
    static func list(_ filter: Filter, page: Int, on database: Database) async throws -> (rows: [Row], total: Int) {
        let sql = database as! SQLDatabase
        let isSQLite = sql.dialect.name == "sqlite"
        var conditions: [SQLQueryString] = ["i.published_revision_id IS NOT NULL"]
        if let department = filter.departmentID { conditions.append("i.department_id = \(bind: department)") }
        if let event = filter.lifeEvent { conditions.append("i.life_events LIKE \(bind: "%,\(event.rawValue),%")") }
        if let kind = filter.applicantKind { conditions.append("i.applicant_kinds LIKE \(bind: "%,\(kind.rawValue),%")") }
        let terms = CatalogueSearchIndex.terms(of: filter.text)
        if !terms.isEmpty {
            if isSQLite, terms.allSatisfy({ $0.count >= 3 }) {
                conditions.append("""
                    i.id IN (SELECT item_id FROM service_search WHERE service_search MATCH \(bind: CatalogueSearchIndex.matchExpression(terms)))
                    """)
            } else {
                for term in terms {
                    conditions.append(isSQLite
                        ? "instr(lower(i.search_text), lower(\(bind: term))) > 0"
                        : "strpos(lower(i.search_text), lower(\(bind: term))) > 0")
                }
            }
        }
        let whereClause = conditions.map { "(" + $0 + ")" }.joined(separator: " AND ")
        // Items named by the first word come first, then those listing it as a keyword.
        let position: SQLQueryString = isSQLite ? "instr" : "strpos"
        let nameFirst: SQLQueryString = terms.first.map {
            "CASE WHEN \(position)(i.name, \(bind: $0)) > 0 THEN 0 WHEN \(position)(i.search_text, \(bind: $0)) > 0 THEN 1 ELSE 2 END,"
        } ?? ""
        let range = Pager.rows(ofPage: page)
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM service_items i WHERE \(whereClause)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT i.id, i.code, i.name, d.name AS department_name, i.promised_limit_days, i.online_depth, i.max_visits,
                   i.handling, i.availability
            FROM service_items i JOIN departments d ON d.id = i.department_id
            WHERE \(whereClause)
            ORDER BY \(nameFirst) d.sort_order, i.code
            LIMIT \(literal: range.count) OFFSET \(literal: range.lowerBound)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (rows, total)
    }

    /// A published guide with what the guide page shows around it.
    struct Published: Sendable {
        let item: ItemSummary
        let guide: ServiceGuide
        let revisionNumber: Int
        let publishedAt: Date?
        let department: DepartmentSummary
        let jointDepartments: [DepartmentSummary]
    }

    struct ItemSummary: Sendable {
        let id: UUID
        let code: String
        let availability: ItemAvailability
        let availabilityNotice: String
    }

    struct DepartmentSummary: Sendable, Codable {
        let id: UUID
        let code: String
        let name: String
        let shortName: String
        let regionCode: String
    }

    static func published(code: String, on database: Database) async throws -> Published? {
        guard let item = try await ServiceItem.query(on: database).filter(\.$code == code).first(),
              let revisionID = item.publishedRevisionID,
              let revision = try await ServiceItemRevision.find(revisionID, on: database),
              let department = try await Department.find(item.departmentID, on: database) else { return nil }
        let guide = try revision.guide
        let partners = guide.jointDepartmentCodes.isEmpty ? [] :
            try await Department.query(on: database).filter(\.$code ~~ guide.jointDepartmentCodes).all()
        return Published(
            item: ItemSummary(id: try item.requireID(), code: item.code, availability: item.availability,
                              availabilityNotice: item.availabilityNotice),
            guide: guide, revisionNumber: revision.number, publishedAt: revision.publishedAt,
            department: try DepartmentSummary(department),
            jointDepartments: try partners.map(DepartmentSummary.init))
    }

    /// Departments that own at least one published item, for the browse-by-department list.
    static func departmentsWithItems(on database: Database) async throws -> [(id: UUID, name: String, count: Int)] {
        struct Counted: Decodable { let id: UUID; let name: String; let n: Int }
        let sql = database as! SQLDatabase
        return try await sql.raw("""
            SELECT d.id, d.name, COUNT(*) AS n FROM service_items i JOIN departments d ON d.id = i.department_id
            WHERE i.published_revision_id IS NOT NULL GROUP BY d.id, d.name, d.sort_order ORDER BY d.sort_order
            """).all(decoding: Counted.self).map { ($0.id, $0.name, $0.n) }
    }
}

extension CatalogueQuery.DepartmentSummary {
    init(_ department: Department) throws {
        self.init(id: try department.requireID(), code: department.code, name: department.name, shortName: department.shortName,
                  regionCode: department.regionCode)
    }
}
