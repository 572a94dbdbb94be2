import Fluent
import Vapor
import ZhengwuCore

/// The system administrator opens or edits a department (部门) in a region they administer.
/// A department's code is fixed once created: later issues use it in receipt numbers and
/// document numbers.
struct SaveDepartment {
    struct Input: Sendable {
        var code: String
        var name: String
        var shortName: String
        var kind: String
        var regionCode: String
        var phone: String
        var address: String
    }

    typealias Outcome = SaveOutcome<Department>

    let app: Application

    func run(_ input: Input, editing id: UUID?, by actor: Actor, audit auditActor: AuditActor) async throws -> Outcome {
        guard AccountPolicy.permits(actor, .manageDepartments), let scope = actor.regionCode else { return .forbidden }
        var department = Department()
        if let id {
            guard let found = try await Department.find(id, on: app.db),
                  AccountPolicy.region(found.regionCode, isWithin: scope) else { return .notFound }
            department = found
        }
        var problems: [FieldProblem] = []
        let code = input.code.uppercased()
        if id == nil {
            if !Self.isValidCode(code) {
                problems.append(("code", LocalizedMessage("department.code.invalid")))
            } else if try await Department.query(on: app.db).filter(\.$code == code).first() != nil {
                problems.append(("code", LocalizedMessage("department.code.taken")))
            }
        }
        let name = input.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 60 { problems.append(("name", LocalizedMessage("department.name.invalid"))) }
        let shortName = input.shortName.trimmingCharacters(in: .whitespaces)
        if shortName.isEmpty || shortName.count > 20 { problems.append(("short_name", LocalizedMessage("department.short_name.invalid"))) }
        guard let kind = Department.Kind(rawValue: input.kind) else {
            return .invalid(problems + [("kind", LocalizedMessage("department.kind.invalid"))])
        }
        if let id, kind != department.kind, try await ServiceWindow.query(on: app.db)
            .group(.or, { $0.filter(\.$centreID == id).filter(\.$departmentID == id) }).count() > 0 {
            // Its windows would be left with a centre that is not one, or staffed by a centre.
            problems.append(("kind", LocalizedMessage("department.kind.has_windows")))
        }
        let region = try await Region.find(input.regionCode, on: app.db)
        if region == nil || !AccountPolicy.region(input.regionCode, isWithin: scope) {
            problems.append(("region", LocalizedMessage("department.region.invalid")))
        }
        if input.phone.count > 30 { problems.append(("phone", LocalizedMessage("department.phone.invalid"))) }
        if input.address.count > 200 { problems.append(("address", LocalizedMessage("department.address.invalid"))) }
        guard problems.isEmpty else { return .invalid(problems) }

        let creating = id == nil
        if creating {
            department.code = code
            department.sortOrder = try await Department.query(on: app.db).count()
        }
        department.name = name
        department.shortName = shortName
        department.kind = kind
        department.regionCode = input.regionCode
        department.phone = input.phone.isEmpty ? nil : input.phone
        department.address = input.address.isEmpty ? nil : input.address
        let audit = app.zhengwu.audit
        let saved = department
        do {
            try await app.write { db in
                try await saved.save(on: db)
                try await audit.append(on: db, actor: auditActor, action: creating ? "department.created" : "department.updated",
                                       subject: "department:\(saved.code)", detail: ["name": name, "region": saved.regionCode])
            }
        } catch let error as DatabaseError where error.isConstraintFailure {
            // Another administrator took the code between our check and our insert.
            return .invalid([("code", LocalizedMessage("department.code.taken"))])
        }
        return .saved(saved)
    }

    /// Codes are short upper-case tags such as "SCJ" or "ZWFW".
    static func isValidCode(_ code: String) -> Bool {
        (2...20).contains(code.count) && code.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "-" }
    }
}
