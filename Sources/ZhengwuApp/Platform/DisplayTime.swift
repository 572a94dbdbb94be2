import Foundation
import ZhengwuCore

/// How pages show a moment: to the minute, in the calendar's time zone (Beijing time), the
/// same for every reader whatever their language.
enum DisplayTime {
    static func minute(_ date: Date, in timeZone: TimeZone = WorkingCalendar.default.timeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func day(_ date: Date, in timeZone: TimeZone = WorkingCalendar.default.timeZone) -> String {
        LocalDate(date, in: timeZone).iso
    }
}
