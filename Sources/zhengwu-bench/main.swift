// Every benchmark the issues name, in one run on this machine, ending in one table: each figure
// beside its target and a baseline measured in the same run (the server's hello-world route
// under the same wrk, SQLite's own durable commit rates, or the cheapest comparable query), and
// the ratio between them. Each part runs on a fresh application and database of its own, with
// the load coming from wrk in a second process, never from inside the server.
//
//   bench/run                    everything, at the sizes the issues set (about an hour on 2 cores)
//   bench/run --only tickets,search
//   bench/run --quick            small sizes, a few minutes: checks the program, not the targets
//   bench/run --readme           also writes the table into README.md (full runs only)
//
// Built with `bench/run` (release, testing enabled so the set-up can create accounts directly).
import Foundation
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// In the order they run: the parts that spend minutes generating data first, so whatever else
/// the machine was doing when the run began has settled before the short, sensitive measurements.
enum Part: String, CaseIterable {
    case performance, search, review, tickets, applications, terms
}

struct Options {
    var parts = Set(Part.allCases)
    var connections = 64
    var seconds = 10.0
    var rounds = 3
    var openCases = 100_000
    var cases = 1_000_000
    var tickets = 1_000_000
    var publications = 200_000
    var quick = false
    var readme: String?
    /// A PostgreSQL server for the scoreboard part (a fresh database is made and dropped).
    var postgresURL: String?

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        func number(_ flag: String) throws -> Double {
            guard let value = iterator.next().flatMap(Double.init), value > 0 else { throw BenchError("\(flag) needs a positive number") }
            return value
        }
        while let flag = iterator.next() {
            switch flag {
            case "--only":
                let names = (iterator.next() ?? "").split(separator: ",").map(String.init)
                parts = Set(try names.map { name in
                    guard let part = Part(rawValue: name) else {
                        throw BenchError("unknown part \(name); parts: \(Part.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return part
                })
            case "--quick":
                quick = true
                (seconds, rounds, openCases, cases, tickets, publications) = (3, 1, 2_000, 20_000, 20_000, 2_000)
            case "--readme": readme = "README.md"
            case "--postgres": postgresURL = iterator.next()
            case "--concurrency": connections = Int(try number(flag))
            case "--seconds": seconds = try number(flag)
            case "--rounds": rounds = Int(try number(flag))
            case "--open-cases": openCases = Int(try number(flag))
            case "--cases": cases = Int(try number(flag))
            case "--tickets": tickets = Int(try number(flag))
            case "--publications": publications = Int(try number(flag))
            default: throw BenchError("unknown option \(flag)")
            }
        }
        // The README's table stands for the whole benchmark at the issues' sizes.
        if readme != nil, quick || parts != Set(Part.allCases) || postgresURL != nil {
            throw BenchError("--readme needs a full run: no --only, --quick or --postgres")
        }
    }
}

let options: Options
do {
    options = try Options(CommandLine.arguments)
} catch {
    print(error)
    exit(2)
}
if Wrk.path == nil {
    print("wrk is not installed (apt-get install wrk): the load must come from a second process")
    exit(2)
}

func announce(_ text: String) {
    let time = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withTime, .withColonSeparatorInTime])
    print("\n== \(text) (\(time))")
}

let began = Date()
var figures: [(part: String, figure: BenchFigure)] = []
@MainActor func record(_ part: Part, _ results: [BenchFigure]) {
    figures += results.map { (part.rawValue, $0) }
    for figure in results { print("  \(figure.verdict): \(figure.name): \(figure.measured)") }
}
for part in Part.allCases where options.parts.contains(part) {
    announce(part.rawValue)
    switch part {
    case .terms:
        record(part, benchTerms())
    case .applications:
        record(part, try await withBenchApp { app, scratch in
            try await benchApplications(app: app, scratch: scratch, connections: options.connections, seconds: options.seconds,
                                        rounds: options.rounds)
        })
    case .review:
        record(part, try await withBenchApp { app, _ in
            try await benchReviewLists(app: app, openCases: options.openCases, samples: 200)
        })
    case .tickets:
        record(part, try await withBenchApp { app, scratch in
            try await benchTickets(app: app, tickets: options.tickets, seconds: options.seconds, connections: options.connections,
                                   samples: 200, scratch: scratch)
        })
    case .search:
        record(part, try await withBenchApp { app, _ in try await benchSearch(app: app, count: options.publications, samples: 200) })
    case .performance:
        record(part, try await withBenchApp(postgres: options.postgresURL) { app, _ in
            try await benchPerformance(app: app, cases: options.cases, samples: 100)
        })
    }
}

announce("the machine's baseline: hello-world under wrk, SQLite's durable commits")
let machine = try await withBenchApp { app, scratch in
    try await MachineBaseline.measure(app: app, scratch: scratch, connections: options.connections, seconds: options.seconds,
                                      rounds: options.rounds)
}
let command = "bench/run" + (CommandLine.arguments.count > 1 ? " " + CommandLine.arguments.dropFirst().joined(separator: " ") : "")
let report = BenchReport(machine: machine, figures: figures, command: command, date: Date())
announce(String(format: "results, after %.0f minutes", Date().timeIntervalSince(began) / 60))
print(report.text)
if options.quick { print("(--quick: small data sets; the targets are set for the full sizes)") }
if let readme = options.readme {
    do {
        try report.write(intoReadme: readme)
        print("Written into \(readme).")
    } catch {
        // An hour's figures are not lost to a README that cannot be written.
        print("Could not write \(readme) (\(error)); its block would read:\n\(report.markdown)")
        exit(1)
    }
}
exit(report.failed == 0 ? 0 : 1)
