import Foundation
import Vapor

/// wrk (a C load generator) loads the server from a second process with far less CPU than an
/// in-process client; the figures use it when it is installed (apt install wrk).
struct WrkResult {
    let completed: Int
    let failed: Int
    let seconds: Double
}

enum Wrk {
    static let path = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A Lua script for wrk: `declarations` at the top, then `request` as the body of wrk's
    /// `request()`, where `k` numbers the request uniquely across wrk's two threads and `address`
    /// is the address it comes "from", one of 15 million, so per-address limits see a crowd.
    static func script(_ declarations: String = "", request: String) -> String {
        """
        \(declarations)
        local threads = 0
        function setup(thread) thread:set("id", threads); threads = threads + 1 end
        function init(args) n = 0 end
        function request()
          n = n + 1
          local k = n * 2 + id
          local address = "10." .. (k % 250) .. "." .. (math.floor(k / 250) % 250) .. "." .. (math.floor(k / 62500) % 250 + 1)
          \(request)
        end
        """
    }

    /// GET requests of the URL wrk is given, each from its own address.
    static let readScript = script(request: #"return wrk.format("GET", nil, {["X-Forwarded-For"] = address})"#)

    /// A Lua list of strings.
    static func list(_ values: [String]) -> String { "{" + values.map { "\"\($0)\"" }.joined(separator: ",") + "}" }

    /// Runs `script` (Lua) against `url` and reads wrk's summary: requests completed, those that
    /// failed (non-2xx/3xx or timed out) and the seconds it ran.
    static func run(script: String, url: String, connections: Int, seconds: Double, scratch: String) throws -> WrkResult {
        guard let path else { throw BenchError("wrk is not installed (apt-get install wrk): load must come from a second process") }
        let file = scratch + "/load-\(UUID().uuidString).lua"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t2", "-c\(connections)", "-d\(Int(seconds))s", "--timeout", "30s", "-s", file, url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        func number(after label: String) -> Double? {
            guard let range = output.range(of: label) else { return nil }
            return Double(output[range.upperBound...].prefix { $0 == " " || $0.isNumber || $0 == "." }.trimmingCharacters(in: .whitespaces))
        }
        guard let line = output.split(separator: "\n").first(where: { $0.contains("requests in") }),
              let completed = Int(line.split(separator: " ").first ?? ""),
              let elapsed = line.components(separatedBy: "requests in ").last.flatMap({ Double($0.prefix { $0.isNumber || $0 == "." }) })
        else { throw BenchError("wrk said: \(output)") }
        let failed = Int(number(after: "Non-2xx or 3xx responses:") ?? 0) + Int(number(after: "timeout") ?? 0)
        return WrkResult(completed: completed, failed: failed, seconds: elapsed)
    }
}
