/// The acceptance rule of the Administrative Licensing Law, art. 32: the department must
/// accept, refuse or ask for every correction at once within 5 working days of receiving the
/// materials; if it does not, the application counts as accepted from the day of receipt.
public enum AcceptanceDeadline {
    public static let workingDays = 5

    /// The last day on which the department can still act. The receipt day itself is not
    /// counted (calendar rule: counting starts the next working day).
    public static func dueDate(receivedOn: LocalDate, calendar: WorkingCalendar) -> LocalDate {
        calendar.addingWorkingDays(workingDays, to: receivedOn)
    }

    /// Whether, on `today`, an application received on `receivedOn` and not yet acted on is
    /// accepted by operation of law. Its acceptance date is then `receivedOn`.
    public static func isDeemedAccepted(receivedOn: LocalDate, today: LocalDate, calendar: WorkingCalendar) -> Bool {
        today > dueDate(receivedOn: receivedOn, calendar: calendar)
    }

    /// Working days left to act, counting today if it is a working day; negative when late.
    public static func workingDaysLeft(receivedOn: LocalDate, today: LocalDate, calendar: WorkingCalendar) -> Int {
        calendar.workingDaysLeft(until: dueDate(receivedOn: receivedOn, calendar: calendar), today: max(today, receivedOn.adding(days: 1)))
    }
}

/// The decision limit that starts at acceptance: the promised limit for supervision, the
/// legal limit as the ceiling. 即办件 are due the day they are accepted.
public enum DecisionDeadline {
    public static func dueDate(acceptedOn: LocalDate, limitDays: Int, calendar: WorkingCalendar) -> LocalDate {
        calendar.addingWorkingDays(limitDays, to: acceptedOn)
    }
}

extension WorkingCalendar {
    /// Working days left until the end of `due`, counting today if it is one; negative (never 0)
    /// once `due` has passed, even when today is a weekend or holiday right after it.
    public func workingDaysLeft(until due: LocalDate, today: LocalDate) -> Int {
        if today > due { return -max(1, workingDays(after: due, through: today)) }
        return workingDays(after: today.adding(days: -1), through: due)
    }
}
