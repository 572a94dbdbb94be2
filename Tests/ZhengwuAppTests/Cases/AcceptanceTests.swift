import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

@Suite("Acceptance at the window and by departments")
struct AcceptanceTests {
    private func staff(_ t: TestApp, _ username: String) async throws -> Browser {
        let browser = t.workbench
        try await browser.signInStaff(username, clock: t.clock)
        return browser
    }

    private func caseID(_ t: TestApp, _ receipt: String) async throws -> UUID {
        try await CaseFixtures.caseRecord(t, receipt: receipt).requireID()
    }

    @Test("a department sees its own cases only; the centre's windows see the region's")
    func scoping() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            let civil = try await staff(t, "mzj-handler")
            #expect(try await civil.get("/cases").contains(receipt))
            #expect(try await civil.get("/cases/\(id)").status == .ok)
            let market = try await staff(t, "scj-handler")
            #expect(!(try await market.get("/cases").contains(receipt)))
            #expect(try await market.get("/cases/\(id)").status == .notFound)
            let window = try await staff(t, "window01")
            #expect(try await window.get("/cases").contains(receipt))
        }
    }

    @Test("a joint-handling partner sees the case but only the lead department or a window accepts it")
    func jointPartner() async throws {
        try await withTestApp { t in
            var materials = CaseFixtures.reliefMaterials()
            materials.append(.init(key: "photos", fileName: "photo.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(),
                                   certificateReference: nil))
            let receipt = try await CaseFixtures.submit(t, item: CaseFixtures.disability, form: CaseFixtures.disabilityForm,
                                                        materials: materials, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            let health = try await staff(t, "wjj-handler")
            #expect(try await health.get("/cases").contains(receipt))
            let detail = try await health.get("/cases/\(id)")
            #expect(detail.status == .ok && !detail.contains("value=\"accept\""))
            let refused = try await health.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")])
            #expect(refused.status == .forbidden)
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).status == .submitted)
            let civil = try await staff(t, "mzj-head")
            let accepted = try await civil.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")])
            #expect(accepted.status == .seeOther)
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).status == .accepted)
        }
    }

    @Test("acceptance issues a numbered notice and starts the promised limit")
    func accept() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            let clerk = try await staff(t, "window01")
            _ = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")])
            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(record.status == .accepted && record.acceptedOn == "2026-03-02" && !record.deemedAccepted)
            let calendar = WorkingCalendar.default
            let expected = calendar.addingWorkingDays(record.promisedLimitDays, to: LocalDate(iso: "2026-03-02")!)
            #expect(record.decisionDueOn == expected.iso)
            let notices = try await CaseNotice.query(on: t.app.db).filter(\.$applicationID == id).all()
            #expect(notices.map(\.kind) == [.acceptance])
            #expect(notices[0].number == "民政局受字〔2026〕第0001号")
            // The applicant sees and can print it.
            let portal = t.portal
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            let page = try await portal.get("/applications/\(id)/notices/\(try notices[0].requireID())")
            #expect(page.status == .ok && page.contains("民政局受字〔2026〕第0001号") && page.contains(receipt))
            let messages = try await Notification.query(on: t.app.db).filter(\.$applicationID == id).count()
            #expect(messages == 2)
        }
    }

    @Test("a correction request lists every item, and the corrected case returns to the queue received anew")
    func correction() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            let clerk = try await staff(t, "window01")
            let empty = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "correct"), ("corrections", " ")])
            #expect(empty.status == .unprocessableEntity)
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).status == .submitted)
            _ = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide",
                                       [("decision", "correct"), ("corrections", "户口簿复印件不清晰\n请补充村委会出具的困难证明")])
            let notice = try #require(try await CaseNotice.query(on: t.app.db).filter(\.$applicationID == id).first())
            #expect(notice.kind == .correction && notice.body.split(separator: "\n").count == 2)
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).status == .correctionRequested)

            t.clock.advance(by: 2 * 86_400)  // Wednesday 4 March
            let portal = t.portal
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            let page = try await portal.get("/applications/\(id)")
            #expect(page.contains("户口簿复印件不清晰"))
            let added = try await portal.postMultipart("/applications/\(id)/materials", [("_csrf", page.csrfToken ?? ""), ("key", "hardship_proof")],
                                                       files: [("file", "证明.pdf", CaseFixtures.pdf)])
            #expect(added.status == .seeOther)
            let resubmitted = try await portal.submit("/applications/\(id)", to: "/applications/\(id)/submit", [])
            #expect(resubmitted.status == .seeOther)
            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(record.status == .submitted && record.receiptNumber == receipt)
            #expect(record.receivedOn == "2026-03-04" && record.acceptanceDueOn == "2026-03-11")
            let events = try await CaseTimelineEntry.query(on: t.app.db).filter(\.$applicationID == id).sort(\.$at).all().map(\.event)
            #expect(events == [.submitted, .correctionRequested, .resubmitted])
        }
    }

    @Test("corrections brought to the window are scanned there and the case returns to acceptance, counting the visit")
    func correctionAtTheWindow() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            let clerk = try await staff(t, "window01")
            _ = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "correct"), ("corrections", "请补充困难证明")])
            let page = try await clerk.get("/cases/\(id)")
            #expect(page.contains("/cases/\(id)/resubmit"))
            let refused = try await clerk.postMultipart("/cases/\(id)/materials", [("_csrf", page.csrfToken ?? ""), ("key", "hardship_proof")],
                                                        files: [("file", "证明.pdf", CaseFixtures.executable)])
            #expect(refused.status == .unprocessableEntity)
            let added = try await clerk.postMultipart("/cases/\(id)/materials", [("_csrf", page.csrfToken ?? ""), ("key", "hardship_proof")],
                                                      files: [("file", "证明.pdf", CaseFixtures.pdf)])
            #expect(added.status == .seeOther)
            let other = try await staff(t, "scj-handler")
            #expect(try await other.submit("/cases/\(id)", to: "/cases/\(id)/resubmit", []).status == .notFound)
            let resubmitted = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/resubmit", [])
            #expect(resubmitted.status == .seeOther)
            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(record.status == .submitted && record.visits == 1)
            let materials = try await CaseMaterial.query(on: t.app.db).filter(\.$applicationID == id).filter(\.$materialKey == "hardship_proof").count()
            #expect(materials == 1)
        }
    }

    @Test("once 5 working days have passed, a refusal or correction is too late: the application is accepted by law")
    func tooLateToRefuse() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            t.clock.advance(by: 8 * 86_400)  // Tuesday 10 March, the timer has not run
            let clerk = try await staff(t, "mzj-handler")
            let late = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "refuse"), ("reason", "材料不全")])
            #expect(late.location == "/cases/\(id)?done=deemed")
            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(record.status == .accepted && record.deemedAccepted && record.acceptedOn == "2026-03-02")
            let notices = try await CaseNotice.query(on: t.app.db).filter(\.$applicationID == id).count()
            #expect(notices == 0)
        }
    }

    @Test("ID and phone numbers, also typed into a form, are sealed and masked; the department may reveal them, which is audited")
    func personalDataInForms() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            let id = try record.requireID()
            #expect(!record.formValues.contains("513329198805120017") && !record.formValues.contains("13800000001"))
            let supervisor = try await staff(t, "supervisor")
            let masked = try await supervisor.get("/cases/\(id)")
            #expect(masked.status == .ok && !masked.contains("513329198805120017") && masked.contains("513329********0017"))
            let before = try await AuditEntry.query(on: t.app.db).filter(\.$action == "case.personal_data_viewed").count()
            let handler = try await staff(t, "mzj-handler")
            let byDefault = try await handler.get("/cases/\(id)")
            #expect(!byDefault.contains("513329198805120017") && byDefault.contains("/cases/\(id)?reveal=1"))
            #expect(!masked.contains("?reveal=1"))  // the supervisor may not ask
            let full = try await handler.get("/cases/\(id)?reveal=1")
            #expect(full.contains("513329198805120017"))
            let after = try await AuditEntry.query(on: t.app.db).filter(\.$action == "case.personal_data_viewed").count()
            #expect(after == before + 1)
        }
    }

    @Test("a refusal gives the reason and, outside the remit, the department to go to")
    func refusal() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            let health = try #require(try await Department.query(on: t.app.db).filter(\.$code == "YBJ").first())
            let clerk = try await staff(t, "mzj-handler")
            let noReason = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "refuse"), ("reason", "")])
            #expect(noReason.status == .unprocessableEntity)
            _ = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide",
                                       [("decision", "refuse"), ("reason", "所报医疗费用应申请医疗救助"), ("referral", try health.requireID().uuidString)])
            let notice = try #require(try await CaseNotice.query(on: t.app.db).filter(\.$applicationID == id).first())
            #expect(notice.kind == .refusal && notice.referral.hasPrefix("新龙县医疗保障局"))
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).status == .refused)
            // Nothing more can happen at acceptance.
            let again = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")])
            #expect(again.status == .conflict)
        }
    }

    @Test("an on-the-spot item is decided and concluded when it is accepted")
    func onTheSpot() async throws {
        try await withTestApp { t in
            let materials: [ApplicationsAPIController.MaterialInput] = [
                .init(key: "application", fileName: "a.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(), certificateReference: nil),
                .init(key: "operator_id", fileName: nil, content: nil, certificateReference: "ID-1"),
                .init(key: "premises_proof", fileName: "p.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(), certificateReference: nil),
            ]
            let receipt = try await CaseFixtures.submit(t, item: CaseFixtures.soleTrader, form: CaseFixtures.soleTraderForm,
                                                        materials: materials, token: try await CaseFixtures.token(t))
            let id = try await caseID(t, receipt)
            let clerk = try await staff(t, "scj-handler")
            _ = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")])
            let concluded = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(concluded.status == .concluded)
            // Recorded as decided today within the promise, as performance figures count it.
            #expect(concluded.decidedOn == "2026-03-02" && concluded.deadlineMet == "promised" && concluded.workingDaysUsed == 0)
            let events = try await CaseTimelineEntry.query(on: t.app.db).filter(\.$applicationID == id).sort(\.$at).all().map(\.event)
            #expect(events == [.submitted, .accepted, .concludedOnTheSpot])
        }
    }

    @Test("untouched for 5 working days, an application counts as accepted from the day of receipt")
    func deemedAcceptance() async throws {
        try await withTestApp { t in
            let receipt = try await CaseFixtures.submit(t, token: try await CaseFixtures.token(t))
            // Monday 9 March, the last day to act: not yet.
            t.clock.advance(by: 7 * 86_400)
            #expect(try await DeemAcceptances.run(services: t.app.zhengwu, app: t.app) == 0)
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).status == .submitted)
            // Tuesday 10 March: the law has accepted it, as of 2 March.
            t.clock.advance(by: 86_400)
            #expect(try await DeemAcceptances.run(services: t.app.zhengwu, app: t.app) == 1)
            let record = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(record.status == .accepted && record.deemedAccepted && record.acceptedOn == "2026-03-02")
            let entry = try #require(try await CaseTimelineEntry.query(on: t.app.db).filter(\.$applicationID == record.requireID())
                .filter(\.$event == .deemedAccepted).first())
            #expect(entry.actorID == "system" && entry.note.contains("2026-03-02"))
            // Running again changes nothing.
            #expect(try await DeemAcceptances.run(services: t.app.zhengwu, app: t.app) == 0)
        }
    }

    @Test("the window records a walk-in application with its scans and counts the visit")
    func walkIn() async throws {
        try await withTestApp { t in
            let clerk = try await staff(t, "window01")
            let form = try await clerk.get("/walk-in/\(CaseFixtures.relief)")
            #expect(form.status == .ok)
            var fields: [(String, String)] = [("_csrf", form.csrfToken ?? ""), ("who-kind", "person"), ("who-name", "王建华"),
                                              ("who-id", "513329197507080032"), ("who-phone", "13800000003"),
                                              ("c_household_register", "HK-9"), ("c_id_card", "ID-9")]
            fields += CaseFixtures.reliefForm.map { ($0.key, $0.value) }
            let bad = try await clerk.postMultipart("/walk-in/\(CaseFixtures.relief)",
                                                    fields.map { $0.0 == "who-id" ? ($0.0, "513329197507080033") : $0 },
                                                    files: [("m_application", "scan.pdf", CaseFixtures.pdf)])
            #expect(bad.status == .unprocessableEntity && bad.contains("513329197507080033"))
            // The window the clerk sits at is asked for: the general window and the clerk's own.
            #expect(form.contains("01 综合受理窗口") && !form.contains("市场监管窗口"))
            #expect(bad.contains("请选择您所在的受理窗口"))
            #expect(try await ServiceCase.query(on: t.app.db).count() == 0)
            let general = try #require(try await ServiceWindow.query(on: t.app.db).filter(\.$number == "01").first()?.id)
            fields.append(("window", general.uuidString))
            let done = try await clerk.postMultipart("/walk-in/\(CaseFixtures.relief)", fields, files: [("m_application", "scan.pdf", CaseFixtures.pdf)])
            #expect(done.status == .seeOther)
            let record = try #require(try await ServiceCase.query(on: t.app.db).first())
            #expect(record.channel == .window && record.visits == 1 && record.status == .submitted && record.applicantAccountID == nil)
            #expect(record.windowID == general)
            // The terminal remembers its window for the next applicant.
            #expect(try await clerk.get("/walk-in/\(CaseFixtures.relief)").contains("<option value=\"\(general.uuidString)\" selected>"))
            let id = try record.requireID()
            _ = try await clerk.submit("/cases/\(id)", to: "/cases/\(id)/visit", [])
            #expect(try await ServiceCase.find(id, on: t.app.db)?.visits == 2)
            // The walk-in can follow the case with the receipt number and their phone.
            let portal = t.portal
            let tracked = try await portal.submit("/track", [("receipt", record.receiptNumber ?? ""), ("secret", "13800000003")])
            #expect(tracked.status == .ok && tracked.contains("王**"), "\(tracked.body.suffix(2500))")
        }
    }
}
