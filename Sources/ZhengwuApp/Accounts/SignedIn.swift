import Foundation
import Vapor
import ZhengwuCore

/// The account behind the current request, loaded once by SessionMiddleware.
struct SignedIn: Sendable {
    let sessionID: String
    let accountID: UUID
    let kind: AccountKind
    let displayName: String
    let roles: Set<Role>
    let departmentID: UUID?
    let departmentName: String?
    let regionCode: String?
    let stage: AccountSession.Stage
    let mustChangePassword: Bool

    var isComplete: Bool { stage == .complete }

    var actor: Actor {
        Actor(accountID: accountID.uuidString, kind: kind, roles: roles,
              departmentID: departmentID?.uuidString, regionCode: regionCode)
    }

    /// Who a portal account applies as: a firm as a legal person (法人), everyone else as a person.
    var applicantKind: ApplicantKind { kind == .firm ? .organisation : .person }

    /// The actor, only once every sign-in factor has been given.
    var completeActor: Actor? { isComplete ? actor : nil }
}

extension Request {
    private struct SignedInKey: StorageKey { typealias Value = SignedIn }

    var signedIn: SignedIn? {
        get { storage[SignedInKey.self] }
        set { storage[SignedInKey.self] = newValue }
    }

    /// For handlers behind a Require… middleware: the signed-in account, never nil there.
    func requireSignedIn() throws -> SignedIn {
        guard let signedIn, signedIn.isComplete else { throw AppError.forbidden }
        return signedIn
    }

    /// "Try again in N minutes" for a locked account.
    func lockedMessage(until: Date) -> String {
        t("signin.locked", ["minutes": String(max(1, Int(until.timeIntervalSince(now) / 60) + 1))])
    }

    var auditActor: AuditActor {
        AuditActor(id: signedIn.map { "account:\($0.accountID.uuidString)" } ?? "anonymous",
                   name: signedIn?.displayName ?? "-", sourceAddress: clientAddress)
    }
}

extension AuditActor {
    /// The account acting, before its session exists (during sign-in).
    static func account(_ account: Account, from request: Request) throws -> AuditActor {
        AuditActor(id: "account:\(try account.requireID())", name: account.displayName, sourceAddress: request.clientAddress)
    }
}
