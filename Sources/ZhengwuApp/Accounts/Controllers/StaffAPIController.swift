import Vapor

/// JSON for workbench clients: who is signed in.
struct StaffAPIController {
    struct Me: Content {
        let id: String
        let name: String
        let department: String?
        let roles: [String]
    }

    @Sendable func me(_ req: Request) async throws -> Me {
        let signedIn = try req.requireSignedIn()
        return Me(id: signedIn.accountID.uuidString, name: signedIn.displayName, department: signedIn.departmentName,
                  roles: signedIn.roles.sorted().map(\.rawValue))
    }
}
