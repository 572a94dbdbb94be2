/// Who may do what with government information (政务公开). Publications and requests belong to
/// an organ (a department). The organ's handlers and head write drafts and answer requests;
/// registered publishers (信息发布员) of the organ's region review and publish. The second pair
/// of eyes is the rule that matters most: nobody publishes an edition they wrote or submitted.
public enum DisclosurePolicy {
    /// The organ a publication or request belongs to.
    public struct Organ: Sendable, Equatable {
        public let id: String
        public let regionCode: String

        public init(id: String, regionCode: String) {
            self.id = id
            self.regionCode = regionCode
        }
    }

    public enum Action: Sendable, Equatable {
        /// See drafts, write and submit editions.
        case write
        /// Publish (or reject) an edition written by `authorIDs` and submitted by `submitterID`.
        case publish(authorIDs: Set<String>, submitterID: String)
        /// Publish without a second person, in an emergency; approved afterwards by another.
        case forcePublish
        /// Approve afterwards an edition `forcedByID` force-published.
        case confirmForced(forcedByID: String)
        /// Withdraw, remove, or change the validity of a published document.
        case manage
        /// Record, handle and answer requests for information addressed to the organ.
        case handleRequests
        /// Approve the one extension of a request's answer period (art. 33): the organ's head.
        case approveExtension
        /// Read requests and their deadlines: those who handle them, and the region's supervisors.
        case viewRequests
    }

    public static func permits(_ actor: Actor, _ action: Action, organ: Organ) -> Bool {
        guard actor.kind == .staff else { return false }
        let organStaff = actor.departmentID == organ.id && actor.hasAny([.departmentHandler, .departmentHead])
        let publisher = actor.has(.publisher) && actor.regionCode == organ.regionCode
        switch action {
        case .write, .handleRequests:
            return organStaff || publisher
        case .publish(let authorIDs, let submitterID):
            return publisher && !authorIDs.contains(actor.accountID) && actor.accountID != submitterID
        case .forcePublish, .manage:
            return publisher
        case .confirmForced(let forcedByID):
            return publisher && actor.accountID != forcedByID
        case .approveExtension:
            return (actor.departmentID == organ.id && actor.has(.departmentHead)) || publisher
        case .viewRequests:
            return organStaff || publisher || (actor.has(.supervisor) && actor.regionCode == organ.regionCode)
        }
    }

    /// Whether the actor works on publications or requests of any organ: for the navigation.
    public static func worksOnDisclosure(_ actor: Actor) -> Bool {
        actor.kind == .staff && actor.hasAny([.departmentHandler, .departmentHead, .publisher])
    }

    /// Who reads the annual report (政府信息公开工作年度报告) of `organ` and enters the figures the
    /// platform does not hold: the organ's handlers and head, who answer for its report, and the
    /// publishers of its region. The report of the whole government (`organ` nil) is compiled by
    /// the publishers and read by the supervisors; organ staff see only their own organ's.
    public static func mayReport(_ actor: Actor, organ: Organ?) -> Bool {
        guard actor.kind == .staff else { return false }
        guard let organ else { return actor.hasAny([.publisher, .supervisor]) }
        let organStaff = actor.departmentID == organ.id && actor.hasAny([.departmentHandler, .departmentHead])
        return organStaff || (actor.has(.publisher) && actor.regionCode == organ.regionCode)
    }

    /// The banned-word list (不良词汇) is kept by the publishers and the system administrator.
    public static func managesBannedTerms(_ actor: Actor) -> Bool {
        actor.kind == .staff && actor.hasAny([.publisher, .systemAdministrator])
    }
}

/// 索引号: `<organ code>/<year>-<serial>`, the serial counting the organ's publications of the year
/// from 1, five digits wide so the numbers sort as text too.
public struct IndexNumber: Sendable, Hashable, CustomStringConvertible {
    public let organCode: String
    public let year: Int
    public let serial: Int

    public init(organCode: String, year: Int, serial: Int) {
        self.organCode = organCode
        self.year = year
        self.serial = serial
    }

    /// Reads the two path parts of a publication's address, `ZFB` and `2026-00012`.
    public init?(organCode: String, yearAndSerial: String) {
        let parts = yearAndSerial.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count >= 5,
              let year = Int(parts[0]), let serial = Int(parts[1]), serial > 0,
              !organCode.isEmpty, organCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        self.init(organCode: organCode, year: year, serial: serial)
    }

    public var yearAndSerial: String {
        let digits = String(serial)
        return "\(year)-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    public var description: String { "\(organCode)/\(yearAndSerial)" }
    /// The publication's stable public address.
    public var path: String { "/open/\(organCode)/\(yearAndSerial)" }
}
