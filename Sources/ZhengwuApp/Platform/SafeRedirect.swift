import Foundation

/// Only same-site relative paths are accepted as a place to go back to, so a crafted link
/// cannot bounce a user to another site (open redirect).
enum SafeRedirect {
    static func encode(_ target: String) -> String {
        target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~/"))) ?? "/"
    }

    /// Browsers drop tabs and line breaks from URLs and read "\\" as "/", so any of them
    /// could turn "/\t/evil.example" into "//evil.example": such targets are refused outright.
    static func target(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" })
        else { return "/" }
        return raw
    }
}
