/// The figures of the weekly report on how citizens' problems were handled
/// (网民反映问题办理情况周报): volumes by type, category and department, replies on time, the
/// satisfaction of the ratings, and the topics raised most. Counted from plain facts, so the
/// page, the CSV and the tests agree.
public struct TicketWeeklyFigures: Sendable, Equatable {
    /// A ticket as the report needs it.
    public struct Fact: Sendable, Equatable {
        public let type: TicketType
        public let category: String
        /// The lead department; nil while not dispatched or answered on the spot.
        public let department: String?
        /// Received in the week.
        public let received: Bool
        /// Replied in the week, and whether by its deadline.
        public let repliedOnTime: Bool?
        public let rating: SatisfactionLevel?
        /// The topic words the ticket was tagged with (e.g. by the operator or the category path).
        public let topics: [String]

        public init(type: TicketType, category: String, department: String?, received: Bool, repliedOnTime: Bool? = nil,
                    rating: SatisfactionLevel? = nil, topics: [String] = []) {
            self.type = type
            self.category = category
            self.department = department
            self.received = received
            self.repliedOnTime = repliedOnTime
            self.rating = rating
            self.topics = topics
        }
    }

    public struct DepartmentLine: Sendable, Equatable {
        public let department: String
        public var received = 0
        public var replied = 0
        public var onTime = 0
        public var satisfaction = SatisfactionFigures()

        /// Per mille of replies made on time; nil without replies.
        public var onTimePerMille: Int? { replied == 0 ? nil : onTime * 1000 / replied }
    }

    public private(set) var received = 0
    public private(set) var byType: [TicketType: Int] = [:]
    public private(set) var byCategory: [String: Int] = [:]
    public private(set) var departments: [String: DepartmentLine] = [:]
    public private(set) var replied = 0
    public private(set) var onTime = 0
    public private(set) var satisfaction = SatisfactionFigures()
    private var topicCounts: [String: Int] = [:]

    public init(_ facts: [Fact]) {
        for fact in facts {
            if fact.received {
                received += 1
                byType[fact.type, default: 0] += 1
                byCategory[fact.category, default: 0] += 1
                for topic in Set(fact.topics) { topicCounts[topic, default: 0] += 1 }
            }
            if let onTime = fact.repliedOnTime {
                replied += 1
                if onTime { self.onTime += 1 }
            }
            if let rating = fact.rating { satisfaction.add(rating) }
            guard let department = fact.department else { continue }
            var line = departments[department] ?? DepartmentLine(department: department)
            if fact.received { line.received += 1 }
            if let onTime = fact.repliedOnTime {
                line.replied += 1
                if onTime { line.onTime += 1 }
            }
            if let rating = fact.rating { line.satisfaction.add(rating) }
            departments[department] = line
        }
    }

    public var onTimePerMille: Int? { replied == 0 ? nil : onTime * 1000 / replied }

    /// The `count` topics raised most in the week, most first; ties in the order of their words.
    public func topTopics(_ count: Int) -> [(topic: String, tickets: Int)] {
        topicCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(count).map { ($0.key, $0.value) }
    }
}
