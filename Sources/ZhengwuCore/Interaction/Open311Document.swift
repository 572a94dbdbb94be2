import Foundation

/// Open311 GeoReport v2 documents (interaction.md), rendered as the standard's XML or JSON from
/// one description, so both formats always say the same. The XML root and item names are the
/// standard's (`<services><service>…`, `<service_requests><request>…`, `<errors><error>…`);
/// JSON is the same as an array of objects. Datetimes are ISO 8601 with the zone offset.
public enum Open311Document {
    public enum Format: String, Sendable, CaseIterable {
        case xml, json

        /// Reads the format suffix of a path part: `services.xml` → (.xml, "services").
        public static func split(_ last: String) -> (name: String, format: Format)? {
            guard let dot = last.lastIndex(of: "."), let format = Format(rawValue: String(last[last.index(after: dot)...])) else {
                return nil
            }
            return (String(last[..<dot]), format)
        }

        public var contentType: String { self == .xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8" }
    }

    /// A field's value: missing values are empty elements in XML and null in JSON.
    public indirect enum Value: Sendable, Equatable {
        case text(String?)
        case number(Double?)
        case integer(Int)
        case bool(Bool)
        case date(Date?)
        /// A nested list: `<values><value>…</value></values>` / `"values": [...]`.
        case list(item: String, [[(String, Value)]])
        /// A list of plain texts: `<formats><format>text/xml</format></formats>` / `["text/xml"]`.
        case texts(item: String, [String])

        public static func == (lhs: Value, rhs: Value) -> Bool { "\(lhs)" == "\(rhs)" }
    }

    public typealias Object = [(String, Value)]

    /// `root` and `item` name the XML elements (`service_requests`, `request`).
    public static func render(root: String, item: String, _ objects: [Object], as format: Format, timeZone: TimeZone) -> String {
        switch format {
        case .xml:
            var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<\(root)>"
            for object in objects { out += xml(item, object, timeZone) }
            return out + "</\(root)>\n"
        case .json:
            return "[" + objects.map { json($0, timeZone) }.joined(separator: ",") + "]\n"
        }
    }

    /// A single object at the root (the discovery document).
    public static func render(root: String, _ object: Object, as format: Format, timeZone: TimeZone) -> String {
        switch format {
        case .xml: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + xml(root, object, timeZone) + "\n"
        case .json: json(object, timeZone) + "\n"
        }
    }

    static func iso(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func xml(_ name: String, _ object: Object, _ timeZone: TimeZone) -> String {
        "<\(name)>" + object.map { xml(field: $0.0, $0.1, timeZone) }.joined() + "</\(name)>"
    }

    private static func xml(field name: String, _ value: Value, _ timeZone: TimeZone) -> String {
        func element(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return "<\(name)/>" }
            return "<\(name)>\(XMLText.escape(text))</\(name)>"
        }
        switch value {
        case .text(let text): return element(text)
        case .number(let value): return element(value.map(number))
        case .integer(let value): return element(String(value))
        case .bool(let value): return element(value ? "true" : "false")
        case .date(let date): return element(date.map { iso($0, timeZone) })
        case .list(let item, let objects): return "<\(name)>" + objects.map { xml(item, $0, timeZone) }.joined() + "</\(name)>"
        case .texts(let item, let texts): return "<\(name)>" + texts.map { "<\(item)>\(XMLText.escape($0))</\(item)>" }.joined() + "</\(name)>"
        }
    }

    private static func json(_ object: Object, _ timeZone: TimeZone) -> String {
        "{" + object.map { jsonString($0.0) + ":" + json($0.1, timeZone) }.joined(separator: ",") + "}"
    }

    private static func json(_ value: Value, _ timeZone: TimeZone) -> String {
        switch value {
        case .text(let text): text.map(jsonString) ?? "null"
        case .number(let value): value.map(number) ?? "null"
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .date(let date): date.map { jsonString(iso($0, timeZone)) } ?? "null"
        case .list(_, let objects): "[" + objects.map { json($0, timeZone) }.joined(separator: ",") + "]"
        case .texts(_, let texts): "[" + texts.map(jsonString).joined(separator: ",") + "]"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest,
    /// Chinese included, as UTF-8.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The standard's error list: `<errors><error><code>400</code><description>…`.
    public static func errors(_ errors: [(code: Int, description: String)], as format: Format) -> String {
        render(root: "errors", item: "error", errors.map { [("code", .integer($0.code)), ("description", .text($0.description))] },
               as: format, timeZone: TimeZone(identifier: "UTC")!)
    }
}
