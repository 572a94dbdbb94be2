import Fluent

/// Regions, departments, service-centre windows and site settings.
struct CreateOrganisation: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Region.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("parent_code", .string)
            .create()
        try await database.schema(Department.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("region_code", .string, .required, .references(Region.schema, "code"))
            .field("kind", .string, .required)
            .field("phone", .string)
            .field("address", .string)
            .field("sort_order", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(ServiceWindow.schema)
            .id()
            .field("centre_id", .uuid, .required, .references(Department.schema, "id"))
            .field("number", .string, .required)
            .field("name", .string, .required)
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .unique(on: "centre_id", "number")
            .create()
        try await database.schema(SiteSetting.schema)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(SiteSetting.schema).delete()
        try await database.schema(ServiceWindow.schema).delete()
        try await database.schema(Department.schema).delete()
        try await database.schema(Region.schema).delete()
    }
}
