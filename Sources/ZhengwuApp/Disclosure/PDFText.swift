import Foundation
import NIOPosix

/// The text of a PDF, for search, from poppler's `pdftotext` (the Debian package poppler-utils;
/// README). Without the tool, or for a PDF it cannot read, the attachment is still published,
/// only not found by its contents. It runs on the thread pool, limited to the first 200 pages
/// and 20 seconds, so a hostile PDF cannot hold up the server.
enum PDFText {
    static let tool = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func extract(_ bytes: [UInt8], on pool: NIOThreadPool) async -> String {
        guard let tool else { return "" }
        return (try? await pool.runIfActive { run(tool, bytes) }) ?? ""
    }

    private static func run(_ tool: String, _ bytes: [UInt8]) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhengwu-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let input = directory.appendingPathComponent("in.pdf"), output = directory.appendingPathComponent("out.txt")
            try Data(bytes).write(to: input)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-q", "-enc", "UTF-8", "-l", "200", input.path, output.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate(); return "" }
            guard process.terminationStatus == 0 else { return "" }
            // At most 1 MB of text per attachment is indexed.
            return String(decoding: try Data(contentsOf: output).prefix(1_000_000), as: UTF8.self)
        } catch {
            return ""
        }
    }
}
