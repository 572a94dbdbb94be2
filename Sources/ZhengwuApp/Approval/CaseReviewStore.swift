import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Keeps a case's review with the case: the CaseReview value as JSON, the due dates the lists
/// sort by, and the open-step rows the to-do lists read. Every change goes through `store`.
extension ServiceCase {
    var review: CaseReview? {
        reviewJSON.flatMap { try? JSONDecoder().decode(CaseReview.self, from: Data($0.utf8)) }
    }

    /// Saves `review` into the record (the caller saves the record) and rewrites its open steps.
    func store(_ review: CaseReview, departments: DepartmentCodes, calendar: WorkingCalendar, today: LocalDate,
               on db: Database) async throws {
        reviewJSON = String(decoding: try JSONEncoder.sorted.encode(review), as: UTF8.self)
        decisionDueOn = review.deadlines.promisedDue(calendar: calendar, today: today).iso
        legalDueOn = review.deadlines.legalDue(calendar: calendar, today: today).iso
        try await OpenSteps.replace(for: self, review: review, departments: departments, calendar: calendar, today: today, on: db)
    }

    /// Starts the review of a case just accepted (by a person or by law): the workflow its
    /// guide version names, or the default one, and the deadlines from acceptance. A case for a
    /// certificate the applicant already holds is a renewal of it (延续).
    func beginReview(guide: ServiceGuide, acceptedOn: LocalDate, calendar: WorkingCalendar, vault: PersonalDataVault,
                     on db: Database) async throws {
        if guide.result.isCertificate {
            renewsCertificateID = try await CertificateLibrary.held(by: self, vault: vault, today: acceptedOn, on: db)
                .first { $0.certificateType == guide.result.name }?.id
        }
        let departments = try await DepartmentCodes.load(on: db)
        let leadCode = departments.code(of: departmentID) ?? ""
        let definition = guide.effectiveWorkflow(leadDepartmentCode: leadCode, departmentNames: departments.names)
        let deadlines = CaseDeadlines(acceptedOn: acceptedOn, promisedDays: promisedLimitDays, legalDays: legalLimitDays,
                                      handling: guide.jointDepartmentCodes.isEmpty ? .single : .joint)
        try await store(CaseReview(definition: definition, deadlines: deadlines), departments: departments,
                        calendar: calendar, today: acceptedOn, on: db)
    }
}

/// Departments by code and by id: workflows name departments by code, rows by id.
struct DepartmentCodes: Sendable {
    let byCode: [String: UUID]
    let names: [String: String]

    static func load(on db: Database) async throws -> DepartmentCodes {
        let all = try await Department.query(on: db).all()
        return DepartmentCodes(byCode: Dictionary(all.compactMap { d in d.id.map { (d.code, $0) } }) { first, _ in first },
                               names: Dictionary(all.map { ($0.code, $0.name) }) { first, _ in first })
    }

    func code(of id: UUID) -> String? { byCode.first { $0.value == id }?.key }

    /// `actor` as the workflow knows them: workflows name departments by code.
    func participant(_ actor: Actor) -> WorkflowRun.Participant {
        WorkflowRun.Participant(accountID: actor.accountID, roles: actor.roles,
                                departmentCode: actor.departmentID.flatMap(UUID.init(uuidString:)).flatMap(code(of:)))
    }
}

/// The to-do rows of one case, derived from its review: who may work each open step now.
enum OpenSteps {
    static let columns = ["id", "application_id", "step_key", "step_name", "account_id", "role", "department_id",
                          "signed_for_by", "due_on", "started_on"]

    static func replace(for record: ServiceCase, review: CaseReview, departments: DepartmentCodes, calendar: WorkingCalendar,
                        today: LocalDate, on db: Database) async throws {
        let sql = db as! SQLDatabase
        let caseID = try record.requireID()
        try await sql.raw("DELETE FROM open_steps WHERE application_id = \(bind: caseID)").run()
        guard record.status.isUnderReview else { return }
        var rows: [[any Encodable & Sendable]] = []
        var started = review.deadlines.acceptedOn
        func add(_ key: String, _ name: String, account: String?, role: Role?, department: UUID?, signedFor: String?, due: LocalDate) {
            rows.append([UUID(), caseID, key, name, account, role?.rawValue, department, signedFor, due.iso, started.iso])
        }
        if review.isReadyForDecision {
            // The decision is measured against the case's own clock.
            add(OpenStep.decisionKey, "", account: nil, role: .departmentHead, department: record.departmentID, signedFor: nil,
                due: review.deadlines.promisedDue(calendar: calendar, today: today))
        } else if let run = review.run {
            for key in run.activeSteps {
                guard let state = run.steps[key], let (_, step) = run.definition.step(key),
                      let due = review.stepDue(key, calendar: calendar, today: today),
                      let stepStarted = review.stepStarted(key) else { continue }
                started = stepStarted
                for signer in state.addedSigners where !state.approvedBy.contains(signer) {
                    add(key, step.name, account: signer, role: nil, department: nil, signedFor: nil, due: due)
                }
                switch state.assignee {
                case .person(let id) where !state.approvedBy.contains(id):
                    add(key, step.name, account: id, role: nil, department: nil, signedFor: nil, due: due)
                case .role(let role, let code) where !state.approvedBy.contains(where: { !state.addedSigners.contains($0) }):
                    add(key, step.name, account: nil, role: role, department: departments.byCode[code], signedFor: state.signedForBy, due: due)
                case .group(let members, _):
                    for member in members where !state.approvedBy.contains(member) {
                        add(key, step.name, account: member, role: nil, department: nil, signedFor: nil, due: due)
                    }
                default:
                    break
                }
            }
        }
        // Written now, not deferred: a second operation on the case in the same group commit
        // deletes these rows first and must find them.
        if !rows.isEmpty { try await sql.writeRows(into: OpenStep.schema, columns: columns, rows) }
    }
}
