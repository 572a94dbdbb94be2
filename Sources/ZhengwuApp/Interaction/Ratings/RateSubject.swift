import Fluent
import Foundation
import ZhengwuCore

/// Records a 好差评 rating, once per application or ticket, in the caller's transaction. A bad
/// review opens the department's rectification (RatingConsequences): a fix by the configured
/// working days, a follow-up call when the reviewer can be reached, and the right to appeal.
enum RateSubject {
    enum Outcome: Sendable, Equatable {
        case rated(bad: Bool)
        /// Rated before: a rating is given once.
        case alreadyRated
        /// Not concluded yet, or nobody is responsible for it.
        case notRatable
    }

    /// Applications can be rated once decided: concluded, or refused at acceptance.
    static let ratableCaseStatuses: Set<CaseStatus> = [.concluded, .refused]

    static func application(_ record: ServiceCase, level: SatisfactionLevel, comment: String, channel: Rating.Channel,
                            services: ZhengwuServices, auditActor: AuditActor, now: Date, on db: Database) async throws -> Outcome {
        guard ratableCaseStatuses.contains(record.status), let number = record.receiptNumber else { return .notRatable }
        return try await rate(.application, id: try record.requireID(), number: number, department: record.departmentID,
                              service: (record.itemCode, record.itemName), named: true, level: level, comment: comment,
                              channel: channel, services: services, auditActor: auditActor, now: now, on: db)
    }

    static func ticket(_ ticket: Ticket, level: SatisfactionLevel, comment: String, channel: Rating.Channel,
                       services: ZhengwuServices, auditActor: AuditActor, now: Date, on db: Database) async throws -> Outcome {
        guard ticket.status == .closed else { return .notRatable }
        // Answered on the spot: the article's department answers for the answer.
        var department = ticket.leadDepartmentID
        if department == nil, let article = ticket.articleID {
            department = try await KnowledgeArticle.find(article, on: db)?.departmentID
        }
        guard let department else { return .notRatable }
        let catalogue = try await TicketCatalogue.load(on: db)
        let name = catalogue.tree.category(ticket.categoryCode)?.name ?? ticket.categoryCode
        return try await rate(.ticket, id: try ticket.requireID(), number: ticket.number, department: department,
                              service: (ticket.categoryCode, name), named: !ticket.isAnonymous, level: level, comment: comment,
                              channel: channel, services: services, auditActor: auditActor, now: now, on: db)
    }

    private static func rate(_ subject: Rating.Subject, id: UUID, number: String, department: UUID, service: (code: String, name: String),
                             named: Bool, level: SatisfactionLevel, comment: String, channel: Rating.Channel,
                             services: ZhengwuServices, auditActor: AuditActor, now: Date, on db: Database) async throws -> Outcome {
        guard try await Rating.query(on: db).filter(\.$subject == subject).filter(\.$subjectID == id).first() == nil else {
            return .alreadyRated
        }
        let calendar = try await services.calendars.calendar(on: db, now: now)
        let today = LocalDate(now, in: calendar.timeZone)
        let rating = Rating()
        rating.subject = subject
        rating.subjectID = id
        rating.subjectNumber = number
        rating.departmentID = department
        rating.serviceCode = service.code
        rating.serviceName = service.name
        rating.level = level.rawValue
        rating.comment = String(comment.prefix(1000))
        rating.channel = channel
        rating.named = named
        rating.createdAt = now
        rating.createdOn = today.iso
        try await rating.create(on: db)
        try await services.audit.append(on: db, actor: auditActor, action: "rating.given", subject: "\(subject.rawValue):\(number)",
                                        detail: ["level": String(level.rawValue), "channel": channel.rawValue])
        let settings = try await TicketSettings.load(on: db)
        let consequences = RatingConsequences(level: level, anonymous: !named, rectificationDays: settings.rectificationDays)
        guard let days = consequences.rectificationDays else { return .rated(bad: false) }
        let task = Rectification()
        task.ratingID = try rating.requireID()
        task.departmentID = department
        task.status = .open
        task.dueOn = calendar.addingWorkingDays(days, to: today).iso
        task.followUpNeeded = consequences.followUpCall
        task.followUpNote = ""
        task.fixNote = ""
        task.fixPublished = false
        task.appealReason = ""
        task.appealDecision = ""
        task.createdAt = now
        task.updatedAt = now
        try await task.create(on: db)
        let text = services.localizer.text("staff_notice.rectification", ["number": number, "due": task.dueOn], language: "zh-Hans")
        try await StaffNotices.send("rectification", text: text, about: nil,
                                    to: [.role(.departmentHead, department), .role(.departmentHandler, department)], now: now, on: db)
        return .rated(bad: true)
    }
}
