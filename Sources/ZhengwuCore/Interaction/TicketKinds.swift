import Foundation

/// 工单类型 of the 12345 hotline, with the reply deadline each gets by default (interaction.md:
/// 咨询 1, 求助 3, 投诉/举报 10, 建议 15 working days). Raw values are stored with tickets.
public enum TicketType: String, Codable, Sendable, CaseIterable {
    case consultation, help, complaint, report, suggestion, praise

    /// Working days to reply, unless the category sets its own.
    public var defaultReplyDays: Int {
        switch self {
        case .consultation: 1
        case .help: 3
        case .complaint, .report: 10
        // Praise is passed on to the department praised; it has as long as a suggestion.
        case .suggestion, .praise: 15
        }
    }

    public var messageKey: String { "ticket_type.\(rawValue)" }
}

/// How a ticket came in; all channels land in one queue.
public enum TicketChannel: String, Codable, Sendable, CaseIterable {
    /// Typed in by an operator during a call.
    case phone
    /// The portal's 12345 form.
    case web
    /// 市长信箱 on the portal: the same queue, shown under its own name.
    case mayorsMailbox = "mayors_mailbox"
    /// The Open311 GeoReport v2 API.
    case open311

    public var messageKey: String { "ticket_channel.\(rawValue)" }
}

/// Matters 12345 does not take, and where the citizen is sent instead (interaction.md). A
/// category of the tree may be marked with one of these; intake then refers instead of accepting.
public enum TicketReferral: String, Codable, Sendable, CaseIterable {
    /// 110 police, 119 fire, 120 ambulance, 122 traffic accidents.
    case emergency
    /// Matters before a court.
    case litigation
    case arbitration
    /// 行政复议.
    case administrativeReview = "administrative_review"
    /// 信访: the letters-and-visits channel.
    case petition
    /// 政府信息公开申请: the platform's own request form.
    case disclosureRequest = "disclosure_request"

    public var messageKey: String { "ticket_referral.\(rawValue)" }

    /// Where the platform itself can take the citizen, if anywhere.
    public var internalPath: String? { self == .disclosureRequest ? "/open/requests/new" : nil }
}
