import Fluent

struct CreateCalendarYears: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(CalendarYear.schema)
            .field("year", .int, .identifier(auto: false))
            .field("arrangement", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(CalendarYear.schema).delete()
    }
}
