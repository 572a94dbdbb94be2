import Foundation
import Testing
@testable import ZhengwuCore

/// The 12345 ticket rules: the closed loop's statuses, the two deadlines, duplicate suggestions,
/// 好差评 consequences and who may act. Dates and times are counted by hand on the 2026 calendar.
@Suite("12345 tickets: loop, deadlines, duplicates, ratings, policy")
struct TicketRulesTests {
    let calendar = WorkingCalendar.default

    @Test("the loop: dispatch, sign, return and re-dispatch, reply, follow-up; nothing out of turn")
    func lifecycle() {
        var status = TicketStatus.received
        for event in [TicketEvent.dispatch, .sign, .returnToDispatcher, .dispatch, .sign, .askExtension, .reply, .followUp] {
            guard let next = status.after(event) else { Issue.record("\(event) refused in \(status)"); return }
            status = next
        }
        #expect(status == .closed && !status.isOpen)
        // Out of turn: a reply before signing, signing twice, a follow-up before the reply.
        #expect(TicketStatus.dispatched.after(.reply) == nil)
        #expect(TicketStatus.signed.after(.sign) == nil)
        #expect(TicketStatus.signed.after(.followUp) == nil)
        #expect(TicketStatus.closed.after(.dispatch) == nil)
        // A consultation answered during the call is closed at once; a merged one is done.
        #expect(TicketStatus.received.after(.answerOnSpot) == .closed)
        #expect(TicketStatus.dispatched.after(.merge) == .merged && !TicketStatus.merged.isOpen)
        #expect(TicketStatus.signed.after(.merge) == nil)
    }

    @Test("signing within 2 working hours: over the weekend, the lunch break and the National Day holiday")
    func signDeadline() {
        let rules = TicketDeadlines.standard
        // Friday 16:30: one hour that day, the second from Monday 09:00.
        #expect(rules.signBy(dispatchedAt: beijing("2026-03-13 16:30"), calendar: calendar) == beijing("2026-03-16 10:00"))
        // 11:30: half an hour to noon, an hour and a half from 13:30.
        #expect(rules.signBy(dispatchedAt: beijing("2026-03-16 11:30"), calendar: calendar) == beijing("2026-03-16 15:00"))
        // 30 September 17:00: half an hour, then 1–7 October off, then Thursday 8 October.
        #expect(rules.signBy(dispatchedAt: beijing("2026-09-30 17:00"), calendar: calendar) == beijing("2026-10-08 10:30"))
        // Dispatched at night: counting starts with the next office period.
        #expect(rules.signBy(dispatchedAt: beijing("2026-03-16 22:00"), calendar: calendar) == beijing("2026-03-17 11:00"))
    }

    @Test("reply deadlines per type, a category's own, and an extension, in working days")
    func replyDeadline() {
        let rules = TicketDeadlines.standard
        #expect(rules.replyBy(type: .consultation, dispatchedOn: day("2026-03-13"), calendar: calendar) == day("2026-03-16"))
        #expect(rules.replyBy(type: .help, dispatchedOn: day("2026-03-13"), calendar: calendar) == day("2026-03-18"))
        // 10 days from Tuesday 29 September: 30 Sep, 8, 9, 10 (a makeup Saturday), 12–16, 19 October.
        #expect(rules.replyBy(type: .complaint, dispatchedOn: day("2026-09-29"), calendar: calendar) == day("2026-10-19"))
        #expect(rules.replyBy(type: .complaint, categoryDays: 5, dispatchedOn: day("2026-03-16"), calendar: calendar) == day("2026-03-23"))
        // 10 + 5 from Monday 16 March, over Qingming (Monday 6 April off): Tuesday 7 April.
        #expect(rules.replyBy(type: .complaint, dispatchedOn: day("2026-03-16"), extensionDays: 5, calendar: calendar) == day("2026-04-07"))
        var custom = rules
        custom.replyDays[.suggestion] = 20
        #expect(custom.replyBy(type: .suggestion, dispatchedOn: day("2026-03-16"), calendar: calendar) == day("2026-04-14"))
    }

    @Test("settings and extensions are checked")
    func checks() throws {
        #expect(throws: TicketDeadlines.Problem.signMinutesOutOfRange) {
            try TicketDeadlines(signMinutes: 5, replyDays: [:], extensionCap: 15).validated()
        }
        #expect(throws: TicketDeadlines.Problem.replyDaysOutOfRange(.help)) {
            try TicketDeadlines(signMinutes: 120, replyDays: [.help: 0], extensionCap: 15).validated()
        }
        #expect(try TicketDeadlines(signMinutes: 240, replyDays: [.help: 5], extensionCap: 10).validated().replyDays(for: .help) == 5)
        let rules = TicketDeadlines.standard
        try rules.checkExtension(days: 10, alreadyGranted: 5)
        #expect(throws: TicketDeadlines.Problem.extensionOutOfRange(max: 5)) { try rules.checkExtension(days: 6, alreadyGranted: 10) }
        #expect(throws: TicketDeadlines.Problem.extensionOutOfRange(max: 15)) { try rules.checkExtension(days: 0, alreadyGranted: 0) }
    }

    @Test("duplicates: same category, similar words in another order, nearby; not another category or far away")
    func duplicates() {
        let finder = DuplicateCandidates()
        let new = DuplicateCandidates.Ticket(id: "new", category: "roads", text: "茹龙镇河西街路灯坏了好几天，晚上很黑",
                                             latitude: 30.9390, longitude: 100.3120)
        let open = [
            DuplicateCandidates.Ticket(id: "same", category: "roads", text: "河西街路灯坏了，晚上很黑，请尽快修", latitude: 30.9400, longitude: 100.3125),
            DuplicateCandidates.Ticket(id: "far", category: "roads", text: "河西街路灯坏了，晚上很黑", latitude: 31.2000, longitude: 100.3120),
            DuplicateCandidates.Ticket(id: "other-category", category: "water", text: "河西街路灯坏了，晚上很黑"),
            DuplicateCandidates.Ticket(id: "unrelated", category: "roads", text: "县城到乐安乡的公路有塌方"),
            DuplicateCandidates.Ticket(id: "no-place", category: "roads", text: "茹龙镇河西街路灯坏了好几天"),
        ]
        let matches = finder.matches(for: new, among: open)
        #expect(matches.map(\.id) == ["no-place", "same"])
        // About 120 m apart.
        let distance = try! #require(matches.first { $0.id == "same" }?.distance)
        #expect(distance > 100 && distance < 140)
        #expect(finder.matches(for: DuplicateCandidates.Ticket(id: "x", category: "roads", text: "。"), among: open).isEmpty)
    }

    @Test("好差评: bad reviews open rectification, named ones get a call, upheld appeals leave the figures")
    func ratings() {
        #expect(SatisfactionLevel.allCases.filter(\.isBad) == [.veryDissatisfied, .dissatisfied])
        let named = RatingConsequences(level: .dissatisfied, anonymous: false)
        #expect(named.rectificationDays == 15 && named.followUpCall)
        let anonymous = RatingConsequences(level: .veryDissatisfied, anonymous: true, rectificationDays: 10)
        #expect(anonymous.rectificationDays == 10 && !anonymous.followUpCall)
        #expect(RatingConsequences(level: .fair, anonymous: false) == RatingConsequences(level: .verySatisfied, anonymous: true))
        #expect(RatingConsequences(level: .fair, anonymous: false).rectificationDays == nil)

        var figures = SatisfactionFigures()
        #expect(figures.satisfiedPerMille == nil)
        for level in [SatisfactionLevel.verySatisfied, .satisfied, .fair, .dissatisfied] { figures.add(level) }
        figures.add(.veryDissatisfied, appeal: .upheld)
        figures.add(.veryDissatisfied, appeal: .rejected)
        #expect(figures.total == 5 && figures.bad == 2)
        #expect(figures.satisfiedPerMille == 600)
    }

    @Test("the office takes in and dispatches; a department handles only its own; supervisors decide appeals")
    func policy() {
        func staff(_ roles: Set<Role>, _ department: String = "dept-roads") -> Actor {
            Actor(accountID: "s", kind: .staff, roles: roles, departmentID: department, regionCode: "513329")
        }
        let operatorActor = staff([.hotlineOperator], "dept-centre")
        #expect(TicketPolicy.permits(operatorActor, .intake) && TicketPolicy.permits(operatorActor, .dispatch))
        #expect(!TicketPolicy.permits(operatorActor, .handle(departmentID: "dept-roads")))
        let handler = staff([.departmentHandler])
        #expect(TicketPolicy.permits(handler, .handle(departmentID: "dept-roads")))
        #expect(!TicketPolicy.permits(handler, .handle(departmentID: "dept-water")))
        #expect(!TicketPolicy.permits(handler, .dispatch) && !TicketPolicy.permits(handler, .approveExtension))
        #expect(TicketPolicy.permits(handler, .view(departmentIDs: ["dept-water", "dept-roads"])))
        #expect(!TicketPolicy.permits(handler, .view(departmentIDs: ["dept-water"])))
        #expect(TicketPolicy.permits(staff([.supervisor], "dept-centre"), .view(departmentIDs: ["dept-water"])))
        #expect(TicketPolicy.permits(staff([.supervisor], "dept-centre"), .decideAppeal))
        #expect(!TicketPolicy.permits(staff([.departmentHead]), .decideAppeal))
        let citizen = Actor(accountID: "c", kind: .citizen, roles: [.hotlineOperator], departmentID: nil, regionCode: "513329")
        #expect(!TicketPolicy.permits(citizen, .intake))
    }

    @Test("matters 12345 does not take are referred; disclosure requests to the platform's own form")
    func referrals() {
        #expect(TicketReferral.disclosureRequest.internalPath == "/open/requests/new")
        #expect(TicketReferral.allCases.filter { $0.internalPath != nil } == [.disclosureRequest])
        #expect(Set(TicketType.allCases.map(\.defaultReplyDays)) == [1, 3, 10, 15])
    }
}
