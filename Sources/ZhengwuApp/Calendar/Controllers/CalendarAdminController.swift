import Fluent
import Vapor
import ZhengwuCore

/// 工作日历: administrators load or correct a year's holiday arrangement without a release.
struct CalendarAdminController {
    struct YearRow: Encodable {
        let year: Int
        let source: String
        let holidays: Int
        let makeupDays: Int
        let origin: String
        let editURL: String
    }

    struct PageBody: Encodable {
        let years: [YearRow]
        let form: FormState
        let warning: String?
        let notice: String?
    }

    @Sendable func show(_ req: Request) async throws -> Response {
        try requireEditor(req)
        var form = FormState()
        if let year = req.query[Int.self, at: "year"] {
            let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
            form.values["arrangement"] = calendar.arrangement(forYear: year)?.text ?? "year \(year)\nsource \n"
        }
        let notice = req.query[String.self, at: "saved"].map { req.t("calendar.admin.saved", ["year": $0]) }
        return try await render(req, form: form, notice: notice, status: .ok)
    }

    @Sendable func save(_ req: Request) async throws -> Response {
        try requireEditor(req)
        var (form, raw) = FormState.reading(req, fields: ["arrangement"])
        let text = raw["arrangement"] ?? ""
        let arrangement: HolidayArrangement
        do {
            arrangement = try HolidayArrangement.parse(text)
        } catch {
            form.add("arrangement", error.message, on: req)
            return try await render(req, form: form, notice: nil, status: .unprocessableEntity)
        }
        try await CalendarImport.save(arrangement, by: req.auditActor, in: req.application)
        return req.redirect(to: "/admin/calendar?saved=\(arrangement.year)")
    }

    @discardableResult
    private func requireEditor(_ req: Request) throws -> Actor {
        let actor = try req.requireSignedIn().actor
        guard AccountPolicy.permits(actor, .editCalendar) else { throw AppError.forbidden }
        return actor
    }

    private func render(_ req: Request, form: FormState, notice: String?, status: HTTPResponseStatus) async throws -> Response {
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let stored = Set(try await req.zhengwu.calendars.storedYears(on: req.db).compactMap(\.id))
        let years = calendar.arrangements.map { arrangement in
            YearRow(year: arrangement.year, source: arrangement.source, holidays: arrangement.holidays.count,
                    makeupDays: arrangement.makeupWorkdays.count,
                    origin: req.t(stored.contains(arrangement.year) ? "calendar.admin.origin.loaded" : "calendar.admin.origin.builtin"),
                    editURL: "/admin/calendar?year=\(arrangement.year)")
        }
        let thisYear = LocalDate(req.now, in: calendar.timeZone).year
        let missing = [thisYear, thisYear + 1].filter { !calendar.hasArrangement(forYear: $0) }
        let warning = missing.isEmpty ? nil
            : req.t("calendar.warning.unarranged", ["years": missing.map(String.init).joined(separator: ", ")])
        return try await req.renderPage("staff/calendar", titleKey: "calendar.admin.title",
                                        PageBody(years: years, form: form, warning: warning, notice: notice), status: status)
    }
}
