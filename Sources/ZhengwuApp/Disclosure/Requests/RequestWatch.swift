import Fluent
import Vapor
import ZhengwuCore

/// The open requests of the supervisor's board by colour, read from each request's clock with
/// the same rules as every other deadline on the platform.
enum RequestWatch {
    struct Counts: Encodable {
        var open = 0
        var red = 0
        var yellow = 0
        var normal = 0
        var paused = 0
    }

    static func counts(for actor: Actor, on req: Request) async throws -> Counts {
        var counts = Counts()
        guard let scoped = RequestScope.query(for: actor, on: req.db) else { return counts }
        let calendar = try await req.zhengwu.calendars.calendar(on: req.db, now: req.now)
        let today = LocalDate(req.now, in: calendar.timeZone)
        let rules = try await WarningRulesStore.current(on: req)
        for request in try await scoped.filter(\.$status == .open).all() {
            counts.open += 1
            guard let clock = try? request.clock else { continue }
            switch RequestView.deadline(clock, rules: rules, today: today, calendar: calendar, on: req).mark?.level {
            case WarningLevel.red.rawValue?: counts.red += 1
            case WarningLevel.yellow.rawValue?: counts.yellow += 1
            case WarningLevel.paused.rawValue?: counts.paused += 1
            default: counts.normal += 1
            }
        }
        return counts
    }
}
