import Foundation

/// The one table a run ends with: the machine's baselines, then every figure beside its target
/// and its baseline from the same run. The README's performance figures are this table, written
/// by `bench/run --readme`, so they cannot drift from what the program measures.
struct BenchReport {
    let machine: MachineBaseline
    let figures: [(part: String, figure: BenchFigure)]
    let command: String
    let date: Date

    static let begin = "<!-- The lines down to the end marker are written by `bench/run --readme`; edit the program, not them. -->"
    static let end = "<!-- End of the lines written by `bench/run --readme`. -->"

    var failed: Int { figures.filter { $0.figure.passed == false }.count }

    var machineRows: [[String]] {
        [
            ["Hello-world route `/healthz`, same server, same wrk settings", "\(grouped(machine.helloPerSecond)) requests/s"],
            ["`/healthz`, one request at a time over HTTP", "p95 \(milliseconds(machine.helloLatency.p95)) (median \(milliseconds(machine.helloLatency.median)))"],
            ["SQLite (WAL, `synchronous=FULL`), one row per durable commit", "\(grouped(machine.commitsPerSecond)) commits/s"],
            ["SQLite, 100 rows per durable commit", "\(grouped(machine.rowsPerSecond)) rows/s"],
        ]
    }

    var figureRows: [[String]] {
        figures.map { [$0.part, $0.figure.name, $0.figure.target, $0.figure.measured, $0.figure.baseline, $0.figure.ratio, $0.figure.verdict] }
    }

    static let figureHeader = ["Part", "Figure", "Target", "Measured", "Baseline (same run)", "Ratio", "Result"]

    /// The table for the terminal, columns padded.
    var text: String {
        func table(_ header: [String], _ rows: [[String]]) -> String {
            let all = [header] + rows
            let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
            return all.map { row in
                row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            }.joined(separator: "\n")
        }
        return """
        \(machine.description)
        \(table(["Baseline", "Measured"], machineRows))

        \(table(Self.figureHeader, figureRows))

        \(figures.count) figures, \(figures.filter { $0.figure.passed == true }.count) passed, \(failed) failed, \
        \(figures.filter { $0.figure.passed == nil }.count) without a target.
        """
    }

    /// The same as Markdown, between the markers the README keeps.
    var markdown: String {
        func table(_ header: [String], _ rows: [[String]]) -> String {
            func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
            return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
        }
        let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return """
        \(Self.begin)
        Measured on \(day) by `\(command)`. \(machine.description)

        \(table(["Baseline of this run", "Measured"], machineRows))

        \(table(Self.figureHeader, figureRows))

        \(figures.filter { $0.figure.passed == true }.count) of \(figures.filter { $0.figure.passed != nil }.count) targets met\
        \(failed == 0 ? "." : "; \(failed) not met (marked FAIL).")
        \(Self.end)
        """
    }

    /// Replaces the block between the markers in the README; a README without them is an error.
    func write(intoReadme path: String) throws {
        let readme = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = readme.range(of: Self.begin), let stop = readme.range(of: Self.end), start.upperBound <= stop.lowerBound else {
            throw BenchError("\(path) has no block between the bench markers")
        }
        let updated = readme.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: markdown)
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
