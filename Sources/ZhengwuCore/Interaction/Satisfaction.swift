/// 好差评 (国办发〔2019〕51号): five levels for every service on every channel. The last two are
/// bad reviews (差评): they open a rectification task for the responsible department, a named one
/// gets a follow-up call, and the department may appeal a mistaken or malicious one.
public enum SatisfactionLevel: Int, Codable, Sendable, CaseIterable, Comparable {
    case veryDissatisfied = 1
    case dissatisfied = 2
    case fair = 3
    case satisfied = 4
    case verySatisfied = 5

    /// 不满意 and 非常不满意.
    public var isBad: Bool { self <= .dissatisfied }
    public var messageKey: String { "satisfaction.\(rawValue)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a rating sets in motion, decided once for applications and tickets alike.
public struct RatingConsequences: Sendable, Equatable {
    /// A rectification task for the responsible department, due after these working days.
    public let rectificationDays: Int?
    /// A follow-up call to the rater is required (every named bad review).
    public let followUpCall: Bool

    /// `rectificationDays`: the configured deadline (15 working days is the common local rule).
    public init(level: SatisfactionLevel, anonymous: Bool, rectificationDays: Int = 15) {
        self.rectificationDays = level.isBad ? rectificationDays : nil
        followUpCall = level.isBad && !anonymous
    }
}

/// 申诉: a department contests a bad review; a supervisor decides. An upheld appeal takes the
/// review out of the department's figures (it stays on record); a rejected one leaves it.
public enum RatingAppeal: String, Codable, Sendable, CaseIterable {
    case pending, upheld, rejected

    public var messageKey: String { "rating_appeal.\(rawValue)" }
    /// Whether the review counts in the department's satisfaction figures.
    public var reviewCounts: Bool { self != .upheld }
}

/// Satisfaction as published: the share of reviews that are 满意 or 非常满意 (with 基本满意
/// counted as satisfied too, as the national platform reports it), over the reviews that count.
public struct SatisfactionFigures: Sendable, Equatable {
    public private(set) var counts: [SatisfactionLevel: Int] = [:]

    public init() {}

    public mutating func add(_ level: SatisfactionLevel, appeal: RatingAppeal? = nil, count: Int = 1) {
        guard appeal?.reviewCounts ?? true else { return }
        counts[level, default: 0] += count
    }

    public var total: Int { counts.values.reduce(0, +) }
    public var bad: Int { counts.filter { $0.key.isBad }.values.reduce(0, +) }

    /// Per mille, so the figure is exact in integers: 987 means 98.7 %. Nil without reviews.
    public var satisfiedPerMille: Int? {
        guard total > 0 else { return nil }
        return (total - bad) * 1000 / total
    }
}
