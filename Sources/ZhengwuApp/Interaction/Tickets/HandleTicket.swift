import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Every step of a ticket after intake: dispatch and re-dispatch, sign for, return, extension,
/// reply, urging, follow-up and merging. Each checks TicketStatus for the order and
/// TicketPolicy for who, re-reads the ticket inside the transaction, and leaves its history,
/// audit record and messages through TicketJournal.
enum HandleTicket {
    enum Step: Sendable {
        case dispatch(lead: UUID, helpers: [UUID], note: String)
        case sign
        case returnToDispatcher(reason: String)
        case askExtension(days: Int, reason: String)
        case decideExtension(approve: Bool, note: String)
        case reply(text: String)
        case urge(note: String)
        /// The office's follow-up call; the level, if the caller gave one, is recorded as their rating.
        case followUp(note: String, level: SatisfactionLevel?, comment: String)
        case merge(into: UUID)

        var event: TicketEvent {
            switch self {
            case .dispatch: .dispatch
            case .sign: .sign
            case .returnToDispatcher: .returnToDispatcher
            case .askExtension: .askExtension
            case .decideExtension: .decideExtension
            case .reply: .reply
            case .urge: .urge
            case .followUp: .followUp
            case .merge: .merge
            }
        }
    }

    enum Outcome: Sendable {
        case done
        case forbidden
        case notFound
        /// Not allowed in the ticket's status (someone else acted first).
        case conflict
        case problem(LocalizedMessage)
    }

    static func run(_ step: Step, ticketID: UUID, actor: Actor, name: String, services: ZhengwuServices,
                    auditActor: AuditActor, now: Date, on db: Database) async throws -> Outcome {
        guard let ticket = try await Ticket.find(ticketID, on: db) else { return .notFound }
        let departments = try await TicketDepartment.query(on: db).filter(\.$ticketID == ticketID).all()
        guard TicketPolicy.permits(actor, .view(departmentIDs: Set(departments.map(\.departmentID.uuidString)))) else { return .notFound }
        guard permitted(step, actor: actor, lead: ticket.leadDepartmentID) else { return .forbidden }
        guard let next = ticket.status.after(step.event) else { return .conflict }
        if case .problem(let message) = check(step, ticket: ticket) { return .problem(message) }
        let settings = try await TicketSettings.load(on: db)
        let calendar = try await services.calendars.calendar(on: db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        let journal = TicketJournal(services: services)
        let by = TicketActor.staff(actor, name: name)
        func record(_ kind: String, note: String = "", shown: Bool) async throws {
            try await journal.record(kind, on: ticket, by: by, note: note, department: actor.departmentID.flatMap(UUID.init(uuidString:)),
                                     shown: shown, auditActor: auditActor, now: now, on: db)
        }

        switch step {
        case .dispatch(let lead, let helpers, let note):
            let redispatch = ticket.status == .returned
            let catalogue = try await TicketCatalogue.load(on: db)
            ticket.leadDepartmentID = lead
            ticket.dispatchedAt = now
            ticket.dispatchedOn = today.iso
            ticket.signBy = settings.deadlines.signBy(dispatchedAt: now, calendar: calendar)
            ticket.signedAt = nil
            ticket.extensionDays = 0
            ticket.pendingExtensionDays = nil
            ticket.replyBy = settings.deadlines.replyBy(type: ticket.type, categoryDays: catalogue.tree.replyDays(for: ticket.categoryCode),
                                                        dispatchedOn: today, calendar: calendar).iso
            try await TicketDepartment.query(on: db).filter(\.$ticketID == ticketID).delete()
            // Each department once: a helper named twice, or also the lead, is the lead's alone.
            var named: Set<UUID> = [lead]
            let roles = [(lead, TicketDepartment.Role.lead)] + helpers.filter { named.insert($0).inserted }.map { ($0, TicketDepartment.Role.helper) }
            for (department, role) in roles {
                let row = TicketDepartment()
                row.ticketID = ticketID
                row.departmentID = department
                row.role = role
                row.open = true
                row.replyBy = ticket.replyBy
                try await row.create(on: db)
            }
            ticket.status = next
            try await save(ticket, now: now, on: db)
            try await record(redispatch ? "reassign" : "dispatch", note: note, shown: true)
            try await notifyDepartments([lead] + helpers, ticket: ticket, kind: "ticket", services: services, now: now, on: db)
        case .sign:
            ticket.signedAt = now
            ticket.status = next
            try await save(ticket, now: now, on: db)
            try await record("sign", shown: true)
        case .returnToDispatcher(let reason):
            ticket.returnCount += 1
            ticket.status = next
            ticket.leadDepartmentID = nil
            ticket.pendingExtensionDays = nil
            try await TicketDepartment.query(on: db).filter(\.$ticketID == ticketID).delete()
            try await save(ticket, now: now, on: db)
            try await record("return", note: reason, shown: false)
        case .askExtension(let days, let reason):
            ticket.pendingExtensionDays = days
            ticket.pendingExtensionReason = reason
            try await save(ticket, now: now, on: db)
            try await record("ask_extension", note: reason, shown: false)
        case .decideExtension(let approve, let note):
            guard let days = ticket.pendingExtensionDays else { return .conflict }
            if approve {
                // The cap may have been lowered since the department asked.
                do { try settings.deadlines.checkExtension(days: days, alreadyGranted: ticket.extensionDays) } catch {
                    return .problem(error.message)
                }
                ticket.extensionDays += days
                // Added to the day the reply is due now, whatever the category's days have become since.
                ticket.replyBy = calendar.addingWorkingDays(days, to: LocalDate(iso: ticket.replyBy ?? "") ?? today).iso
                try await (db as! SQLDatabase).raw("""
                    UPDATE ticket_departments SET reply_by = \(bind: ticket.replyBy) WHERE ticket_id = \(bind: ticketID)
                    """).run()
            }
            ticket.pendingExtensionDays = nil
            ticket.pendingExtensionReason = ""
            try await save(ticket, now: now, on: db)
            try await record(approve ? "extension_approved" : "extension_declined", note: approve ? "\(days)" : note, shown: approve)
        case .reply(let text):
            ticket.reply = text
            ticket.repliedAt = now
            ticket.repliedOnTime = ticket.replyBy.map { today.iso <= $0 } ?? true
            ticket.status = next
            try await closeDepartments(ticketID, on: db)
            try await save(ticket, now: now, on: db)
            try await record("reply", shown: true)
        case .urge(let note):
            ticket.urgeCount += 1
            try await save(ticket, now: now, on: db)
            try await record("urge", note: note, shown: false)
            try await notifyDepartments(departments.map(\.departmentID), ticket: ticket, kind: "urge", services: services, now: now, on: db)
        case .followUp(let note, let level, let comment):
            ticket.status = next
            ticket.closedAt = now
            ticket.preparePublication(vault: services.vault)
            try await save(ticket, now: now, on: db)
            try await record("follow_up", note: note, shown: true)
            if let level {
                _ = try await RateSubject.ticket(ticket, level: level, comment: comment, channel: .followUp, services: services,
                                                 auditActor: auditActor, now: now, on: db)
            }
        case .merge(let parentID):
            guard parentID != ticketID, let parent = try await Ticket.find(parentID, on: db), parent.status.isOpen,
                  parent.parentID == nil else {
                return .problem(LocalizedMessage("ticket.error.merge_target"))
            }
            ticket.parentID = parentID
            ticket.status = next
            ticket.closedAt = now
            try await closeDepartments(ticketID, on: db)
            // Tickets merged into this one follow the new parent, so their callers keep hearing.
            try await (db as! SQLDatabase).raw("UPDATE tickets SET parent_id = \(bind: parentID) WHERE parent_id = \(bind: ticketID)").run()
            try await save(ticket, now: now, on: db)
            try await record("merge", note: parent.number, shown: true)
            try await journal.record("merged_in", on: parent, by: by, note: ticket.number, shown: false, auditActor: auditActor,
                                     now: now, on: db)
        }
        return .done
    }

    /// The caller's own follow-up online: confirming a reply closes the ticket, and the rating
    /// is recorded with it; a closed ticket can still be rated once.
    static func confirmByCaller(_ ticketID: UUID, level: SatisfactionLevel, comment: String, services: ZhengwuServices,
                                auditActor: AuditActor, now: Date, on db: Database) async throws -> RateSubject.Outcome {
        guard let ticket = try await Ticket.find(ticketID, on: db) else { return .notRatable }
        if let next = ticket.status.after(.followUp) {
            ticket.status = next
            ticket.closedAt = now
            ticket.preparePublication(vault: services.vault)
            try await save(ticket, now: now, on: db)
            try await TicketJournal(services: services).record("confirmed", on: ticket, by: .caller, shown: true, auditActor: auditActor,
                                                               now: now, on: db)
        }
        return try await RateSubject.ticket(ticket, level: level, comment: comment, channel: .online, services: services,
                                            auditActor: auditActor, now: now, on: db)
    }

    /// Who may take the step, by TicketPolicy: department steps only by the lead department.
    private static func permitted(_ step: Step, actor: Actor, lead: UUID?) -> Bool {
        switch step {
        case .dispatch: TicketPolicy.permits(actor, .dispatch)
        case .sign, .returnToDispatcher, .askExtension, .reply:
            lead.map { TicketPolicy.permits(actor, .handle(departmentID: $0.uuidString)) } ?? false
        case .decideExtension: TicketPolicy.permits(actor, .approveExtension)
        case .urge: TicketPolicy.permits(actor, .urge)
        case .followUp: TicketPolicy.permits(actor, .followUp)
        case .merge: TicketPolicy.permits(actor, .merge)
        }
    }

    /// What the step's own values must be.
    private static func check(_ step: Step, ticket: Ticket) -> Outcome {
        switch step {
        case .returnToDispatcher(let reason) where reason.trimmingCharacters(in: .whitespacesAndNewlines).count < 4:
            return .problem(LocalizedMessage("ticket.error.reason"))
        case .askExtension(_, let reason) where reason.trimmingCharacters(in: .whitespacesAndNewlines).count < 4:
            return .problem(LocalizedMessage("ticket.error.reason"))
        case .askExtension where ticket.pendingExtensionDays != nil:
            return .problem(LocalizedMessage("ticket.error.extension_pending"))
        case .reply(let text) where text.trimmingCharacters(in: .whitespacesAndNewlines).count < 10:
            return .problem(LocalizedMessage("ticket.error.reply_short"))
        default:
            return .done
        }
    }

    private static func save(_ ticket: Ticket, now: Date, on db: Database) async throws {
        ticket.updatedAt = now
        try await ticket.update(on: db)
    }

    /// The departments' part is over: the ticket leaves their queues.
    private static func closeDepartments(_ ticketID: UUID, on db: Database) async throws {
        try await (db as! SQLDatabase).raw("UPDATE ticket_departments SET open = \(bind: false) WHERE ticket_id = \(bind: ticketID)").run()
    }

    /// A workbench notice to the handlers and heads of each department ("ticket" or "urge").
    private static func notifyDepartments(_ departments: [UUID], ticket: Ticket, kind: String, services: ZhengwuServices,
                                          now: Date, on db: Database) async throws {
        let text = services.localizer.text("staff_notice.ticket_\(kind)", ["number": ticket.number, "summary": ticket.summary],
                                           language: "zh-Hans")
        try await StaffNotices.send(kind, text: text, about: nil,
                                    to: departments.flatMap { [.role(.departmentHandler, $0), .role(.departmentHead, $0)] },
                                    now: now, on: db)
    }
}
