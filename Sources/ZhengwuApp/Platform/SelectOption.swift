import Vapor

/// One choice of a `<select>` as the templates draw it.
struct SelectOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// One tab of a list page's filter (`?show=key`), labelled from `labelPrefix.key`.
struct ListTab: Encodable, Sendable {
    let key: String
    let label: String
    let current: Bool

    static func tabs<Show: RawRepresentable & Equatable>(_ shows: [Show], current: Show, labelPrefix: String,
                                                        on req: Request) -> [ListTab] where Show.RawValue == String {
        shows.map { ListTab(key: $0.rawValue, label: req.t("\(labelPrefix).\($0.rawValue)"), current: $0 == current) }
    }
}
