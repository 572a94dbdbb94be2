/// One choice of a `<select>` as the templates draw it.
struct SelectOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}
