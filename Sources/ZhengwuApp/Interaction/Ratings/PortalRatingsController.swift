import Fluent
import SQLKit
import Vapor
import ZhengwuCore

/// 好差评 on the portal: the applicant rates their concluded application, and anyone sees the
/// satisfaction of each department and service with the fixes departments chose to publish.
struct PortalRatingsController {
    struct RatePage: Encodable {
        let id: String
        let receipt: String
        let item: String
        let given: String?
        let levels: [SelectOption]
        let form: FormState
        let notice: String?
    }

    struct FigureRow: Encodable {
        let name: String
        let total: Int
        let bad: Int
        let satisfied: String
    }

    struct Fix: Encodable {
        let service: String
        let department: String
        let note: String
        let fixedOn: String
    }

    struct SatisfactionPage: Encodable {
        let departments: [FigureRow]
        let services: [FigureRow]
        let fixes: [Fix]
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, try await ownCase(req), form: FormState(), notice: nil)
    }

    func rate(_ req: Request) async throws -> Response {
        let record = try await ownCase(req)
        var (form, raw) = FormState.reading(req, fields: ["level", "comment"])
        guard let level = Int(raw["level"] ?? "").flatMap(SatisfactionLevel.init(rawValue:)) else {
            form.add("level", req.t("rating.error.level"))
            return try await render(req, record, form: form, notice: nil, status: .unprocessableEntity)
        }
        let comment = form.text("comment", in: raw, atMost: 1000, on: req)
        guard form.isValid else { return try await render(req, record, form: form, notice: nil, status: .unprocessableEntity) }
        let outcome = try await req.application.write { db in
            try await RateSubject.application(record, level: level, comment: comment, channel: .online, services: req.zhengwu,
                                              auditActor: req.auditActor, now: req.now, on: db)
        }
        switch outcome {
        case .rated: return try await render(req, record, form: FormState(), notice: req.t("rating.thanks"))
        case .alreadyRated, .notRatable:
            form.add("level", req.t(outcome == .alreadyRated ? "rating.error.already" : "rating.error.not_ratable"))
            return try await render(req, record, form: form, notice: nil, status: .conflict)
        }
    }

    private func render(_ req: Request, _ record: ServiceCase, form: FormState, notice: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let id = try record.requireID()
        let given = try await Rating.query(on: req.db).filter(\.$subject == .application).filter(\.$subjectID == id).first()
        return try await req.renderPage("portal/rate", titleKey: "rating.title", RatePage(
            id: id.uuidString, receipt: record.receiptNumber ?? "", item: record.itemName, given: given.map { req.t($0.satisfaction.messageKey) },
            levels: SatisfactionLevel.choices(selected: form.values["level"], on: req),
            form: form, notice: notice), status: status)
    }

    private func ownCase(_ req: Request) async throws -> ServiceCase {
        let signedIn = try req.requireSignedIn()
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await ServiceCase.find(id, on: req.db),
              record.applicantAccountID == signedIn.accountID else { throw Abort(.notFound) }
        return record
    }

    // MARK: public figures

    func satisfaction(_ req: Request) async throws -> Response {
        let sql = req.db as! SQLDatabase
        // Counted in the database: one row per department or service and level, with appeals
        // upheld left out (RatingAppeal.reviewCounts).
        func figures(by column: String) async throws -> [(key: String, name: String, figures: SatisfactionFigures)] {
            let rows = try await sql.raw("""
                SELECT r.subject AS subject, r.\(unsafeRaw: column) AS key, MAX(r.service_name) AS name, r.level AS level, COUNT(*) AS n
                FROM ratings r LEFT JOIN rectifications x ON x.rating_id = r.id
                WHERE x.appeal IS NULL OR x.appeal <> \(bind: RatingAppeal.upheld.rawValue)
                GROUP BY r.subject, r.\(unsafeRaw: column), r.level
                """).all()
            var grouped: [String: (String, SatisfactionFigures)] = [:]
            for row in rows {
                // Department ids are UUIDs (a blob in SQLite); service codes are text.
                // An application's item and a ticket's category are different services, even with one code.
                let key = column == "department_id" ? try row.decode(column: "key", as: UUID.self).uuidString
                    : try row.decode(column: "subject", as: String.self) + ":" + row.decode(column: "key", as: String.self)
                guard let level = SatisfactionLevel(rawValue: try row.decode(column: "level", as: Int.self)) else { continue }
                let name = try row.decode(column: "name", as: String.self)
                var entry = grouped[key] ?? (name, SatisfactionFigures())
                entry.1.add(level, count: try row.decode(column: "n", as: Int.self))
                grouped[key] = entry
            }
            return grouped.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.figures.total > $1.figures.total }
        }
        let departments = Dictionary(uniqueKeysWithValues: try await Department.names(on: req.db).map { ($0.key.uuidString, $0.value) })
        func row(_ name: String, _ figures: SatisfactionFigures) -> FigureRow {
            FigureRow(name: name, total: figures.total, bad: figures.bad,
                      satisfied: figures.satisfiedPerMille.map { String(format: "%.1f%%", Double($0) / 10) } ?? "—")
        }
        let fixes = try await Rectification.query(on: req.db).filter(\.$fixPublished == true).filter(\.$status == .fixed)
            .sort(\.$fixedAt, .descending).limit(50).all()
        let ratings = Dictionary(try await Rating.query(on: req.db).filter(\.$id ~~ fixes.map(\.ratingID)).all().map { ($0.id, $0) },
                                 uniquingKeysWith: { a, _ in a })
        return try await req.renderPage("portal/satisfaction", titleKey: "satisfaction.title", SatisfactionPage(
            departments: try await figures(by: "department_id").map { row(departments[$0.key] ?? "", $0.figures) },
            services: try await figures(by: "service_code").map { row($0.name, $0.figures) },
            fixes: fixes.map { fix in
                // Written by staff, but about a citizen's case: masked like every published text.
                Fix(service: ratings[fix.ratingID]?.serviceName ?? "", department: departments[fix.departmentID.uuidString] ?? "",
                    note: PublicTextMasking.mask(fix.fixNote), fixedOn: fix.fixedAt.map { DisplayTime.day($0) } ?? "")
            }))
    }
}
