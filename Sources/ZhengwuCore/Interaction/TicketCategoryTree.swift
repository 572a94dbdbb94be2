/// A category of 12345 tickets (诉求分类), in a tree administrators keep: "城乡建设 › 市政设施 ›
/// 路灯". A category may refer its matters elsewhere (TicketReferral), set its own reply days,
/// and take location reports (those leaves are the Open311 services). Children inherit what
/// they do not set themselves.
public struct TicketCategory: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var parentCode: String?
    public var referral: TicketReferral?
    public var replyDays: Int?
    public var takesLocation: Bool

    public init(code: String, name: String, parentCode: String? = nil, referral: TicketReferral? = nil, replyDays: Int? = nil,
                takesLocation: Bool = false) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.referral = referral
        self.replyDays = replyDays
        self.takesLocation = takesLocation
    }
}

public struct TicketCategoryTree: Sendable {
    /// Three levels are what dispatch catalogues use; deeper trees only slow the operator down.
    public static let maxDepth = 3

    public enum Problem: Error, Equatable, Sendable, UserFacingError {
        /// Codes are ASCII letters, digits, `-` and `_`: they appear in addresses and in Open311.
        case badCode(String)
        case emptyName(String)
        case duplicateCode(String)
        case unknownParent(code: String, parent: String)
        case cycle(String)
        case tooDeep(String)
        case replyDaysOutOfRange(String)

        public var message: LocalizedMessage {
            switch self {
            case .badCode(let code): LocalizedMessage("ticket_category.bad_code", ["code": code])
            case .emptyName(let code): LocalizedMessage("ticket_category.empty_name", ["code": code])
            case .duplicateCode(let code): LocalizedMessage("ticket_category.duplicate_code", ["code": code])
            case .unknownParent(let code, let parent): LocalizedMessage("ticket_category.unknown_parent", ["code": code, "parent": parent])
            case .cycle(let code): LocalizedMessage("ticket_category.cycle", ["code": code])
            case .tooDeep(let code): LocalizedMessage("ticket_category.too_deep", ["code": code, "max": String(TicketCategoryTree.maxDepth)])
            case .replyDaysOutOfRange(let code): LocalizedMessage("ticket_category.reply_days", ["code": code])
            }
        }
    }

    public let categories: [TicketCategory]
    private let byCode: [String: TicketCategory]

    public init(validating categories: [TicketCategory]) throws(Problem) {
        var byCode: [String: TicketCategory] = [:]
        for category in categories {
            guard !category.code.isEmpty, category.code.count <= 40,
                  category.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw .badCode(category.code)
            }
            guard !category.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyName(category.code) }
            guard byCode[category.code] == nil else { throw .duplicateCode(category.code) }
            if let days = category.replyDays, !(1...60).contains(days) { throw .replyDaysOutOfRange(category.code) }
            byCode[category.code] = category
        }
        for category in categories {
            var seen: Set<String> = [category.code]
            var depth = 1
            var parent = category.parentCode
            while let code = parent {
                guard let next = byCode[code] else { throw .unknownParent(code: category.code, parent: code) }
                guard seen.insert(code).inserted else { throw .cycle(category.code) }
                depth += 1
                parent = next.parentCode
            }
            guard depth <= Self.maxDepth else { throw .tooDeep(category.code) }
        }
        self.categories = categories
        self.byCode = byCode
    }

    public func category(_ code: String) -> TicketCategory? { byCode[code] }

    /// From the root down to the category: for "城乡建设 › 市政设施 › 路灯".
    public func path(of code: String) -> [TicketCategory] {
        var path: [TicketCategory] = []
        var next = byCode[code]
        while let category = next {
            path.insert(category, at: 0)
            next = category.parentCode.flatMap { byCode[$0] }
        }
        return path
    }

    /// Where matters of this category go instead of 12345: its own referral or an ancestor's.
    public func referral(for code: String) -> TicketReferral? {
        path(of: code).reversed().lazy.compactMap(\.referral).first
    }

    /// Reply days set by the category or its nearest ancestor; nil for the type's own.
    public func replyDays(for code: String) -> Int? {
        path(of: code).reversed().lazy.compactMap(\.replyDays).first
    }

    public func children(of code: String?) -> [TicketCategory] {
        categories.filter { $0.parentCode == code }
    }

    /// The categories the public may report by location (the Open311 services): leaves that
    /// take location reports and are not referred elsewhere.
    public var locationServices: [TicketCategory] {
        categories.filter { category in
            category.takesLocation && children(of: category.code).isEmpty && referral(for: category.code) == nil
        }
    }
}
