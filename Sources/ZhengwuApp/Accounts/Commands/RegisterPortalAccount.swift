import Fluent
import Vapor
import Foundation
import ZhengwuCore

/// 注册: a citizen (自然人) or firm (法人) opens a portal account.
struct RegisterPortalAccount {
    struct Input: Sendable {
        var kind: String
        var name: String
        var idNumber: String
        var creditCode: String
        var phone: String
        var password: String
        var passwordConfirmation: String
        var consented: Bool
    }

    enum Outcome {
        case registered(Account)
        case invalid([FieldProblem])
    }

    let app: Application

    func run(_ input: Input, actor: AuditActor) async throws -> Outcome {
        var problems: [FieldProblem] = []
        let services = app.zhengwu
        let database = app.db
        let today = LocalDate(services.clock.now(), in: WorkingCalendar.default.timeZone)
        let vault = services.vault

        guard let kind = AccountKind(rawValue: input.kind), kind != .staff else {
            return .invalid([("kind", LocalizedMessage("register.kind.required"))])
        }
        let name = input.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            problems.append(("name", LocalizedMessage(kind == .firm ? "register.firm_name.required" : "register.name.required")))
        } else if name.count > 100 {
            problems.append(("name", LocalizedMessage("register.name.too_long")))
        }

        var idNumber: ResidentIDNumber?
        var creditCode: SocialCreditCode?
        switch kind {
        case .citizen:
            do { idNumber = try ResidentIDNumber(validating: input.idNumber, today: today) } catch {
                problems.append(("id_number", error.message))
            }
        case .firm:
            do { creditCode = try SocialCreditCode(validating: input.creditCode) } catch {
                problems.append(("credit_code", error.message))
            }
        case .staff:
            break
        }

        var phone: PhoneNumber?
        do { phone = try PhoneNumber(validating: input.phone) } catch { problems.append(("phone", error.message)) }

        let login = creditCode?.value ?? phone?.value ?? ""
        for problem in PasswordPolicy.problems(password: input.password, confirmation: input.passwordConfirmation, login: login) {
            problems.append((problem == .mismatch ? "password_confirmation" : "password", problem.message))
        }
        if !input.consented { problems.append(("consent", LocalizedMessage("register.consent.required"))) }

        guard problems.isEmpty, let phone else { return .invalid(problems) }

        let loginIndex = LoginIdentifier.portal(login, vault: vault)
        let idIndex = idNumber.map { LoginIdentifier.idNumber($0.value, vault: vault) }
        if try await Account.query(on: database).filter(\.$loginIndex == loginIndex).first() != nil {
            problems.append(kind == .firm ? ("credit_code", LocalizedMessage("register.credit_code.taken"))
                                          : ("phone", LocalizedMessage("register.phone.taken")))
        }
        if let idIndex, try await Account.query(on: database).filter(\.$idNumberIndex == idIndex).first() != nil {
            problems.append(("id_number", LocalizedMessage("register.id_number.taken")))
        }
        guard problems.isEmpty else { return .invalid(problems) }

        let passwordHash = try await PasswordHasher(app: app).hash(input.password)
        let (idNumberValue, creditCodeValue) = (idNumber, creditCode)
        let now = services.clock.now()
        let audit = services.audit
        let account: Account
        do {
            account = try await app.write { db in
            let account = Account(kind: kind, loginIndex: loginIndex, username: nil, displayName: name,
                                  passwordHash: passwordHash, createdAt: now)
            account.phoneSealed = vault.seal(phone.value)
            account.phoneMasked = phone.masked
            if let idNumber = idNumberValue {
                account.idNumberSealed = vault.seal(idNumber.value)
                account.idNumberIndex = idIndex
                account.idNumberMasked = idNumber.masked
            }
            account.creditCode = creditCodeValue?.value
            try await account.create(on: db)
            try await AccountRole(accountID: account.requireID(), role: kind == .firm ? .firm : .citizen).create(on: db)
            try await audit.append(on: db, actor: actor, action: "account.registered",
                                   subject: "account:\(try account.requireID())", detail: ["kind": kind.rawValue])
            return account
            }
        } catch let error as DatabaseError where error.isConstraintFailure {
            // Someone registered the same number between our check and our insert.
            return .invalid([(kind == .firm ? "credit_code" : "phone", LocalizedMessage("register.taken"))])
        }
        return .registered(account)
    }
}
