import Vapor
import ZhengwuCore

/// 办理时限计算器: a public page that adds working days to a date the way the law counts them
/// and lists every day it skipped and why.
struct DeadlineCalculatorController {
    struct SkippedDay: Encodable {
        let date: String
        let weekday: String
        let kind: String
        let label: String
    }

    struct Result: Encodable {
        let from: String
        let days: Int
        let due: String
        let dueWeekday: String
        let skipped: [SkippedDay]
        let warning: String?
    }

    struct PageBody: Encodable {
        let form: FormState
        let result: Result?
    }

    static let maximumDays = 400

    @Sendable func show(_ req: Request) async throws -> Response {
        let fromText = (req.query[String.self, at: "from"] ?? "").trimmingCharacters(in: .whitespaces)
        let daysText = (req.query[String.self, at: "days"] ?? "").trimmingCharacters(in: .whitespaces)
        var form = FormState()
        form.values = ["from": fromText, "days": daysText]
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        guard !fromText.isEmpty || !daysText.isEmpty else {
            form.values["from"] = LocalDate(req.now, in: calendar.timeZone).iso
            form.values["days"] = "20"
            return try await req.renderPage("portal/deadline", titleKey: "deadline.title", PageBody(form: form, result: nil))
        }
        let from = LocalDate(iso: fromText)
        if from == nil { form.add("from", req.t("deadline.from.invalid")) }
        let days = Int(daysText)
        if days == nil || !(1...Self.maximumDays).contains(days ?? 0) {
            form.add("days", req.t("deadline.days.invalid", ["max": String(Self.maximumDays)]))
        }
        guard let from, let days, form.isValid else {
            return try await req.renderPage("portal/deadline", titleKey: "deadline.title", PageBody(form: form, result: nil),
                                            status: .unprocessableEntity)
        }
        let explanation = calendar.explainDeadline(from: from, workingDays: days)
        let result = Result(
            from: from.iso, days: days, due: explanation.due.iso, dueWeekday: weekday(explanation.due, req),
            skipped: explanation.skippedDays.map { skipped in
                let (kind, label) = describe(skipped.kind, req)
                return SkippedDay(date: skipped.date.iso, weekday: weekday(skipped.date, req), kind: kind, label: label)
            },
            warning: explanation.yearsWithoutArrangement.isEmpty ? nil : req.t("calendar.warning.unarranged", [
                "years": explanation.yearsWithoutArrangement.map(String.init).joined(separator: ", "),
            ]))
        return try await req.renderPage("portal/deadline", titleKey: "deadline.title", PageBody(form: form, result: result))
    }

    private func weekday(_ date: LocalDate, _ req: Request) -> String { req.t("weekday.\(date.weekday)") }

    private func describe(_ kind: WorkingCalendar.DayKind, _ req: Request) -> (String, String) {
        switch kind {
        case .holiday(let name): ("holiday", req.t("calendar.day.holiday", ["name": name]))
        case .weekend, .unarranged(weekend: true): ("weekend", req.t("calendar.day.weekend"))
        case .makeupWorkday(let name): ("makeup", req.t("calendar.day.makeup", ["name": name]))
        case .workday, .unarranged(weekend: false): ("workday", req.t("calendar.day.workday"))
        }
    }
}
