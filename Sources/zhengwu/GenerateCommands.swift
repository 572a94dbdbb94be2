import ConsoleKit
import Foundation
import ZhengwuApp

/// `zhengwu generate publications --count N`: fills the catalogue with generated documents, to
/// try search and browsing at scale. Never in production: the documents are invented.
struct GenerateGroup: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["publications": GeneratePublicationsCommand()] }
    var help: String { "Generate data for trying the platform at scale (not in production)." }
}

struct GeneratePublicationsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "count", help: "how many publications (default 200000)") var count: Int?
        @Option(name: "seed", help: "the random seed; the same seed gives the same documents (default 2026)") var seed: Int?
        @Option(name: "data-dir", help: "folder for the SQLite database (default ./zhengwu-data)") var dataDirectory: String?
        @Option(name: "database-url", help: "postgres://… to use PostgreSQL") var databaseURL: String?
        init() {}
    }

    var help: String { "Generate published documents in the style of a county's notices, indexed for search." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let count = signature.count ?? 200_000
        guard (1...5_000_000).contains(count) else { throw CommandFailure(message: "--count must be between 1 and 5000000.") }
        let flags = DatabaseFlags(dataDirectory: signature.dataDirectory, databaseURL: signature.databaseURL)
        try await withApplication(flags.configFlags) { app in
            guard app.zhengwu.config.environment != .production else {
                throw CommandFailure(message: "Generated documents are invented; they are never added in production.")
            }
            let bar = context.console.progressBar(title: "Writing \(count) publications")
            bar.start()
            let summary = try await PublicationGenerator.generate(count: count, seed: UInt64(signature.seed ?? 2026), app: app) { done in
                bar.activity.currentProgress = Double(done) / Double(count)
            }
            bar.succeed()
            let index = context.console.progressBar(title: "Indexing for search")
            index.start()
            let indexed = try await PublicationGenerator.indexAll(app: app) { done in
                index.activity.currentProgress = min(1, Double(done) / Double(count))
            }
            index.succeed()
            context.console.output("Generated \(summary.publications) publications (\(summary.textBytes / 1_048_576) MB of text), indexed \(indexed).".consoleText(.success))
        }
    }
}
