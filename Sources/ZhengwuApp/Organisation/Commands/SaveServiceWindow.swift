import Fluent
import Vapor
import ZhengwuCore

/// The system administrator opens or edits a counter (窗口) of a service centre: its number,
/// its name, and the department that staffs it (none for a comprehensive window, 综合窗口).
struct SaveServiceWindow {
    struct Input: Sendable {
        var centreID: String
        var number: String
        var name: String
        var departmentID: String
    }

    typealias Outcome = SaveOutcome<ServiceWindow>

    let app: Application

    func run(_ input: Input, editing id: UUID?, by actor: Actor, audit auditActor: AuditActor) async throws -> Outcome {
        guard AccountPolicy.permits(actor, .manageDepartments), let scope = actor.regionCode else { return .forbidden }
        let inScope = try await Department.query(on: app.db).filter(\.$regionCode =~ AccountPolicy.regionPrefix(scope)).all()
        var window = ServiceWindow()
        if let id {
            guard let found = try await ServiceWindow.find(id, on: app.db),
                  inScope.contains(where: { $0.id == found.centreID }) else { return .notFound }
            window = found
        }
        var problems: [FieldProblem] = []
        let centre = inScope.first { $0.id?.uuidString == input.centreID && $0.kind == .serviceCentre }
        if centre == nil { problems.append(("centre", LocalizedMessage("window.centre.invalid"))) }
        let number = input.number.trimmingCharacters(in: .whitespaces)
        if number.isEmpty || number.count > 10 || !number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            problems.append(("number", LocalizedMessage("window.number.invalid")))
        }
        let name = input.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 40 { problems.append(("name", LocalizedMessage("window.name.invalid"))) }
        var staffedBy: UUID?
        if !input.departmentID.isEmpty {
            staffedBy = inScope.first { $0.id?.uuidString == input.departmentID && $0.kind != .serviceCentre }?.id
            if staffedBy == nil { problems.append(("department", LocalizedMessage("window.department.invalid"))) }
        }
        if let centreID = centre?.id, problems.isEmpty,
           let clash = try await ServiceWindow.query(on: app.db).filter(\.$centreID == centreID).filter(\.$number == number).first(),
           clash.id != id {
            problems.append(("number", LocalizedMessage("window.number.taken")))
        }
        guard problems.isEmpty, let centre, let centreID = centre.id else { return .invalid(problems) }

        window.centreID = centreID
        window.number = number
        window.name = name
        window.departmentID = staffedBy
        let creating = id == nil
        let audit = app.zhengwu.audit
        let saved = window
        do {
            try await app.write { db in
                try await saved.save(on: db)
                try await audit.append(on: db, actor: auditActor, action: creating ? "window.created" : "window.updated",
                                       subject: "window:\(centre.code)-\(number)", detail: ["name": name])
            }
        } catch let error as DatabaseError where error.isConstraintFailure {
            // Another administrator took the number between our check and our insert.
            return .invalid([("number", LocalizedMessage("window.number.taken"))])
        }
        return .saved(saved)
    }
}
