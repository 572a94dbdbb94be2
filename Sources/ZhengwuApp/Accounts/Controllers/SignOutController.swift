import Vapor

/// 退出: ends the session on either face and records it.
struct SignOutController {
    @Sendable func signOut(_ req: Request) async throws -> Response {
        if let signedIn = req.signedIn {
            try await req.application.write { db in
                try await Sessions.end(signedIn.sessionID, on: db)
                try await req.zhengwu.audit.append(on: db, actor: req.auditActor, action: "auth.signout",
                                                   subject: "account:\(signedIn.accountID)")
            }
        }
        let response = req.redirect(to: "/")
        Sessions.clearCookie(on: response, for: req)
        return response
    }
}
