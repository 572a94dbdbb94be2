import Foundation

/// The two clocks of a ticket: the department signs for it within so many working minutes of
/// dispatch (e.g. 2 working hours), and replies within the type's working days, counted from the
/// day of dispatch (day 0) and moved by an approved extension. Both use the platform's calendar,
/// so a ticket dispatched on Friday evening is due to be signed for on Monday morning.
public struct TicketDeadlines: Sendable, Equatable, Codable {
    /// Working minutes to sign for a ticket after dispatch.
    public var signMinutes: Int
    /// Working days to reply, per type; a type missing here uses its default.
    public var replyDays: [TicketType: Int]
    /// Longest extension the hotline office may approve, in working days.
    public var extensionCap: Int

    public static let standard = TicketDeadlines(signMinutes: 120, replyDays: [:], extensionCap: 15)

    public init(signMinutes: Int, replyDays: [TicketType: Int], extensionCap: Int) {
        self.signMinutes = signMinutes
        self.replyDays = replyDays
        self.extensionCap = extensionCap
    }

    public enum Problem: Error, Equatable, Sendable, UserFacingError {
        case signMinutesOutOfRange
        case replyDaysOutOfRange(TicketType)
        case extensionOutOfRange(max: Int)

        public var message: LocalizedMessage {
            switch self {
            case .signMinutesOutOfRange: LocalizedMessage("ticket_deadlines.sign_minutes")
            case .replyDaysOutOfRange(let type): LocalizedMessage("ticket_deadlines.reply_days", ["type": type.rawValue])
            case .extensionOutOfRange(let max): LocalizedMessage("ticket_deadlines.extension", ["max": String(max)])
            }
        }
    }

    /// Settings an administrator may save: signing within 15 minutes to 3 working days, replies
    /// within 1 to 60 working days.
    public func validated() throws(Problem) -> TicketDeadlines {
        guard (15...(3 * 8 * 60)).contains(signMinutes) else { throw .signMinutesOutOfRange }
        for type in TicketType.allCases where !(1...60).contains(replyDays(for: type)) { throw .replyDaysOutOfRange(type) }
        guard (1...60).contains(extensionCap) else { throw .extensionOutOfRange(max: 60) }
        return self
    }

    public func replyDays(for type: TicketType) -> Int { replyDays[type] ?? type.defaultReplyDays }

    /// The moment the department must have signed for a ticket dispatched at `dispatchedAt`.
    public func signBy(dispatchedAt: Date, calendar: WorkingCalendar) -> Date {
        calendar.addingWorkingMinutes(signMinutes, to: dispatchedAt)
    }

    /// The reply's last day: the type's days (or the category's `days`) plus an approved
    /// extension, counted from the day of dispatch.
    public func replyBy(type: TicketType, categoryDays: Int? = nil, dispatchedOn: LocalDate, extensionDays: Int = 0,
                        calendar: WorkingCalendar) -> LocalDate {
        calendar.addingWorkingDays((categoryDays ?? replyDays(for: type)) + extensionDays, to: dispatchedOn)
    }

    /// Checks an extension the hotline office is asked to approve.
    public func checkExtension(days: Int, alreadyGranted: Int) throws(Problem) {
        guard days >= 1, alreadyGranted + days <= extensionCap else { throw .extensionOutOfRange(max: extensionCap - alreadyGranted) }
    }
}
