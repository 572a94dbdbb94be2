import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// The charts of the performance page, each with the figures it draws as a small table.
enum PerformanceCharts {
    struct Chart: Encodable {
        let svg: String
        let caption: String
        let headers: [String]
        let rows: [[String]]
    }

    /// Received and concluded per week (per month for ranges over 16 weeks).
    static func trend(for actor: Actor, range: PerformanceQuery.Range, on req: Request) async throws -> Chart {
        let sql = req.db as! SQLDatabase
        let scope = CaseScope.condition(for: actor)
        func perDay(_ column: SQLQueryString, _ extra: SQLQueryString) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in try await sql.raw("""
                SELECT \(column) AS day, COUNT(*) AS n FROM applications a
                WHERE \(column) >= \(bind: range.from.iso) AND \(column) <= \(bind: range.to.iso) \(extra) AND \(scope)
                GROUP BY \(column)
                """).all() {
                counts[try row.decode(column: "day", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
        let received = try await perDay("a.received_on", "")
        let concluded = try await perDay("a.decided_on", "AND a.status = \(bind: CaseStatus.concluded.rawValue)")
        let weekly = range.from.adding(days: 16 * 7) > range.to
        // Periods start on a Monday (or the 1st of a month), named by their first day.
        func period(_ day: LocalDate) -> LocalDate {
            weekly ? day.adding(days: 1 - day.weekday) : LocalDate(year: day.year, month: day.month, day: 1)!
        }
        var starts: [LocalDate] = []
        var day = range.from
        while day <= range.to {
            let start = period(day)
            if starts.last != start { starts.append(start) }
            day = day.adding(days: 1)
        }
        func bucket(_ counts: [String: Int]) -> [Int] {
            var totals = Dictionary(uniqueKeysWithValues: starts.map { ($0, 0) })
            for (iso, n) in counts { if let date = LocalDate(iso: iso) { totals[period(date), default: 0] += n } }
            return starts.map { totals[$0] ?? 0 }
        }
        let labels = starts.map { weekly ? String($0.iso.dropFirst(5)) : String($0.iso.prefix(7)) }
        let receivedName = req.t("performance.received"), concludedName = req.t("performance.concluded")
        let series = [ColumnChart.Series(name: receivedName, colour: "#1f4e79", values: bucket(received)),
                      ColumnChart.Series(name: concludedName, colour: "#8b1a1a", values: bucket(concluded))]
        let caption = req.t(weekly ? "performance.chart_trend_weekly" : "performance.chart_trend_monthly")
        return Chart(svg: ColumnChart(title: caption, periods: labels, series: series).svg(id: "trend"), caption: caption,
                     headers: [req.t(weekly ? "performance.week_of" : "performance.month"), receivedName, concludedName],
                     rows: labels.indices.map { [labels[$0], String(series[0].values[$0]), String(series[1].values[$0])] })
    }

    /// Open cases past their due date now, by how many working days.
    static func overdueByAge(for actor: Actor, calendar: WorkingCalendar, on req: Request) async throws -> Chart {
        let today = LocalDate(req.now, in: calendar.timeZone)
        let red = try await WatchBoard.cases(for: actor, rules: try await WarningRulesStore.current(on: req), calendar: calendar,
                                             today: today, level: .red, on: req.db)
        let buckets: [(label: String, range: ClosedRange<Int>)] = [("1–2", 1...2), ("3–5", 3...5), ("6–10", 6...10), ("11+", 11...Int.max)]
        var counts = Array(repeating: 0, count: buckets.count)
        for (row, _) in red {
            let (start, due) = row.clock
            guard let dueDay = due.flatMap(LocalDate.init(iso:)) else { continue }
            let late = -TimeBudget(start: start.flatMap(LocalDate.init(iso:)) ?? dueDay, due: dueDay, today: today, calendar: calendar).left
            if let index = buckets.firstIndex(where: { $0.range.contains(late) }) { counts[index] += 1 }
        }
        let caption = req.t("performance.chart_overdue")
        let days = req.t("performance.overdue_days")
        let bars = zip(buckets, counts).map { BarChart.Bar(label: "\($0.label) \(days)", value: Double($1), text: String($1)) }
        return Chart(svg: BarChart(title: caption, bars: bars).svg(id: "overdue"), caption: caption,
                     headers: [days, req.t("performance.open_cases")], rows: bars.map { [$0.label, $0.text] })
    }
}
