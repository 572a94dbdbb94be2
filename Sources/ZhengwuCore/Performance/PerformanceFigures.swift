/// 绩效评估: the figures of one department (or window, item, handler) over a date range, from
/// the counts the database keeps. Definitions (shown on the page too):
/// - received: applications received in the range (submitted, not drafts);
/// - accepted / refused: of those, accepted (by a person or by law) / refused;
/// - concluded: decisions (and 即办件 concluded at acceptance) made in the range;
/// - on time: concluded within the promised limit; overdue: concluded after it;
/// - concluded early (提前办结): concluded in fewer working days than promised;
/// - working days used: average and 90th percentile over the concluded;
/// - extensions and returns made in the range; visits in person per concluded case, and the
///   share of them concluded with at most one visit (最多跑一次);
/// - reuses: materials handed in as a library certificate on applications received in the range.
public struct PerformanceFigures: Sendable, Equatable, Codable {
    public var received = 0
    public var accepted = 0
    public var refused = 0
    public var concluded = 0
    public var concludedEarly = 0
    public var onTime = 0
    public var overdue = 0
    public var extensions = 0
    public var returns = 0
    public var visits = 0
    public var atMostOneVisit = 0
    public var reuses = 0
    /// Concluded cases by working days used.
    public var daysUsed: [Int: Int] = [:]

    public init() {}

    public var averageDaysUsed: Double? {
        let total = daysUsed.values.reduce(0, +)
        guard total > 0 else { return nil }
        return Double(daysUsed.reduce(0) { $0 + $1.key * $1.value }) / Double(total)
    }

    /// Nearest rank: the smallest value at or below which 90% of the concluded fall.
    public var p90DaysUsed: Int? { Self.percentile(90, of: daysUsed) }

    public var earlyRate: Double? { rate(concludedEarly, of: concluded) }
    public var onTimeRate: Double? { rate(onTime, of: concluded) }
    public var visitsPerCase: Double? { concluded > 0 ? Double(visits) / Double(concluded) : nil }
    public var oneVisitRate: Double? { rate(atMostOneVisit, of: concluded) }

    private func rate(_ part: Int, of whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

    public static func percentile(_ p: Int, of histogram: [Int: Int]) -> Int? {
        let total = histogram.values.reduce(0, +)
        guard total > 0 else { return nil }
        let rank = (p * total + 99) / 100
        var seen = 0
        for value in histogram.keys.sorted() {
            seen += histogram[value]!
            if seen >= rank { return value }
        }
        return histogram.keys.max()
    }

    /// Adds another group's figures (e.g. several departments into the whole government's).
    public mutating func add(_ other: PerformanceFigures) {
        received += other.received
        accepted += other.accepted
        refused += other.refused
        concluded += other.concluded
        concludedEarly += other.concludedEarly
        onTime += other.onTime
        overdue += other.overdue
        extensions += other.extensions
        returns += other.returns
        visits += other.visits
        atMostOneVisit += other.atMostOneVisit
        reuses += other.reuses
        daysUsed.merge(other.daysUsed, uniquingKeysWith: +)
    }

    /// `count` concluded cases alike: within the promise or not, early or not, their days and visits.
    public mutating func addConcluded(daysUsed used: Int, promisedDays: Int, withinPromise: Bool, visits caseVisits: Int,
                                      count: Int = 1) {
        concluded += count
        if withinPromise { onTime += count } else { overdue += count }
        if used < promisedDays { concludedEarly += count }
        daysUsed[used, default: 0] += count
        visits += caseVisits * count
        if caseVisits <= 1 { atMostOneVisit += count }
    }
}
