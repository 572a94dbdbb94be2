import Fluent

/// The figures staff enter for the annual report: one row per organ and year.
struct CreateDisclosureReportFigures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(DisclosureReportFigures.schema)
            .id()
            .field("organ_id", .uuid, .required, .references(Department.schema, "id"))
            .field("year", .int, .required)
            .field("figures", .string, .required)
            .field("updated_by_name", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "organ_id", "year")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(DisclosureReportFigures.schema).delete()
    }
}
