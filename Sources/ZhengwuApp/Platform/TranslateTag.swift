import Leaf
import LeafKit
import Vapor

/// `#t("key")` or `#t("key", "name", value, …)`: a UI string in the reader's language.
/// Output is escaped like any other Leaf value.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafError(.unknownError("#t() needs a key"))
        }
        var arguments: [String: String] = [:]
        var rest = ctx.parameters.dropFirst()
        while let name = rest.first?.string, let value = rest.dropFirst().first {
            arguments[name] = value.string ?? value.description
            rest = rest.dropFirst(2)
        }
        guard let request = ctx.request else { return .string(key) }
        return .string(request.t(key, arguments))
    }
}
