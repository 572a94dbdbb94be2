/// Text placed in the SVG drawings the platform makes (QR codes, workflow pictures) and in the
/// HTML of publication bodies (SafeMarkdown).
public enum XMLText {
    /// Escapes the five XML special characters, enough for both text and quoted
    /// attribute values, in XML and HTML alike.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
