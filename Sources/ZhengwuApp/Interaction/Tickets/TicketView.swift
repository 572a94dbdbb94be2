import Fluent
import Vapor
import ZhengwuCore

/// A ticket as a page shows it. Who is looking decides what is masked: staff see contact details
/// masked unless they ask (audited by the caller of `make`); the caller sees their own; anyone
/// else (the public list, a merged ticket's caller following the parent) sees text with every
/// personal detail masked.
struct TicketView: Encodable {
    enum Viewer {
        case staff(reveal: Bool)
        case caller
        case publicReader
    }

    struct Event: Encodable {
        let at: String
        let text: String
        let actor: String
        let note: String
    }

    let id: String
    let number: String
    let type: String
    let channel: String
    let category: String
    let status: String
    let statusKey: String
    let content: String
    let callerName: String
    let callerPhone: String
    let address: String
    let coordinates: String?
    let consent: Bool
    let createdAt: String
    let lead: String?
    let helpers: [String]
    let signBy: String?
    let replyBy: String?
    let deadline: DeadlineMark?
    let extensionDays: Int
    let pendingExtension: String?
    let returnCount: Int
    let urgeCount: Int
    let reply: String
    let repliedAt: String?
    let repliedOnTime: Bool?
    let parentNumber: String?
    let photos: [String]
    let events: [Event]

    static func make(_ ticket: Ticket, viewer: Viewer, on req: Request) async throws -> TicketView {
        let id = try ticket.requireID()
        let vault = req.zhengwu.vault
        func open(_ sealed: String) -> String { sealed.isEmpty ? "" : ((try? vault.open(sealed)) ?? "") }
        let name = open(ticket.callerNameSealed)
        let phone = open(ticket.callerPhoneSealed)
        let staff: Bool
        let full: Bool
        switch viewer {
        case .staff(let reveal): (staff, full) = (true, reveal)
        case .caller: (staff, full) = (false, true)
        case .publicReader: (staff, full) = (false, false)
        }
        let publicText = { (text: String) in PublicTextMasking.mask(text, names: [name], addresses: [ticket.address]) }
        let catalogue = try await TicketCatalogue.current(req)
        let departments = try await TicketDepartment.query(on: req.db).filter(\.$ticketID == id).all()
        let names = try await Department.names(on: req.db)
        var events = TicketHistoryEntry.query(on: req.db).filter(\.$ticketID == id).sort(\.$at)
        if !staff { events = events.filter(\.$shown == true) }
        var parent: Ticket?
        if let parentID = ticket.parentID { parent = try await Ticket.find(parentID, on: req.db) }
        let photos = staff || full ? try await TicketPhoto.query(on: req.db).filter(\.$ticketID == id).all().compactMap { $0.id?.uuidString } : []
        return TicketView(
            id: id.uuidString, number: ticket.number, type: req.t(ticket.type.messageKey), channel: req.t(ticket.channel.messageKey),
            category: catalogue.tree.path(of: ticket.categoryCode).map(\.name).joined(separator: " › "),
            status: req.t(ticket.status.messageKey), statusKey: ticket.status.rawValue,
            content: staff || full ? ticket.content : publicText(ticket.content),
            callerName: ticket.isAnonymous ? req.t("ticket.anonymous")
                : name.isEmpty ? req.t("ticket.no_name") : (full ? name : Masking.personName(name)),
            callerPhone: full ? phone : Masking.phone(phone),
            address: full || staff ? ticket.address : PublicTextMasking.coarse(ticket.address),
            coordinates: staff || full ? ticket.latitude.flatMap { lat in ticket.longitude.map { "\(lat), \($0)" } } : nil,
            consent: ticket.consentToPublish, createdAt: DisplayTime.minute(ticket.createdAt),
            lead: ticket.leadDepartmentID.flatMap { names[$0] },
            helpers: departments.filter { $0.role == .helper }.compactMap { names[$0.departmentID] },
            signBy: ticket.status == .dispatched ? ticket.signBy.map { DisplayTime.minute($0) } : nil,
            replyBy: ticket.replyBy,
            deadline: try await TicketDeadlineMark.make(ticket, on: req),
            extensionDays: ticket.extensionDays,
            pendingExtension: staff ? ticket.pendingExtensionDays.map {
                req.t("ticket.extension_pending", ["days": String($0), "reason": ticket.pendingExtensionReason])
            } : nil,
            returnCount: ticket.returnCount, urgeCount: ticket.urgeCount,
            reply: staff || full ? ticket.reply : publicText(ticket.reply),
            repliedAt: ticket.repliedAt.map { DisplayTime.minute($0) }, repliedOnTime: ticket.repliedOnTime,
            parentNumber: parent?.number, photos: photos,
            events: try await events.all().map { event in
                Event(at: DisplayTime.minute(event.at), text: req.t("ticket.event.\(event.kind)"), actor: staff ? event.actorName : "",
                      note: staff ? event.note : "")
            })
    }
}

/// The yellow/red mark of an open ticket, by the supervision rules that colour approval cases:
/// a dispatched ticket not signed for in time is red at once; otherwise the reply's days decide.
struct TicketDeadlineMark {
    let rules: WarningRules
    let calendar: WorkingCalendar
    let now: Date

    static func load(on req: Request) async throws -> TicketDeadlineMark {
        TicketDeadlineMark(rules: try await WarningRulesStore.current(on: req),
                           calendar: try await req.zhengwu.calendars.calendar(on: req.db, now: req.now), now: req.now)
    }

    static func make(_ ticket: Ticket, on req: Request) async throws -> DeadlineMark? {
        try await load(on: req).mark(ticket, on: req)
    }

    func mark(_ ticket: Ticket, on req: Request) -> DeadlineMark? {
        guard ticket.status.replyClockRuns else { return nil }
        if ticket.status == .dispatched, let signBy = ticket.signBy, now > signBy {
            return DeadlineMark(level: WarningLevel.red.rawValue, badge: DeadlineMark.badge(.red), text: req.t("ticket.sign_overdue"))
        }
        return DeadlineMark.make(start: ticket.dispatchedOn, due: ticket.replyBy, paused: false, rules: rules,
                                 today: LocalDate(now, in: calendar.timeZone), calendar: calendar, on: req)
    }
}
