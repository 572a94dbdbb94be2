/// The decision deadlines of an accepted case (行政许可法 art. 42, 45): the promised limit that
/// supervision measures and the legal limit that is the ceiling, both counted in working days
/// from acceptance, lengthened by approved extensions (延期) and by days the clock stood still:
/// waiting for material the applicant was asked for, and special procedures (特别程序) such as
/// hearings, inspection or expert review, whose time the law does not count.
public struct CaseDeadlines: Codable, Sendable, Equatable {
    public enum Handling: String, Codable, Sendable, Equatable {
        /// One department: 20 working days by law, extendable once by 10.
        case single
        /// Joint, unified or centralised handling: 45, extendable by 15.
        case joint
    }

    /// A stretch during which the clock stands still; `lastDay` nil while it lasts.
    public struct Pause: Codable, Sendable, Equatable {
        public enum Reason: String, Codable, Sendable, Equatable, CaseIterable {
            case awaitingMaterial = "awaiting_material"
            case specialProcedure = "special_procedure"
        }

        public let reason: Reason
        public let firstDay: LocalDate
        public let lastDay: LocalDate?

        public init(reason: Reason, firstDay: LocalDate, lastDay: LocalDate?) {
            self.reason = reason
            self.firstDay = firstDay
            self.lastDay = lastDay
        }
    }

    public enum ExtensionError: Error, Equatable, Sendable, UserFacingError {
        case notPositive
        case exceedsCap(cap: Int, alreadyGranted: Int)

        public var message: LocalizedMessage {
            switch self {
            case .notPositive: LocalizedMessage("deadline.extension_not_positive")
            case .exceedsCap(let cap, let granted):
                LocalizedMessage("deadline.extension_cap", ["cap": String(cap), "granted": String(granted)])
            }
        }
    }

    public let acceptedOn: LocalDate
    public let promisedDays: Int
    public let legalDays: Int
    public let handling: Handling
    public private(set) var extensionDays: Int
    public private(set) var pauses: [Pause]

    public init(acceptedOn: LocalDate, promisedDays: Int, legalDays: Int, handling: Handling) {
        self.acceptedOn = acceptedOn
        self.promisedDays = promisedDays
        self.legalDays = legalDays
        self.handling = handling
        extensionDays = 0
        pauses = []
    }

    /// Most working days the head of the department may add in all.
    public var extensionCap: Int { handling == .joint ? 15 : 10 }

    /// 延期, approved by the head; the applicant is told the reason.
    public mutating func extend(by days: Int) throws(ExtensionError) {
        guard days > 0 else { throw .notPositive }
        guard extensionDays + days <= extensionCap else { throw .exceedsCap(cap: extensionCap, alreadyGranted: extensionDays) }
        extensionDays += days
    }

    public mutating func pause(_ pause: Pause) { pauses.append(pause) }

    /// The pause still running, if any.
    public var runningPause: Pause? { pauses.last { $0.lastDay == nil } }

    /// Ends the pause still running, on `lastDay`.
    public mutating func resume(on lastDay: LocalDate) {
        guard let index = pauses.lastIndex(where: { $0.lastDay == nil }) else { return }
        pauses[index] = Pause(reason: pauses[index].reason, firstDay: pauses[index].firstDay, lastDay: max(lastDay, pauses[index].firstDay))
    }

    /// Days not counted, up to `today` for a pause still running.
    public func pausedDays(today: LocalDate) -> Set<LocalDate> {
        var days: Set<LocalDate> = []
        for pause in pauses {
            var day = pause.firstDay
            let end = pause.lastDay ?? today
            while day <= end {
                days.insert(day)
                day = day.adding(days: 1)
            }
        }
        return days
    }

    /// The last day to decide within the promised limit (with extensions and pauses).
    public func promisedDue(calendar: WorkingCalendar, today: LocalDate) -> LocalDate {
        calendar.addingWorkingDays(promisedDays + extensionDays, to: acceptedOn, pausedDays: pausedDays(today: today))
    }

    /// The last day the law allows (with extensions and pauses).
    public func legalDue(calendar: WorkingCalendar, today: LocalDate) -> LocalDate {
        calendar.addingWorkingDays(legalDays + extensionDays, to: acceptedOn, pausedDays: pausedDays(today: today))
    }

    /// How a decision on `decidedOn` stands against both limits: a late decision is still a
    /// decision, recorded as late.
    public struct Outcome: Sendable, Equatable {
        public let workingDaysUsed: Int
        public let withinPromised: Bool
        public let withinLegal: Bool

        /// Which limit the decision kept, the tighter first: what concluding records (办结).
        public var met: Met { withinPromised ? .promised : withinLegal ? .legal : .late }
    }

    public enum Met: String, Codable, Sendable, CaseIterable {
        /// Within the promised limit (and so within the law's).
        case promised
        /// Past the promise but within the legal limit.
        case legal
        /// Past the legal limit: still a valid decision, recorded as late.
        case late
    }

    /// The last day for a workflow step that opened on `startedOn` with `allottedDays`; the
    /// case's pauses hold the step's clock too.
    public func stepDue(startedOn: LocalDate, allottedDays: Int, calendar: WorkingCalendar, today: LocalDate) -> LocalDate {
        calendar.addingWorkingDays(allottedDays, to: startedOn, pausedDays: pausedDays(today: today))
    }

    public func outcome(decidedOn: LocalDate, calendar: WorkingCalendar) -> Outcome {
        let paused = pausedDays(today: decidedOn)
        return Outcome(
            workingDaysUsed: calendar.workingDays(after: acceptedOn, through: decidedOn, pausedDays: paused),
            withinPromised: decidedOn <= promisedDue(calendar: calendar, today: decidedOn),
            withinLegal: decidedOn <= legalDue(calendar: calendar, today: decidedOn))
    }
}
