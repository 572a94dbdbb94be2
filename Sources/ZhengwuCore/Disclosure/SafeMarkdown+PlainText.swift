extension SafeMarkdown {
    /// The words of a Markdown body without its markup: what search indexes, snippets quote and
    /// feeds summarise. Link targets are dropped (their text stays), as are table rules and fences.
    public static func plainText(_ source: String) -> String {
        var lines: [String] = []
        for raw in source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") { continue }
            if line.hasPrefix("|"), line.allSatisfy({ "|-: ".contains($0) }) { continue }
            if line.count >= 3, Set(line.filter { $0 != " " }).count == 1, "-*_".contains(line.first!) { continue }
            while line.hasPrefix("#") || line.hasPrefix(">") { line = String(line.dropFirst()) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { line = String(line.dropFirst(2)) }
            if line.hasPrefix("|") {
                line = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            }
            lines.append(inlinePlain(line))
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func inlinePlain(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let first = rest.first {
            if first == "[", let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix("("),
               let end = closingParenthesis(in: rest[rest.index(after: close)...]) {
                out += rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: end)...]
                continue
            }
            if first == "*" || first == "`" {
                rest = rest.dropFirst()
                continue
            }
            out.append(first)
            rest = rest.dropFirst()
        }
        return out
    }

    /// Where the parenthesis opening `text` closes, counting nested pairs as link targets may hold them.
    private static func closingParenthesis(in text: Substring) -> Substring.Index? {
        var depth = 0
        for index in text.indices {
            if text[index] == "(" { depth += 1 }
            if text[index] == ")" { depth -= 1; if depth == 0 { return index } }
        }
        return nil
    }
}
