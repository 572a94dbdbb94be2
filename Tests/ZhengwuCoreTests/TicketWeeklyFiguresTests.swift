import Testing
@testable import ZhengwuCore

@Suite("12345 weekly report figures")
struct TicketWeeklyFiguresTests {
    @Test("volumes, on-time replies, satisfaction and top topics, worked out by hand")
    func figures() {
        let facts: [TicketWeeklyFigures.Fact] = [
            .init(type: .complaint, category: "streetlight", department: "CGJ", received: true, repliedOnTime: true, rating: .satisfied,
                  topics: ["路灯", "夜间照明", "路灯"]),
            .init(type: .complaint, category: "streetlight", department: "CGJ", received: true, repliedOnTime: false,
                  rating: .dissatisfied, topics: ["路灯"]),
            .init(type: .consultation, category: "social-security", department: nil, received: true, topics: ["医保"]),
            .init(type: .help, category: "roads", department: "JTJ", received: false, repliedOnTime: true, rating: .verySatisfied,
                  topics: ["塌方"]),
            .init(type: .suggestion, category: "roads", department: "JTJ", received: true, topics: ["公交"]),
        ]
        let figures = TicketWeeklyFigures(facts)
        #expect(figures.received == 4)
        #expect(figures.byType == [.complaint: 2, .consultation: 1, .suggestion: 1])
        #expect(figures.byCategory == ["streetlight": 2, "social-security": 1, "roads": 1])
        #expect(figures.replied == 3 && figures.onTime == 2 && figures.onTimePerMille == 666)
        #expect(figures.satisfaction.total == 3 && figures.satisfaction.satisfiedPerMille == 666)
        let roads = figures.departments["CGJ"]!
        #expect(roads.received == 2 && roads.replied == 2 && roads.onTimePerMille == 500 && roads.satisfaction.bad == 1)
        #expect(figures.departments["JTJ"]?.received == 1 && figures.departments["JTJ"]?.onTimePerMille == 1000)
        // A topic counts once per ticket; a ticket received in an earlier week adds none.
        #expect(figures.topTopics(3).map(\.topic) == ["路灯", "公交", "医保"])
        #expect(figures.topTopics(1).first?.tickets == 2)
        #expect(TicketWeeklyFigures([]).onTimePerMille == nil)
    }
}
