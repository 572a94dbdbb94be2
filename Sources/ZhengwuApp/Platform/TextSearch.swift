import Fluent
import SQLKit

extension QueryBuilder {
    /// Keeps rows whose `field` contains `text`, ignoring case the same way on both databases:
    /// LIKE ignores ASCII case on SQLite but not on PostgreSQL, which has ILIKE for it. On
    /// PostgreSQL, `%`, `_` and `\` in the text are matched literally (backslash is its default
    /// escape); SQLite's LIKE has no default escape, where they stay wildcards.
    func filter(_ field: KeyPath<Model, FieldProperty<Model, String>>, containsIgnoringCase text: String) -> Self {
        if (database as? SQLDatabase)?.dialect.name == "postgresql" {
            return filter(field, .custom("ILIKE"), "%\(Self.escapedForLike(text))%")
        }
        return filter(field ~~ text)
    }

    func filter(_ field: KeyPath<Model, OptionalFieldProperty<Model, String>>, containsIgnoringCase text: String) -> Self {
        if (database as? SQLDatabase)?.dialect.name == "postgresql" {
            return filter(field, .custom("ILIKE"), "%\(Self.escapedForLike(text))%")
        }
        return filter(field ~~ text)
    }

    private static func escapedForLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
