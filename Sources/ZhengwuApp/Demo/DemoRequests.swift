import Fluent
import Foundation
import SQLKit
import ZhengwuCore

/// Requests for information the demo county answered in 2025, made through the same commands
/// staff use, so the applicant's account, the workbench list, the letters and the 2025 annual
/// report (`/disclosure/report?year=2025`) have something to show. All were closed in 2025, so
/// nothing of them is open or counted in 2026.
enum DemoRequests {
    static func load(on db: Database, services: ZhengwuServices, office: Department, citizenID: UUID,
                     publisher: (id: UUID, name: String)) async throws {
        let staff = RequestActor.staff(Actor(accountID: publisher.id.uuidString, kind: .staff, roles: [.publisher],
                                             departmentID: try office.requireID().uuidString, regionCode: office.regionCode),
                                       name: publisher.name)
        let audit = AuditActor.system("demo")
        func at(_ day: String) -> Date { LocalDate(iso: day)!.instant(atMinute: 10 * 60, in: WorkingCalendar.default.timeZone) }
        func submit(_ day: String, _ input: (LocalDate) -> SubmitInformationRequest.Input, by actor: RequestActor) async throws -> UUID {
            try await SubmitInformationRequest.run(input(LocalDate(iso: day)!), by: actor, services: services, auditActor: audit,
                                                   now: at(day), on: db).requireID()
        }
        func step(_ id: UUID, _ day: String, _ step: HandleInformationRequest.Step) async throws {
            _ = try await HandleInformationRequest.run(step, requestID: id, by: staff, services: services, auditActor: audit,
                                                       now: at(day), on: db)
        }

        // Online, by the demo citizen, disclosed in full.
        let first = try await submit("2025-09-02", { day in
            .init(organ: office, applicantType: .naturalPerson, name: "扎西平措", identityNumber: "513329198805120017",
                  phone: "13800000001", address: "", description: "请公开新龙县2025年县级民生实事项目清单及其进展情况",
                  format: .electronic, channel: .online, receivedOn: day, accountID: citizenID, recordedBy: nil)
        }, by: .applicant(accountID: citizenID, name: "扎西平措"))
        try await step(first, "2025-09-16", .reply(outcome: .disclose, reasons: ""))

        // Handed in by a firm, corrected once, disclosed in part.
        let second = try await submit("2025-10-09", { day in
            .init(organ: office, applicantType: .commercialEnterprise, name: "新龙县康巴建筑工程有限公司",
                  identityNumber: "91513329MA62X00023", phone: "13800000012", address: "新龙县茹龙镇建设路8号",
                  description: "请提供县政府关于城区道路改造项目的会议纪要", format: .paper, channel: .inPerson, receivedOn: day,
                  accountID: nil, recordedBy: publisher.id)
        }, by: staff)
        try await step(second, "2025-10-10", .requestCorrection(correctBy: LocalDate(iso: "2025-10-24")!,
                                                                 what: "请写明所需会议纪要的会议名称或召开时间"))
        try await step(second, "2025-10-15", .receiveCorrection(on: LocalDate(iso: "2025-10-15")!, text: "2025年8月县政府常务会议纪要中关于城区道路改造的部分"))
        try await step(second, "2025-11-05", .reply(outcome: .partial, reasons: """
            会议纪要中涉及城区道路改造项目的内容予以公开，见所附文本。
            纪要中其他议题属于内部事务信息，依据《中华人民共和国政府信息公开条例》第十六条第一款不予公开。
            """))

        // By post, not held by the office.
        let third = try await submit("2025-11-03", { day in
            .init(organ: office, applicantType: .naturalPerson, name: "王建华", identityNumber: "513329197507080032",
                  phone: "13800000003", address: "新龙县如龙镇河西街12号", description: "请提供1998年新龙县洪灾救济款发放名册",
                  format: .paper, channel: .post, receivedOn: day, accountID: nil, recordedBy: publisher.id)
        }, by: staff)
        try await step(third, "2025-11-20", .reply(outcome: .notHeld, reasons: """
            经检索，本机关未制作、获取或保存该信息。救灾款物发放档案由县民政局保管，您可以向县民政局提出申请。
            """))

        // Their messages are history: kept in the citizen's account, never sent as SMS now.
        try await (db as! SQLDatabase).raw("""
            UPDATE notifications SET delivery = \(bind: Notification.Delivery.none.rawValue) WHERE receipt_number LIKE \(bind: office.code + "-2025-%")
            """).run()
    }
}
