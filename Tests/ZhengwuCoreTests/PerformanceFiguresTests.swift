import Testing
@testable import ZhengwuCore

/// A fixed set of concluded cases with figures worked out by hand.
@Suite("Performance figures")
struct PerformanceFiguresTests {
    /// Ten concluded cases, promised 10 working days: days used 2, 3, 3, 5, 8, 9, 10, 10, 12, 15;
    /// the last two after the promise; visits 0, 0, 1, 1, 1, 1, 2, 0, 3, 1.
    static func figures() -> PerformanceFigures {
        var figures = PerformanceFigures()
        let used = [2, 3, 3, 5, 8, 9, 10, 10, 12, 15]
        let visits = [0, 0, 1, 1, 1, 1, 2, 0, 3, 1]
        for (days, visit) in zip(used, visits) {
            figures.addConcluded(daysUsed: days, promisedDays: 10, withinPromise: days <= 10, visits: visit)
        }
        return figures
    }

    @Test("counts, rates, average and 90th percentile")
    func handComputed() throws {
        let figures = Self.figures()
        #expect(figures.concluded == 10 && figures.onTime == 8 && figures.overdue == 2)
        // Fewer days than promised: 2, 3, 3, 5, 8, 9.
        #expect(figures.concludedEarly == 6 && figures.earlyRate == 0.6)
        #expect(figures.onTimeRate == 0.8)
        // (2+3+3+5+8+9+10+10+12+15) / 10 = 7.7; the 9th of 10 sorted is 12.
        #expect(figures.averageDaysUsed == 7.7 && figures.p90DaysUsed == 12)
        // 10 visits in all over 10 cases; 8 cases with at most one.
        #expect(figures.visitsPerCase == 1.0 && figures.oneVisitRate == 0.8)
    }

    @Test("no cases, no rates; adding groups adds everything")
    func emptyAndAdding() {
        let empty = PerformanceFigures()
        #expect(empty.onTimeRate == nil && empty.averageDaysUsed == nil && empty.p90DaysUsed == nil)
        var total = Self.figures()
        total.add(Self.figures())
        #expect(total.concluded == 20 && total.daysUsed[3] == 4 && total.p90DaysUsed == 12 && total.onTimeRate == 0.8)
        #expect(PerformanceFigures.percentile(90, of: [1: 1]) == 1 && PerformanceFigures.percentile(50, of: [1: 1, 9: 1]) == 1)
    }
}

@Suite("Bar chart")
struct BarChartTests {
    @Test("bars are drawn to scale, labels and values escaped and written out")
    func bars() throws {
        let chart = BarChart(title: "按时办结率", bars: [
            .init(label: "民政局", value: 0.5, text: "50.0%"),
            .init(label: "<住建>&局", value: 1, text: "100.0%"),
            .init(label: "无办结", value: 0, text: "—"),
        ], scaleMax: 1)
        let svg = chart.svg(id: "on-time")
        #expect(svg.hasPrefix("<svg ") && svg.contains("aria-labelledby=\"on-time-title\"") && svg.contains(">按时办结率</title>"))
        #expect(svg.contains("width=\"180\"") && svg.contains("width=\"360\"") && svg.contains("width=\"0\""))
        #expect(svg.contains("&lt;住建&gt;&amp;局") && !svg.contains("<住建>"))
        #expect(svg.contains(">50.0%</text>") && svg.contains(">—</text>"))
    }
}

@Suite("Column chart")
struct ColumnChartTests {
    @Test("one column per series and period, to scale, values written, names escaped")
    func columns() {
        let chart = ColumnChart(title: "每周收件与办结", periods: ["03-02", "03-09"], series: [
            .init(name: "收件", colour: "#1f4e79", values: [4, 2]),
            .init(name: "<办结>", colour: "#8b1a1a", values: [0, 1]),
        ])
        let svg = chart.svg(id: "trend")
        // Two legend swatches and four columns.
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 6)
        #expect(svg.contains("height=\"180\"") && svg.contains("height=\"90\"") && svg.contains("height=\"45\""))
        #expect(svg.contains("&lt;办结&gt;") && svg.contains("<title>03-09 收件：2</title>"))
    }
}
