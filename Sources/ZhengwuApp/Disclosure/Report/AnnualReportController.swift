import Fluent
import Foundation
import Vapor
import ZhengwuCore

/// 政府信息公开工作年度报告 in the workbench: the tables of sections 二, 三 and 四 for one organ or
/// the whole government, with the checks the published tables must pass; the figures the
/// platform does not hold, entered per organ; and the report as CSV and JSON. Who sees what is
/// DisclosurePolicy.mayReport alone.
struct AnnualReportController {
    struct ReportPage: Encodable {
        let year: Int
        let organs: [SelectOption]
        let tables: AnnualReportTables
        /// What each failed check says; empty when the report adds up.
        let checks: [String]
        let csv: String
        let json: String
        let message: String?
        /// The figures form's values and errors (empty for the whole government, which has no form).
        let form: FormState
        let figures: AnnualReportFiguresForm.Shown?
        /// Whether the breadcrumb may lead to the publications, which supervisors do not work on.
        let worksOnPublications: Bool
    }

    func page(_ req: Request) async throws -> Response {
        let actor = try staff(req)
        let (year, organ) = try await target(req, actor: actor)
        let message = req.query[String.self, at: "done"] == "figures" ? req.t("annual_report.figures.saved") : nil
        return try await render(req, actor: actor, year: year, organ: organ, form: nil, message: message)
    }

    /// The CSV file (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese);
    /// each export is on the audit trail.
    func csv(_ req: Request) async throws -> Response {
        let actor = try staff(req)
        let (year, organ) = try await target(req, actor: actor)
        let report = try await AnnualReportData.make(year: year, organ: organ, on: req.db)
        try await audit(req, format: "csv", year: year, organ: organ)
        let text = AnnualReportExport.csv(report, localizer: req.zhengwu.localizer, language: req.language.code, byteOrderMark: true)
        return Self.download(Response.Body(string: text), type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
                             fileName: Self.fileName(year: year, organ: organ, extension: "csv"))
    }

    /// The JSON file: the report as AnnualDisclosureReport encodes it, keys sorted, plus `checks`.
    func json(_ req: Request) async throws -> Response {
        let actor = try staff(req)
        let (year, organ) = try await target(req, actor: actor)
        let report = try await AnnualReportData.make(year: year, organ: organ, on: req.db)
        try await audit(req, format: "json", year: year, organ: organ)
        let data = try AnnualReportExport.json(report, localizer: req.zhengwu.localizer, language: req.language.code)
        return Self.download(Response.Body(data: data), type: HTTPMediaType(type: "application", subType: "json", parameters: ["charset": "utf-8"]),
                             fileName: Self.fileName(year: year, organ: organ, extension: "json"))
    }

    /// Saves the figures staff enter for one organ and year. Anything unreadable shows the page
    /// again with the fields named, and nothing is stored.
    func saveFigures(_ req: Request) async throws -> Response {
        let actor = try staff(req)
        let year = try Self.year((try? req.content.get(String.self, at: "year")) ?? "", on: req)
        let code = ((try? req.content.get(String.self, at: "organ")) ?? "").trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { throw AppError.badRequest(LocalizedMessage("annual_report.error.organ_required")) }
        guard let organ = try await Department.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound }
        guard DisclosurePolicy.mayReport(actor, organ: try Self.policyOrgan(organ)) else { throw AppError.forbidden }
        let form = AnnualReportFiguresForm(reading: req)
        guard let figures = form.figures else {
            return try await render(req, actor: actor, year: year, organ: organ, form: form, message: nil, status: .unprocessableEntity)
        }
        let name = try req.requireSignedIn().displayName
        let organID = try organ.requireID()
        let now = req.now
        try await req.application.write { db in
            let stored = try await DisclosureReportFigures.query(on: db).filter(\.$organID == organID).filter(\.$year == year).first()
            let row = stored ?? DisclosureReportFigures(organID: organID, year: year)
            let before = row.figuresJSON
            try row.store(figures)
            row.updatedByName = name
            row.updatedAt = now
            try await row.save(on: db)
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "disclosure_report.figures", subject: "organ:\(code)",
                                               detail: ["year": String(year), "figures": row.figuresJSON, "before": before])
        }
        return req.redirect(to: "/disclosure/report?" + Self.query(year: year, organCode: code) + "&done=figures")
    }

    private func render(_ req: Request, actor: Actor, year: Int, organ: Department?, form: AnnualReportFiguresForm?, message: String?,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let report = try await AnnualReportData.make(year: year, organ: organ, on: req.db)
        let localizer = req.zhengwu.localizer, language = req.language.code
        var organs: [SelectOption] = []
        if DisclosurePolicy.mayReport(actor, organ: nil) {
            organs.append(SelectOption(value: "", label: req.t(AnnualDisclosureReport.wholeGovernmentKey), selected: organ == nil))
        }
        for department in try await Department.query(on: req.db).sort(\.$sortOrder).all() {
            if DisclosurePolicy.mayReport(actor, organ: try Self.policyOrgan(department)) {
                organs.append(SelectOption(value: department.code, label: department.name, selected: department.id == organ?.id))
            }
        }
        // Only an organ's report has figures to enter; the whole government's are the organs' added up.
        var figures: AnnualReportFiguresForm.Shown?
        var formState = FormState()
        if let organ {
            let stored = try await DisclosureReportFigures.query(on: req.db).filter(\.$organID == organ.requireID())
                .filter(\.$year == year).first()
            let shown = try form ?? AnnualReportFiguresForm(showing: stored?.figures ?? AnnualDisclosureReport.EnteredFigures())
            let updated = stored.map { req.t("annual_report.figures.updated", ["name": $0.updatedByName, "at": DisplayTime.minute($0.updatedAt)]) }
            figures = shown.view(organCode: organ.code, updated: updated, on: req)
            formState = shown.state
        }
        let query = Self.query(year: year, organCode: organ?.code ?? "")
        let page = ReportPage(
            year: year, organs: organs, tables: AnnualReportTables(report, label: { req.t($0) }),
            checks: AnnualReportExport.checkMessages(report, localizer: localizer, language: language),
            csv: "/disclosure/report.csv?" + query, json: "/disclosure/report.json?" + query, message: message,
            form: formState, figures: figures,
            worksOnPublications: DisclosurePolicy.worksOnDisclosure(actor))
        return try await req.renderPage("staff/disclosure-report", title: AnnualReportExport.heading(report, localizer: localizer, language: language),
                                        page, status: status)
    }

    /// The year and organ asked for, once the actor may see that report. With no `organ` in the
    /// address the report is the whole government's for those who may read it, otherwise the
    /// actor's own organ's; an empty `organ` always means the whole government.
    private func target(_ req: Request, actor: Actor) async throws -> (year: Int, organ: Department?) {
        let year = try Self.year(req.query[String.self, at: "year"] ?? "", on: req)
        let code = req.query[String.self, at: "organ"]?.trimmingCharacters(in: .whitespaces)
        var organ: Department?
        if let code, !code.isEmpty {
            guard let found = try await Department.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound }
            organ = found
        } else if code == nil, !DisclosurePolicy.mayReport(actor, organ: nil),
                  let own = actor.departmentID.flatMap(UUID.init(uuidString:)) {
            organ = try await Department.find(own, on: req.db)
        }
        let allowed = try organ.map { DisclosurePolicy.mayReport(actor, organ: try Self.policyOrgan($0)) }
            ?? DisclosurePolicy.mayReport(actor, organ: nil)
        guard allowed else { throw AppError.forbidden }
        return (year, organ)
    }

    /// The year typed, or this year (in China) when none is; outside `AnnualReportExport.years` is a bad request.
    static func year(_ typed: String, on req: Request) throws -> Int {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return LocalDate(req.now, in: WorkingCalendar.default.timeZone).year }
        guard let year = Int(text), AnnualReportExport.years.contains(year) else {
            throw AppError.badRequest(LocalizedMessage("annual_report.error.year", [
                "min": String(AnnualReportExport.years.lowerBound), "max": String(AnnualReportExport.years.upperBound),
            ]))
        }
        return year
    }

    static func policyOrgan(_ department: Department) throws -> DisclosurePolicy.Organ {
        DisclosurePolicy.Organ(id: try department.requireID().uuidString, regionCode: department.regionCode)
    }

    /// `year=2026&organ=MZJ`; an empty organ is the whole government.
    static func query(year: Int, organCode: String) -> String {
        "year=\(year)&organ=" + (organCode.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    static func fileName(year: Int, organ: Department?, extension suffix: String) -> String {
        "disclosure-report-\(year)-\(organ?.code ?? "all").\(suffix)"
    }

    static func download(_ body: Response.Body, type: HTTPMediaType, fileName: String) -> Response {
        let response = Response(status: .ok, body: body)
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return response
    }

    private func audit(_ req: Request, format: String, year: Int, organ: Department?) async throws {
        let subject = "organ:" + (organ?.code ?? "all")
        try await req.application.write { db in
            try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "disclosure_report.exported", subject: subject,
                                               detail: ["year": String(year), "format": format])
        }
    }

    /// Any member of staff past both sign-in factors; which reports they see is decided per report.
    private func staff(_ req: Request) throws -> Actor {
        guard let actor = try req.requireSignedIn().completeActor, actor.kind == .staff else { throw AppError.forbidden }
        return actor
    }
}
