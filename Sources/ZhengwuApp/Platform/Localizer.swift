import Foundation
import ZhengwuCore

/// A language the portal offers.
public struct Language: Sendable, Equatable, Encodable {
    public let code: String
    /// The language's own name, shown in the switcher so people find their language.
    public let nativeName: String
    /// "rtl" for Uyghur, written in Arabic script.
    public let direction: String

    public static let all: [Language] = [
        Language(code: "zh-Hans", nativeName: "中文", direction: "ltr"),
        Language(code: "en", nativeName: "English", direction: "ltr"),
        Language(code: "bo", nativeName: "བོད་ཡིག", direction: "ltr"),
        Language(code: "ug", nativeName: "ئۇيغۇرچە", direction: "rtl"),
    ]
    public static let fallback = all[0]

    public static func named(_ code: String) -> Language? { all.first { $0.code.lowercased() == code.lowercased() } }

    /// Picks the best offered language from an Accept-Language header.
    public static func negotiate(_ header: String?) -> Language {
        guard let header else { return fallback }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag.lowercased(), q)
        }.sorted { $0.1 > $1.1 }
        for (tag, _) in ranked {
            if tag.hasPrefix("zh") { return fallback }
            if let match = all.first(where: { tag == $0.code.lowercased() || tag.hasPrefix($0.code.lowercased() + "-") }) {
                return match
            }
        }
        return fallback
    }
}

/// The UI string tables, one JSON file per language under Resources/Localization. Keys missing
/// from a partial table (Tibetan, Uyghur) fall back to Chinese, never to the raw key.
public struct Localizer: Sendable {
    private let tables: [String: [String: String]]

    public init(tables: [String: [String: String]]) { self.tables = tables }

    public static func load(from directory: String) throws -> Localizer {
        var tables: [String: [String: String]] = [:]
        for language in Language.all {
            let path = "\(directory)/\(language.code).json"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            tables[language.code] = try JSONDecoder().decode([String: String].self, from: data)
        }
        // Messages of the pure domain rules live beside them, keyed by language.
        if let data = FileManager.default.contents(atPath: "\(directory)/core-messages.json") {
            let core = try JSONDecoder().decode([String: [String: String]].self, from: data)
            for (code, entries) in core { tables[code, default: [:]].merge(entries) { page, _ in page } }
        }
        return Localizer(tables: tables)
    }

    public func hasKey(_ key: String, in language: String) -> Bool { tables[language]?[key] != nil }
    public func keys(in language: String) -> Set<String> { Set(tables[language]?.keys ?? [:].keys) }

    public func text(_ key: String, _ arguments: [String: String] = [:], language: String) -> String {
        let template = tables[language]?[key] ?? tables[Language.fallback.code]?[key] ?? key
        guard !arguments.isEmpty else { return template }
        return Self.fill(template, arguments)
    }

    /// Puts each `{name}` of `template` in one pass; unknown names stay as they are. Every
    /// page fills hundreds of these, so no per-argument search-and-replace.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var result = ""
        result.reserveCapacity(template.utf8.count + 16)
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            rest = rest[open...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { result += value } else { result += rest[...close] }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    public func text(_ message: LocalizedMessage, language: String) -> String {
        text(message.key, message.arguments, language: language)
    }
}
