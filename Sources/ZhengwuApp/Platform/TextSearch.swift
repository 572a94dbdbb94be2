import Fluent
import SQLKit

extension QueryBuilder {
    /// Keeps rows whose `field` contains `text`, ignoring case the same way on both databases:
    /// LIKE ignores ASCII case on SQLite but not on PostgreSQL, which has ILIKE for it.
    func filter(_ field: KeyPath<Model, FieldProperty<Model, String>>, containsIgnoringCase text: String) -> Self {
        if (database as? SQLDatabase)?.dialect.name == "postgresql" {
            return filter(field, .custom("ILIKE"), "%\(text)%")
        }
        return filter(field ~~ text)
    }

    func filter(_ field: KeyPath<Model, OptionalFieldProperty<Model, String>>, containsIgnoringCase text: String) -> Self {
        if (database as? SQLDatabase)?.dialect.name == "postgresql" {
            return filter(field, .custom("ILIKE"), "%\(text)%")
        }
        return filter(field ~~ text)
    }
}
