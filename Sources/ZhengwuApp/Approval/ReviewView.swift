import Fluent
import Vapor
import ZhengwuCore

/// The review of one case as the staff case page shows it: stages and steps with who works
/// them and by when, the deadlines with pauses and extensions, the decision once made, and
/// which operations this person may use now (what the page offers, WorkCase checks again).
struct ReviewView: Encodable {
    struct Stage: Encodable {
        let number: Int
        let name: String
        let state: String
        let isCurrent: Bool
        let steps: [Step]
    }

    struct Step: Encodable {
        let key: String
        let name: String
        let assignee: String
        let state: String
        let approvedBy: String
        let due: String
        let urgency: String
        let mayWork: Bool
        let maySignFor: Bool
    }

    struct Option: Encodable {
        let value: String
        let label: String
    }

    let stages: [Stage]
    /// The case's workflow drawn with the steps being worked and those done marked.
    let picture: String?
    let promisedDue: String
    let legalDue: String
    let extensionUsed: String
    let pause: String?
    let canRecall: Bool
    let canManage: Bool
    let isAwaitingMaterial: Bool
    let isInSpecialProcedure: Bool
    let canExtend: Bool
    let canDecide: Bool
    let returnTargets: [Option]
    let procedures: [Option]
    let decision: String?
    let decisionBadge: String
    let decidedOn: String?
    let deadlineMet: String?

    static func make(_ record: ServiceCase, guide: ServiceGuide, actor: Actor, subject: CasePolicy.Subject,
                     calendar: WorkingCalendar, on req: Request) async throws -> ReviewView? {
        guard let review = record.review else { return nil }
        let today = LocalDate(req.now, in: calendar.timeZone)
        let departments = try await DepartmentCodes.load(on: req.db)
        let participant = departments.participant(actor)
        let run = review.run
        var ids: [String] = []
        for state in run?.steps.values.map({ $0 }) ?? [] {
            ids += state.approvedBy + state.addedSigners + [state.signedForBy].compactMap { $0 }
            if case .person(let id) = state.assignee { ids.append(id) }
            if case .group(let members, _) = state.assignee { ids += members }
        }
        let people = try await StaffUsernames.people(for: ids, on: req.db)
        func name(_ id: String) -> String { people[id]?.name ?? "—" }
        let underReview = record.status == .accepted
        let rules = try await WarningRulesStore.current(on: req)

        var stages: [Stage] = []
        for (index, stage) in (run?.definition.stages ?? []).enumerated() {
            let current = index == run?.stageIndex
            stages.append(Stage(
                number: index + 1, name: stage.name,
                state: req.t(index < (run?.stageIndex ?? 0) ? "review.stage.done" : current ? "review.stage.current" : "review.stage.waiting"),
                isCurrent: current,
                steps: stage.steps.map { step in
                    let state = run?.steps[step.key]
                    let due = current ? review.stepDue(step.key, calendar: calendar, today: today) : nil
                    let mark = state?.status == .active
                        ? DeadlineMark.make(start: review.stepStarted(step.key)?.iso, due: due?.iso, paused: record.status.isPaused,
                                            rules: rules, today: today, calendar: calendar, on: req) : nil
                    var assignee: String = switch state?.assignee ?? step.assignee {
                    case .person(let id): name(id)
                    case .role(let role, let code): "\(req.t("role.\(role.rawValue)"))（\(departments.names[code] ?? code)）"
                    case .group(let members, let mode): req.t("review.group.\(mode.rawValue)") + "：" + members.map(name).joined(separator: "、")
                    }
                    if let holder = state?.signedForBy { assignee += " · " + req.t("review.signed_for_by", ["name": name(holder)]) }
                    if let added = state?.addedSigners, !added.isEmpty { assignee += " · " + req.t("review.added_signers") + "：" + added.map(name).joined(separator: "、") }
                    let mayWork = underReview && (run?.mayWork(step.key, participant) ?? false)
                    var maySignFor = false
                    if mayWork, case .role = state?.assignee, state?.signedForBy == nil { maySignFor = true }
                    return Step(
                        key: step.key, name: step.name, assignee: assignee,
                        state: req.t("review.step.\(state?.status.rawValue ?? "waiting")"),
                        approvedBy: (state?.approvedBy ?? []).map(name).joined(separator: "、"),
                        due: due?.iso ?? "", urgency: mark?.badge ?? "badge-muted",
                        mayWork: mayWork, maySignFor: maySignFor)
                }))
        }
        let deadlines = review.deadlines
        var pause: String?
        if let running = deadlines.runningPause {
            pause = running.reason == .specialProcedure
                ? req.t("review.paused.procedure", ["name": review.specialProcedure?.name ?? "", "days": String(review.specialProcedure?.expectedDays ?? 0),
                                                    "since": running.firstDay.iso])
                : req.t("review.paused.material", ["since": running.firstDay.iso])
        }
        let mayDecide = CasePolicy.permits(actor, .decide, on: subject) && underReview
        var decidable = review.isReadyForDecision
        if mayDecide, !decidable, let run, let step = run.activeSteps.first(where: { run.mayWork($0, participant) }) {
            // The head's own last step: approving it is deciding.
            var attempt = review
            decidable = (try? attempt.apply(.approve(step: step), by: participant, today: today)) != nil && attempt.isReadyForDecision
        }
        return ReviewView(
            stages: stages, picture: run.map { picture(of: $0, on: req) },
            promisedDue: record.decisionDueOn ?? "", legalDue: record.legalDueOn ?? "",
            extensionUsed: req.t("review.extension_value", ["days": String(deadlines.extensionDays), "cap": String(deadlines.extensionCap)]),
            pause: pause,
            canRecall: underReview && (run?.canRecall(participant) ?? false),
            canManage: record.status.isUnderReview && CasePolicy.permits(actor, .manageReview, on: subject),
            isAwaitingMaterial: record.status == .awaitingMaterial, isInSpecialProcedure: record.status == .specialProcedure,
            canExtend: record.status.isUnderReview && CasePolicy.permits(actor, .extend, on: subject)
                && deadlines.extensionDays < deadlines.extensionCap,
            canDecide: mayDecide && decidable,
            returnTargets: (run?.definition.stages.prefix((run?.stageIndex ?? 0) + 1) ?? []).enumerated().map {
                Option(value: String($0.offset), label: "\($0.offset + 1). \($0.element.name)")
            },
            procedures: guide.specialProcedures.map { Option(value: $0.name, label: "\($0.name)（\($0.expectedDays)）") },
            decision: record.decision.map { req.t("decision.\($0)") },
            decisionBadge: record.decision == CaseEvent.granted.rawValue ? "badge-ok" : "badge-danger",
            decidedOn: record.decidedOn,
            deadlineMet: record.deadlineMet.map { req.t("deadline_met.\($0)", ["days": String(record.workingDaysUsed ?? 0)]) })
    }
}

extension ReviewView {
    static func picture(of run: WorkflowRun, on req: Request) -> String {
        let labels = Dictionary(uniqueKeysWithValues: [WorkflowRun.StepState.Status.waiting, .active, .done].map {
            ($0, req.t("review.step.\($0.rawValue)"))
        })
        let current = run.activeSteps.compactMap { run.definition.step($0)?.step.name }
        let title = req.t("review.picture_title", [
            "stages": run.definition.stages.map(\.name).joined(separator: " → "),
            "current": current.isEmpty ? "—" : current.joined(separator: "、"),
        ])
        return run.definition.svg(.init(
            title: title,
            detail: { step in req.t("workflow.days", ["days": String(step.allottedDays)]) },
            progress: { step in
                let status = run.steps[step.key]?.status ?? .waiting
                return .init(status: status, label: labels[status] ?? "")
            }))
    }
}
