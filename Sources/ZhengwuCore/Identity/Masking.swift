/// Masking (脱敏) of personal data for display. PIPL and GB/T 35273 ask that pages and replies show
/// no more than the purpose needs; staff see full values only where their role requires, and
/// those views are audited elsewhere.
///
/// These work on any text, valid or not, and mask everything when a value is too short to keep
/// the usual visible parts without revealing most of it.
public enum Masking {
    /// Resident ID number (身份证号码): first 6 and last 4 kept, `110105********1234`.
    public static func idNumber(_ value: String) -> String {
        keep(first: 6, last: 4, of: value)
    }

    /// Mobile number (手机号码): first 3 and last 4 kept, `138****5678`.
    public static func phone(_ value: String) -> String {
        keep(first: 3, last: 4, of: value)
    }

    /// Person's name (姓名) in public replies: the first character kept, `张三丰` → `张**`.
    public static func personName(_ value: String) -> String {
        let name = value.trimmingSpaces()
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: name.count - 1)
    }

    /// An applicant's or holder's name where names are masked: a person's is, an organisation's
    /// (a registered firm or body, public in its own register) is not.
    public static func applicantName(_ value: String, kind: ApplicantKind) -> String {
        kind == .person ? personName(value) : value
    }

    private static func keep(first: Int, last: Int, of value: String) -> String {
        let characters = Array(value.trimmingSpaces())
        guard characters.count > first + last else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(first))
            + String(repeating: "*", count: characters.count - first - last)
            + String(characters.suffix(last))
    }
}

private extension String {
    func trimmingSpaces() -> Substring {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        return self[start...lastIndex(where: { !$0.isWhitespace })!]
    }
}
