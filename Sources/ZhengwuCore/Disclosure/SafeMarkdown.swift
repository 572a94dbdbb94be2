import Foundation

/// Publication bodies written in Markdown, rendered to HTML that can carry nothing but what
/// Markdown itself says: raw HTML in the source is shown as text, never passed through, and
/// links go only to http(s), mail or this site's own paths. The page embeds the result as is, so
/// this is where escaping happens, once, for every character.
///
/// The part of Markdown government documents use: headings, paragraphs, lists (numbered and
/// not), quotes, fenced code, rules and pipe tables; bold, emphasis, code and links inline.
public enum SafeMarkdown {
    public static func html(_ source: String) -> String {
        var out = ""
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out += "<p>" + paragraph.map(inline).joined(separator: "<br>") + "</p>\n" }
            paragraph = []
        }
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { flush(); index += 1; continue }
            if trimmed.hasPrefix("```") {
                flush()
                var code: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    code.append(lines[index]); index += 1
                }
                out += "<pre><code>" + XMLText.escape(code.joined(separator: "\n")) + "</code></pre>\n"
                index += 1
                continue
            }
            if let (level, text) = heading(trimmed) {
                flush()
                out += "<h\(level)>" + inline(text) + "</h\(level)>\n"
                index += 1
                continue
            }
            if trimmed.count >= 3, Set(trimmed.filter { $0 != " " }).count == 1, "-*_".contains(trimmed.first!) {
                flush(); out += "<hr>\n"; index += 1; continue
            }
            if trimmed.hasPrefix(">") {
                flush()
                var quoted: [String] = []
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    quoted.append(String(lines[index].trimmingCharacters(in: .whitespaces).dropFirst()).trimmingCharacters(in: .whitespaces))
                    index += 1
                }
                out += "<blockquote>" + html(quoted.joined(separator: "\n")).trimmingCharacters(in: .newlines) + "</blockquote>\n"
                continue
            }
            if listItem(trimmed) != nil {
                flush()
                let ordered = listItem(trimmed)!.ordered
                out += ordered ? "<ol>\n" : "<ul>\n"
                while index < lines.count, let item = listItem(lines[index].trimmingCharacters(in: .whitespaces)), item.ordered == ordered {
                    out += "<li>" + inline(item.text) + "</li>\n"
                    index += 1
                }
                out += ordered ? "</ol>\n" : "</ul>\n"
                continue
            }
            if trimmed.hasPrefix("|"), index + 1 < lines.count, isTableRule(lines[index + 1]) {
                flush()
                out += "<div class=\"table-wrap\"><table class=\"data-table\"><thead><tr>"
                out += cells(trimmed).map { "<th scope=\"col\">" + inline($0) + "</th>" }.joined() + "</tr></thead><tbody>\n"
                index += 2
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                    out += "<tr>" + cells(lines[index].trimmingCharacters(in: .whitespaces)).map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>\n"
                    index += 1
                }
                out += "</tbody></table></div>\n"
                continue
            }
            paragraph.append(trimmed)
            index += 1
        }
        flush()
        return out
    }

    // MARK: Blocks

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, rest.trimmingCharacters(in: .whitespaces))
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " {
                return (true, String(rest.dropFirst(2)))
            }
        }
        return nil
    }

    private static func isTableRule(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("|") && trimmed.contains("-") && trimmed.allSatisfy { "|-: ".contains($0) }
    }

    private static func cells(_ line: String) -> [String] {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    // MARK: Inline

    /// Escapes the text, then gives back the few marks Markdown has: `code`, **bold**,
    /// *emphasis* and [links](target). Everything else stays text.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        var previous: Character?
        while let first = rest.first {
            // As in CommonMark, * inside a word of ASCII letters or digits (3*4) is a sign, not a mark.
            let mayOpen = !(previous.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false)
            defer { previous = out.last }
            if first == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                out += "<code>" + XMLText.escape(String(rest[rest.index(after: rest.startIndex)..<end])) + "</code>"
                rest = rest[rest.index(after: end)...]
            } else if mayOpen, rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**"), end.lowerBound > rest.index(rest.startIndex, offsetBy: 2) {
                out += "<strong>" + inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])) + "</strong>"
                rest = rest[end.upperBound...]
            } else if mayOpen, first == "*", let end = rest.dropFirst().firstIndex(of: "*"), end > rest.index(after: rest.startIndex) {
                out += "<em>" + inline(String(rest[rest.index(after: rest.startIndex)..<end])) + "</em>"
                rest = rest[rest.index(after: end)...]
            } else if first == "[", let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].first == "(",
                      let end = closingParenthesis(rest[rest.index(after: close)...]) {
                let label = String(rest[rest.index(after: rest.startIndex)..<close])
                let target = String(rest[rest.index(close, offsetBy: 2)..<end]).trimmingCharacters(in: .whitespaces)
                if let safe = safeTarget(target) {
                    out += "<a href=\"" + XMLText.escape(safe) + "\">" + inline(label) + "</a>"
                } else {
                    out += inline(label)
                }
                rest = rest[rest.index(after: end)...]
            } else {
                out += XMLText.escape(String(first))
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// The `)` that closes the `(` starting `text`, parentheses inside balanced as CommonMark has it.
    private static func closingParenthesis(_ text: Substring) -> Substring.Index? {
        var depth = 0
        for index in text.indices {
            if text[index] == "(" { depth += 1 } else if text[index] == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// A link target that goes somewhere harmless: http(s), mailto, or a path on this site.
    /// Anything else (javascript:, data:, //other-host) is dropped and the label kept as text.
    static func safeTarget(_ target: String) -> String? {
        guard !target.isEmpty, !target.contains(where: { $0.isWhitespace || $0 == "\\" }) else { return nil }
        let lower = target.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") { return target }
        if target.hasPrefix("/") && !target.hasPrefix("//") { return target }
        if target.hasPrefix("#") { return target }
        return nil
    }
}
