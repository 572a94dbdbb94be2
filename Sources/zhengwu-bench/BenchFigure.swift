import Foundation

/// What a figure is compared with, measured in the same run on the same machine.
struct Baseline: Sendable {
    let name: String
    let value: Double
    let unit: String

    var text: String { "\(name) \(grouped(value, decimals: value < 10 ? 2 : 0)) \(unit)" }
}

/// One row of the table `bench/run` prints and writes into the README: what was measured, the
/// target the issue set (if any), the figure, its baseline from the same run and the ratio.
struct BenchFigure: Sendable {
    let name: String
    let target: String
    let measured: String
    let baseline: String
    let ratio: String
    /// nil where no target was set: the figure is reported, not judged.
    let passed: Bool?

    /// A rate, higher is better; judged against an absolute floor, a floor relative to its
    /// baseline, or both.
    static func rate(_ name: String, _ value: Double, unit: String, atLeast floor: Double? = nil,
                     baseline: Baseline? = nil, ratioAtLeast ratioFloor: Double? = nil) -> BenchFigure {
        let ratio = baseline.map { value / $0.value }
        var targets: [String] = [], passed: Bool?
        if let floor {
            targets.append("≥ \(grouped(floor)) \(unit)")
            passed = value >= floor
        }
        if let ratioFloor, let ratio, let baseline {
            targets.append("≥ \(ratioFloor) × \(baseline.name)")
            passed = (passed ?? true) && ratio >= ratioFloor
        }
        return BenchFigure(name: name, target: targets.isEmpty ? "—" : targets.joined(separator: ", "),
                           measured: "\(grouped(value)) \(unit)", baseline: baseline?.text ?? "—",
                           ratio: ratio.map(ratioText) ?? "—", passed: passed)
    }

    /// A latency from repeated samples, judged at the 95th percentile; the ratio compares the
    /// 95th percentiles.
    static func latency(_ name: String, _ timings: Timings, below ceiling: Double? = nil, baseline: Timings? = nil,
                        baselineName: String = "") -> BenchFigure {
        BenchFigure(name: name, target: ceiling.map { "p95 < \(grouped($0)) ms" } ?? "—",
                    measured: "p95 \(milliseconds(timings.p95)) (median \(milliseconds(timings.median)))",
                    baseline: baseline.map { "\(baselineName) p95 \(milliseconds($0.p95))" } ?? "—",
                    ratio: baseline.map { ratioText(timings.p95 / max($0.p95, 0.001)) } ?? "—",
                    passed: ceiling.map { timings.p95 < $0 })
    }

    /// A property that must hold (nothing lost, the audit chain unbroken, two counts equal).
    static func holds(_ name: String, _ holds: Bool, _ detail: String) -> BenchFigure {
        BenchFigure(name: name, target: "holds", measured: detail, baseline: "—", ratio: "—", passed: holds)
    }

    /// A figure reported for information (sizes, times to generate), without a target.
    static func noted(_ name: String, _ measured: String, baseline: String = "—", ratio: String = "—") -> BenchFigure {
        BenchFigure(name: name, target: "—", measured: measured, baseline: baseline, ratio: ratio, passed: nil)
    }

    var verdict: String { passed.map { $0 ? "pass" : "FAIL" } ?? "—" }
}

/// Samples of a duration in milliseconds, sorted once.
struct Timings: Sendable {
    let sorted: [Double]

    init(_ samples: [Double]) { sorted = samples.sorted() }

    /// Runs `work` `count` times and times each run.
    static func measure(_ count: Int, _ work: () async throws -> Void) async rethrows -> Timings {
        var samples: [Double] = []
        for _ in 0..<count {
            let began = DispatchTime.now().uptimeNanoseconds
            try await work()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1_000_000)
        }
        return Timings(samples)
    }

    func percentile(_ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }
    var p95: Double { percentile(0.95) }
    var median: Double { percentile(0.5) }
}

/// 1234567.8 → "1,234,568"; decimals as asked.
func grouped(_ value: Double, decimals: Int = 0) -> String {
    let text = String(format: "%.\(decimals)f", value)
    let negative = text.hasPrefix("-")
    let parts = text.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
    var digits = String(parts[0]), result = ""
    while digits.count > 3 {
        result = "," + digits.suffix(3) + result
        digits.removeLast(3)
    }
    return (negative ? "-" : "") + digits + result + (parts.count > 1 ? "." + parts[1] : "")
}

func milliseconds(_ value: Double) -> String {
    value >= 1_000 ? "\(grouped(value)) ms" : String(format: value < 10 ? "%.2f ms" : "%.1f ms", value)
}

/// 0.115 → "0.115 ×", 11.4 → "11 ×", and a tiny ratio as a fraction: "1/21,400 ×".
func ratioText(_ ratio: Double) -> String {
    if ratio > 0, ratio < 0.01 { return "1/\(grouped(1 / ratio)) ×" }
    return String(format: ratio >= 10 ? "%.0f ×" : ratio >= 1 ? "%.1f ×" : "%.3f ×", ratio)
}
