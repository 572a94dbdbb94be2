import Vapor
import ZhengwuCore

extension SatisfactionLevel {
    /// The five levels as a rating form offers them, best first, in the reader's language.
    static func choices(selected: String?, on req: Request) -> [SelectOption] {
        allCases.reversed().map {
            SelectOption(value: String($0.rawValue), label: req.t($0.messageKey), selected: selected == String($0.rawValue))
        }
    }
}
