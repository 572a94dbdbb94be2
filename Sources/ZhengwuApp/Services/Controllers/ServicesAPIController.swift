import Fluent
import Vapor
import ZhengwuCore

/// `GET /api/v1/services` and `GET /api/v1/services/{code}`: the catalogue as JSON, with the
/// same filters as the pages. The detail is the published guide itself (ServiceGuide's fields).
struct ServicesAPIController {
    struct Summary: Content {
        let code: String
        let name: String
        let department: String
        let promisedLimitDays: Int
        let handling: String
        let onlineDepth: Int
        let maxVisits: Int
        let availability: String
    }

    struct ListBody: Content {
        let total: Int
        let page: Int
        let pageSize: Int
        let items: [Summary]
    }

    struct DetailBody: Content {
        let guide: ServiceGuide
        let department: CatalogueQuery.DepartmentSummary
        let jointDepartments: [CatalogueQuery.DepartmentSummary]
        let availability: String
        let availabilityNotice: String
        let version: Int
        let publishedAt: Date?
    }

    func list(_ req: Request) async throws -> ListBody {
        let filter = CatalogueQuery.Filter(query: req.query)
        let (rows, total) = try await CatalogueQuery.list(filter, page: req.pageNumber, on: req.db)
        return ListBody(total: total, page: req.pageNumber, pageSize: Pager.pageSize, items: rows.map {
            Summary(code: $0.code, name: $0.name, department: $0.departmentName, promisedLimitDays: $0.promisedLimitDays,
                    handling: $0.handling, onlineDepth: $0.onlineDepth, maxVisits: $0.maxVisits, availability: $0.availability)
        })
    }

    func show(_ req: Request) async throws -> DetailBody {
        guard let code = req.parameters.get("code"),
              let published = try await CatalogueQuery.published(code: code, on: req.db) else { throw Abort(.notFound) }
        return DetailBody(guide: published.guide, department: published.department, jointDepartments: published.jointDepartments,
                          availability: published.item.availability.rawValue,
                          availabilityNotice: published.item.availabilityNotice, version: published.revisionNumber,
                          publishedAt: published.publishedAt)
    }
}
