/// The statutory clock of a request for government information (依申请公开, 政府信息公开条例
/// art. 30–33; fees under 政府信息公开信息处理费管理办法), in working days:
///
/// - the answer is due 20 working days after receipt (art. 33);
/// - within 7 working days of receipt the organ may ask, once, for a correction (补正) by a date
///   it sets; the 20 days then run afresh from the day the correction arrives, and a request
///   not corrected in time is closed (其他处理 1, art. 30);
/// - one extension of at most 20 working days, approved, with notice to the applicant (art. 33);
/// - the time a third party is consulted, at most 15 working days, is not counted (art. 32);
/// - from a fee notice until payment the clock stands still; unpaid 20 working days after the
///   notice, the request is closed (其他处理 2).
///
/// Days are counted the way `WorkingCalendar.addingWorkingDays` counts them: the start day is
/// day 0.
public struct DisclosureClock: Codable, Sendable, Equatable {
    public static let answerDays = 20
    public static let correctionRequestDays = 7
    public static let extensionCap = 20
    public static let consultationDays = 15
    public static let feePaymentDays = 20

    public struct Correction: Codable, Sendable, Equatable {
        public let requestedOn: LocalDate
        public let correctBy: LocalDate
        public let receivedOn: LocalDate?
    }

    /// A stretch the clock does not count; `lastDay` nil while it lasts.
    public struct Stretch: Codable, Sendable, Equatable {
        public let firstDay: LocalDate
        public let lastDay: LocalDate?
    }

    public struct Fee: Codable, Sendable, Equatable {
        public let noticedOn: LocalDate
        public let payBy: LocalDate
        public let paidOn: LocalDate?
    }

    /// Where the request stands on a given day.
    public enum State: Equatable, Sendable {
        /// The answer is due on `due`; `paused` while a third party or a payment is awaited.
        case running(due: LocalDate, paused: Bool)
        /// Waiting for the applicant's correction until `by`.
        case awaitingCorrection(by: LocalDate)
        /// The correction did not come in time: to be closed as 其他处理 1.
        case correctionLapsed
        /// The fee was not paid in time: to be closed as 其他处理 2.
        case feeLapsed
    }

    public enum Problem: Error, Equatable, Sendable, UserFacingError {
        case correctionAlreadyRequested
        case correctionTooLate(lastDay: LocalDate)
        case correctionDateNotAfter(LocalDate)
        case noCorrectionAwaited
        case correctionDeadlinePassed(LocalDate)
        case extensionAlreadyGranted
        case extensionOutOfRange(max: Int)
        case consultationRunning
        case noConsultationRunning
        case feeAlreadyNoticed
        case noFeeAwaited

        public var message: LocalizedMessage {
            switch self {
            case .correctionAlreadyRequested: LocalizedMessage("disclosure_clock.correction_once")
            case .correctionTooLate(let day): LocalizedMessage("disclosure_clock.correction_too_late", ["day": day.iso])
            case .correctionDateNotAfter(let day): LocalizedMessage("disclosure_clock.correction_date", ["day": day.iso])
            case .noCorrectionAwaited: LocalizedMessage("disclosure_clock.no_correction")
            case .correctionDeadlinePassed(let day): LocalizedMessage("disclosure_clock.correction_lapsed", ["day": day.iso])
            case .extensionAlreadyGranted: LocalizedMessage("disclosure_clock.extension_once")
            case .extensionOutOfRange(let max): LocalizedMessage("disclosure_clock.extension_range", ["max": String(max)])
            case .consultationRunning: LocalizedMessage("disclosure_clock.consultation_running")
            case .noConsultationRunning: LocalizedMessage("disclosure_clock.no_consultation")
            case .feeAlreadyNoticed: LocalizedMessage("disclosure_clock.fee_once")
            case .noFeeAwaited: LocalizedMessage("disclosure_clock.no_fee")
            }
        }
    }

    public let receivedOn: LocalDate
    public private(set) var correction: Correction?
    public private(set) var extensionDays: Int
    public private(set) var consultations: [Stretch]
    public private(set) var fee: Fee?

    public init(receivedOn: LocalDate) {
        self.receivedOn = receivedOn
        extensionDays = 0
        consultations = []
    }

    /// The day the 20 days run from: receipt, or the arrival of the correction.
    public var clockStart: LocalDate? {
        guard let correction else { return receivedOn }
        return correction.receivedOn
    }

    /// The last day a correction may be asked for.
    public func lastCorrectionDay(calendar: WorkingCalendar) -> LocalDate {
        calendar.addingWorkingDays(Self.correctionRequestDays, to: receivedOn)
    }

    // MARK: Events

    /// 补正: once, within 7 working days of receipt, with a date by which to correct.
    public mutating func requestCorrection(on day: LocalDate, correctBy: LocalDate, calendar: WorkingCalendar) throws(Problem) {
        guard correction == nil else { throw .correctionAlreadyRequested }
        let last = lastCorrectionDay(calendar: calendar)
        guard day <= last else { throw .correctionTooLate(lastDay: last) }
        guard day < correctBy else { throw .correctionDateNotAfter(day) }
        correction = Correction(requestedOn: day, correctBy: correctBy, receivedOn: nil)
    }

    /// The correction arrived: the 20 days start again from this day.
    public mutating func receiveCorrection(on day: LocalDate) throws(Problem) {
        guard let asked = correction, asked.receivedOn == nil else { throw .noCorrectionAwaited }
        // Too late, the request is closed as not corrected (其他处理 1); a new request starts anew.
        guard day <= asked.correctBy else { throw .correctionDeadlinePassed(asked.correctBy) }
        correction = Correction(requestedOn: asked.requestedOn, correctBy: asked.correctBy, receivedOn: max(day, asked.requestedOn))
    }

    /// 延长答复期限: once, 1 to 20 working days.
    public mutating func extend(by days: Int) throws(Problem) {
        guard extensionDays == 0 else { throw .extensionAlreadyGranted }
        guard (1...Self.extensionCap).contains(days) else { throw .extensionOutOfRange(max: Self.extensionCap) }
        extensionDays = days
    }

    /// 征求第三方意见: from this day the clock stands still, for at most 15 working days.
    public mutating func startConsultation(on day: LocalDate) throws(Problem) {
        guard consultations.allSatisfy({ $0.lastDay != nil }) else { throw .consultationRunning }
        consultations.append(Stretch(firstDay: day, lastDay: nil))
    }

    /// The third party answered (or the organ stopped waiting) on this day.
    public mutating func endConsultation(on day: LocalDate) throws(Problem) {
        guard let index = consultations.lastIndex(where: { $0.lastDay == nil }) else { throw .noConsultationRunning }
        consultations[index] = Stretch(firstDay: consultations[index].firstDay, lastDay: max(day, consultations[index].firstDay))
    }

    /// 收费通知: the clock stands still until payment; returns the day payment is due.
    @discardableResult
    public mutating func noticeFee(on day: LocalDate, calendar: WorkingCalendar) throws(Problem) -> LocalDate {
        guard fee == nil else { throw .feeAlreadyNoticed }
        let payBy = calendar.addingWorkingDays(Self.feePaymentDays, to: day)
        fee = Fee(noticedOn: day, payBy: payBy, paidOn: nil)
        return payBy
    }

    public mutating func feePaid(on day: LocalDate) throws(Problem) {
        guard let noticed = fee, noticed.paidOn == nil else { throw .noFeeAwaited }
        fee = Fee(noticedOn: noticed.noticedOn, payBy: noticed.payBy, paidOn: max(day, noticed.noticedOn))
    }

    // MARK: Reading the clock

    /// The days not counted up to `today`: each consultation's days after it began, up to its
    /// end and at most 15 working days; the days after a fee notice, up to payment.
    public func uncountedDays(today: LocalDate, calendar: WorkingCalendar) -> Set<LocalDate> {
        var days = Set<LocalDate>()
        func add(after first: LocalDate, through last: LocalDate) {
            var day = first.adding(days: 1)
            while day <= last { days.insert(day); day = day.adding(days: 1) }
        }
        for stretch in consultations {
            let cap = calendar.addingWorkingDays(Self.consultationDays, to: stretch.firstDay)
            add(after: stretch.firstDay, through: min(stretch.lastDay ?? today, cap))
        }
        if let fee { add(after: fee.noticedOn, through: fee.paidOn ?? min(today, fee.payBy)) }
        return days
    }

    /// The answer's due date as things stand on `today`, or nil while a correction is awaited.
    public func due(today: LocalDate, calendar: WorkingCalendar) -> LocalDate? {
        guard let start = clockStart else { return nil }
        return calendar.addingWorkingDays(Self.answerDays + extensionDays, to: start,
                                          pausedDays: uncountedDays(today: today, calendar: calendar))
    }

    public func state(today: LocalDate, calendar: WorkingCalendar) -> State {
        if let correction, correction.receivedOn == nil {
            return today > correction.correctBy ? .correctionLapsed : .awaitingCorrection(by: correction.correctBy)
        }
        if let fee, fee.paidOn == nil, today > fee.payBy { return .feeLapsed }
        let paused = consultations.contains { $0.lastDay == nil && today <= calendar.addingWorkingDays(Self.consultationDays, to: $0.firstDay) }
            || (fee != nil && fee?.paidOn == nil)
        return .running(due: due(today: today, calendar: calendar)!, paused: paused)
    }

    /// Yellow, red or paused by the supervision rules, as every other clock on the platform.
    public func warning(today: LocalDate, rules: WarningRules, calendar: WorkingCalendar) -> WarningLevel? {
        guard case .running(let due, let paused) = state(today: today, calendar: calendar), let start = clockStart else { return nil }
        return rules.level(start: start, due: due, today: today, paused: paused, calendar: calendar)
    }
}
