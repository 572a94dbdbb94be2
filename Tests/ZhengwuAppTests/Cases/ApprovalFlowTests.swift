import Fluent
import Foundation
import Testing
import Vapor
@testable import ZhengwuApp
import ZhengwuCore

/// An accepted joint-handling case through review to its decision and certificate, and the
/// certificate reused in a later application, over HTTP as staff and applicant use it.
@Suite("Approval workflow, decisions and certificates")
struct ApprovalFlowTests {
    private func staff(_ t: TestApp, _ username: String) async throws -> Browser {
        let browser = t.workbench
        try await browser.signInStaff(username, clock: t.clock)
        return browser
    }

    /// A disability-certificate case (民政局 leads, 卫健局 reviews in parallel), accepted today.
    /// Returns the head's signed-in browser too (a second sign-in would need the TOTP secret).
    private func acceptedJointCase(_ t: TestApp) async throws -> (UUID, String, Browser, [UInt8]) {
        let head = t.workbench
        let headSecret = try await head.signInStaff("mzj-head", clock: t.clock)
        let (id, receipt) = try await acceptJointCase(t, by: head)
        return (id, receipt, head, headSecret)
    }

    /// Submits a disability-certificate case through the API and accepts it as `head`.
    private func acceptJointCase(_ t: TestApp, by head: Browser) async throws -> (UUID, String) {
        var materials = CaseFixtures.reliefMaterials()
        materials.append(.init(key: "photos", fileName: "photo.pdf", content: Data(CaseFixtures.pdf).base64EncodedString(),
                               certificateReference: nil))
        let receipt = try await CaseFixtures.submit(t, item: CaseFixtures.disability, form: CaseFixtures.disabilityForm,
                                                    materials: materials, token: try await CaseFixtures.token(t))
        let id = try await CaseFixtures.caseRecord(t, receipt: receipt).requireID()
        let accepted = try await head.submit("/cases/\(id)", to: "/cases/\(id)/decide", [("decision", "accept")])
        #expect(accepted.status == .seeOther)
        return (id, receipt)
    }

    /// Both departments approve and the head grants; returns the certificate issued.
    private func grant(_ t: TestApp, _ id: UUID, head: Browser) async throws -> Certificate {
        _ = try await staff(t, "mzj-handler").submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "review")])
        _ = try await staff(t, "wjj-handler").submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "joint_wjj")])
        #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/decision", [("decision", "grant")]).status == .seeOther)
        return try #require(try await Certificate.query(on: t.app.db).filter(\.$applicationID == id).first())
    }

    private func review(_ t: TestApp, _ receipt: String) async throws -> CaseReview {
        try #require(try await CaseFixtures.caseRecord(t, receipt: receipt).review)
    }

    @Test("parallel review, recall, extension within its cap, grant, certificate, verification and reuse")
    func jointCaseToCertificate() async throws {
        try await withTestApp { t in
            let (id, receipt, head, _) = try await acceptedJointCase(t)
            let started = try await review(t, receipt)
            #expect(started.run?.activeSteps.sorted() == ["joint_wjj", "review"])
            #expect(started.deadlines.handling == .joint)

            // Both departments find it in their to-do lists; a department not taking part does not.
            let civil = try await staff(t, "mzj-handler")
            let health = try await staff(t, "wjj-handler")
            #expect(try await civil.get("/todo").contains(receipt))
            #expect(try await health.get("/todo").contains(receipt))
            #expect(!(try await staff(t, "scj-handler").get("/todo").contains(receipt)))

            // A partner may neither extend nor decide; the case is unchanged.
            #expect(try await health.submit("/cases/\(id)", to: "/cases/\(id)/review",
                                            [("action", "extend"), ("days", "3"), ("reason", "复杂")]).status == .forbidden)
            #expect(try await health.submit("/cases/\(id)", to: "/cases/\(id)/decision", [("decision", "grant")]).status == .forbidden)
            // Nor may anyone work a step not assigned to them.
            let wrongStep = try await health.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "review")])
            #expect(wrongStep.status == .unprocessableEntity)
            #expect(try await review(t, receipt) == started)

            // The staff page draws the case's workflow with the two parallel steps being worked.
            let casePage = try await civil.get("/cases/\(id)")
            #expect(casePage.body.components(separatedBy: "stroke-width=\"4\"").count - 1 == 2)
            #expect(casePage.contains("正在办理："))

            // 民政局 approves, recalls (nobody has acted since), approves again.
            #expect(try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "review")]).status == .seeOther)
            #expect(try await review(t, receipt).run?.activeSteps == ["joint_wjj"])
            #expect(try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "recall")]).status == .seeOther)
            #expect(try await review(t, receipt).run?.activeSteps.sorted() == ["joint_wjj", "review"])
            _ = try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "review")])
            // The parallel stage joins only when 卫健局 is done too.
            _ = try await health.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "joint_wjj")])
            #expect(try await review(t, receipt).run?.stageIndex == 1)
            // Once 卫健局 acted, 民政局's approval can no longer be recalled.
            #expect(try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "recall")]).status == .unprocessableEntity)

            // The head extends once by 5 (joint handling: at most 15 in all); 11 more is refused.
            let dueBefore = try await CaseFixtures.caseRecord(t, receipt: receipt).decisionDueOn
            #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/review",
                                          [("action", "extend"), ("days", "5"), ("reason", "需要实地核查")]).status == .seeOther)
            let extended = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(extended.decisionDueOn == WorkingCalendar.default.addingWorkingDays(5, to: LocalDate(iso: dueBefore!)!).iso)
            let tooMuch = try await head.submit("/cases/\(id)", to: "/cases/\(id)/review",
                                                [("action", "extend"), ("days", "11"), ("reason", "再延")])
            #expect(tooMuch.status == .unprocessableEntity)
            // The refusal keeps what the head typed.
            #expect(tooMuch.contains(">再延</textarea>"))
            #expect(try await review(t, receipt).deadlines.extensionDays == 5)
            let kinds = try await CaseNotice.query(on: t.app.db).filter(\.$applicationID == id).all().map(\.kind)
            #expect(kinds.contains(.extension))

            // The head's decision step and the grant are one act.
            #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/decision", [("decision", "grant")]).status == .seeOther)
            let decided = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(decided.status == .concluded && decided.decision == "granted" && decided.deadlineMet == "promised")
            let certificate = try #require(try await Certificate.query(on: t.app.db).filter(\.$applicationID == id).first())
            #expect(certificate.certificateType == "中华人民共和国残疾人证" && certificate.holderName == "扎西平措")
            #expect(try await OpenStep.query(on: t.app.db).filter(\.$applicationID == id).count() == 0)

            // Anyone can verify it with number and code; a forged number or code is refused.
            let portal = t.portal
            let genuine = try await portal.get("/certificates/verify?number=\(certificate.number)&code=\(certificate.verificationCode)")
            #expect(genuine.status == .ok && genuine.contains(certificate.certificateType))
            #expect(genuine.contains("扎***") && !genuine.contains("扎西平措"))
            var forgedNumber = certificate.number
            forgedNumber.removeLast()
            forgedNumber += certificate.number.hasSuffix("9") ? "8" : "9"
            #expect(try await portal.get("/certificates/verify?number=\(forgedNumber)&code=\(certificate.verificationCode)").status == .notFound)
            #expect(try await portal.get("/certificates/verify?number=\(certificate.number)&code=AAAAAAAA").status == .notFound)
            // The results list shows it with the name masked.
            let results = try await portal.get("/results")
            #expect(results.contains(certificate.number) && !results.contains("扎西平措"))

            // The holder opens it as a printable document and takes its data as a file.
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            let document = try await portal.get("/account/certificates/\(certificate.number)")
            #expect(document.contains("扎西平措") && document.contains(certificate.verificationCode) && document.contains("肢体残疾"))
            let data = try await portal.get("/account/certificates/\(certificate.number)?format=json")
            #expect(data.headers.first(name: .contentDisposition)?.contains("\(certificate.number).json") == true)
            #expect(data.contains("\"number\":\"\(certificate.number)\""))

            // A later application that needs a 残疾人证 offers it; using it counts as a reuse.
            let created = try await portal.submit("/services/513329-MZJ-GF-001/apply", [
                ("applicant_name", "扎西平措"), ("applicant_id_number", "513329198805120017"), ("phone", "13800000001"),
                ("home_address", "新龙县茹龙镇团结街22号"), ("category", "城市低保"), ("household_size", "3"),
                ("monthly_income", "900"), ("reason", "因残致贫"),
            ])
            let draftPath = try #require(created.location?.split(separator: "?").first.map(String.init))
            let draft = try await portal.get(draftPath)
            #expect(draft.contains(certificate.number))
            let token = try #require(draft.csrfToken)
            let used = try await portal.postMultipart("\(draftPath)/materials",
                                                      [("_csrf", token), ("key", "disability_certificate"), ("certificate", certificate.number)], files: [])
            #expect(used.status == .seeOther)
            #expect(try await CertificateLibrary.reuseCount(on: t.app.db) == 1)

            // Someone else can neither open it nor pass it off as theirs.
            let other = t.portal
            _ = try await other.signInPortal(CaseFixtures.otherCitizen)
            #expect(try await other.get("/account/certificates/\(certificate.number)").status == .notFound)
            let theirs = try await other.submit("/services/513329-MZJ-GF-001/apply", [
                ("applicant_name", "张丽华"), ("applicant_id_number", "513329199203150029"), ("phone", "13800000002"),
                ("home_address", "新龙县茹龙镇"), ("category", "城市低保"), ("household_size", "2"),
                ("monthly_income", "800"), ("reason", "困难"),
            ])
            let theirPath = try #require(theirs.location?.split(separator: "?").first.map(String.init))
            let theirToken = try #require(try await other.get(theirPath).csrfToken)
            let refused = try await other.postMultipart("\(theirPath)/materials",
                                                        [("_csrf", theirToken), ("key", "disability_certificate"), ("certificate", certificate.number)], files: [])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await CertificateLibrary.reuseCount(on: t.app.db) == 1)
            // Nor through the API: the submission is refused and nothing is stored.
            let before = try await ServiceCase.query(on: t.app.db).count()
            var borrowed = CaseFixtures.reliefMaterials()
            borrowed.append(.init(key: "disability_certificate", fileName: nil, content: nil, certificateReference: certificate.number))
            let viaAPI = try await t.portal.json(.POST, "/api/v1/applications", ApplicationsAPIController.CreateRequest(
                itemCode: "513329-MZJ-GF-001", form: [
                    "applicant_name": "张丽华", "applicant_id_number": "513329199203150029", "phone": "13800000002",
                    "home_address": "新龙县茹龙镇", "category": "城市低保", "household_size": "2", "monthly_income": "800",
                    "reason": "困难",
                ], materials: borrowed), bearer: try await CaseFixtures.token(t, login: CaseFixtures.otherCitizen))
            #expect(viaAPI.status == .unprocessableEntity && viaAPI.contains("持证人不是本申请的申请人"))
            #expect(try await ServiceCase.query(on: t.app.db).count() == before)
        }
    }

    @Test("a renewal asked for in time and undecided when the certificate ends is granted by law (art. 50); a late one is not",
          arguments: [40, 20])
    func renewalUndecidedAtExpiry(daysLeft: Int) async throws {
        try await withTestApp { t in
            let (id, _, head, _) = try await acceptedJointCase(t)
            let old = try await grant(t, id, head: head)
            // The demo certificate has no end; give it one `daysLeft` days away.
            let today = LocalDate(t.clock.now(), in: WorkingCalendar.default.timeZone)
            let lastDay = today.adding(days: daysLeft)
            old.validUntil = lastDay.iso
            try await old.save(on: t.app.db)

            // The holder's certificate list offers renewal while its window is open.
            let portal = t.portal
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            let held = try await portal.get("/account/certificates")
            #expect(held.contains(old.number) && held.contains(old.verificationCode))
            #expect(held.contains("/services/\(CaseFixtures.disability)/apply"))

            // Applying again for the same certificate is a renewal of it, found at acceptance.
            let (renewalID, receipt) = try await acceptJointCase(t, by: head)
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).renewsCertificateID == old.id)
            let renewingList = try await portal.get("/account/certificates")
            #expect(renewingList.contains("/applications/\(renewalID)") && !renewingList.contains("/services/\(CaseFixtures.disability)/apply"))
            let shown = try await portal.get("/applications/\(renewalID)")
            #expect(shown.contains(old.number) && shown.contains(daysLeft >= 30 ? "已在届满30日前提出" : "未在届满30日前提出"))

            // On the last valid day nothing happens; the day after, an in-time renewal is granted.
            t.clock.advance(by: Double(daysLeft) * 86_400)
            #expect(try await DeemRenewalsGranted.run(services: t.app.zhengwu, app: t.app) == 0)
            t.clock.advance(by: 86_400)
            let granted = try await DeemRenewalsGranted.run(services: t.app.zhengwu, app: t.app)
            let renewal = try await CaseFixtures.caseRecord(t, receipt: receipt)
            guard daysLeft >= 30 else {
                #expect(granted == 0 && renewal.status == .accepted)
                #expect(try await Certificate.find(old.id, on: t.app.db)?.status == .valid)
                return
            }
            #expect(granted == 1 && renewal.status == .concluded && renewal.decision == "granted")
            let renewed = try #require(try await Certificate.query(on: t.app.db).filter(\.$applicationID == renewalID).first())
            #expect(renewed.replacesID == old.id && renewed.validFrom == lastDay.adding(days: 1).iso)
            #expect(try await Certificate.find(old.id, on: t.app.db)?.status == .superseded)
            let events = try await CaseTimelineEntry.query(on: t.app.db).filter(\.$applicationID == renewalID).all().map(\.event)
            #expect(events.contains(.deemedGranted) && events.contains(.certificateIssued))
            let letter = try #require(try await CaseNotice.query(on: t.app.db).filter(\.$applicationID == renewalID)
                .filter(\.$kind == .grant).first())
            #expect(letter.body.contains("第五十条") && letter.subject == renewed.number)
            #expect(try await OpenStep.query(on: t.app.db).filter(\.$applicationID == renewalID).count() == 0)
            // A second run, or a second instance, finds nothing more to do.
            #expect(try await DeemRenewalsGranted.run(services: t.app.zhengwu, app: t.app) == 0)
        }
    }

    @Test("asking for material pauses the clock until the applicant says it is uploaded; denial states reasons")
    func pauseAndDeny() async throws {
        try await withTestApp { t in
            let (id, receipt, _, headSecret) = try await acceptedJointCase(t)
            var civil = t.workbench
            let civilSecret = try await civil.signInStaff("mzj-handler", clock: t.clock)
            let empty = try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "request_material"), ("items", "")])
            #expect(empty.status == .unprocessableEntity)
            _ = try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "request_material"), ("items", "近期体检报告")])
            #expect(try await CaseFixtures.caseRecord(t, receipt: receipt).status == .awaitingMaterial)
            // Steps wait while the clock stands still.
            let blocked = try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "review")])
            #expect(blocked.status == .unprocessableEntity)
            t.clock.advance(by: 7 * 86_400)
            let portal = t.portal
            _ = try await portal.signInPortal(CaseFixtures.citizen)
            let page = try await portal.get("/applications/\(id)")
            let token = try #require(page.csrfToken)
            #expect(try await portal.post("/applications/\(id)/supplied", [("_csrf", token)]).status == .seeOther)
            let resumed = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(resumed.status == .accepted)
            // Paused 2026-03-02..03-09: the five working days 03-03..03-09 that would have counted are added.
            let plain = WorkingCalendar.default.addingWorkingDays(resumed.promisedLimitDays, to: LocalDate(iso: "2026-03-02")!)
            #expect(resumed.decisionDueOn == WorkingCalendar.default.addingWorkingDays(5, to: plain).iso)
            // The applicant's timeline has no internal hand-overs, only what concerns them.
            #expect(!(try await portal.get("/applications/\(id)")).contains("审查同意"))

            // A week later the sessions have ended: sign in again with the enrolled secrets.
            civil = t.workbench
            _ = try await civil.signInStaff("mzj-handler", clock: t.clock, secret: civilSecret)
            let head = t.workbench
            _ = try await head.signInStaff("mzj-head", clock: t.clock, secret: headSecret)
            #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/decision", [("decision", "deny"), ("reasons", "")]).status == .unprocessableEntity)
            // Review steps are still open: no decision yet.
            let early = try await head.submit("/cases/\(id)", to: "/cases/\(id)/decision", [("decision", "deny"), ("reasons", "不符合条件")])
            #expect(early.status == .unprocessableEntity)
            _ = try await civil.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "review")])
            let health = try await staff(t, "wjj-handler")
            _ = try await health.submit("/cases/\(id)", to: "/cases/\(id)/review", [("action", "approve"), ("step", "joint_wjj")])
            #expect(try await head.submit("/cases/\(id)", to: "/cases/\(id)/decision", [("decision", "deny"), ("reasons", "不符合条件")]).status == .seeOther)
            let denied = try await CaseFixtures.caseRecord(t, receipt: receipt)
            #expect(denied.decision == "denied" && denied.status == .concluded)
            #expect(try await Certificate.query(on: t.app.db).filter(\.$applicationID == id).count() == 0)
            let letter = try #require(try await CaseNotice.query(on: t.app.db).filter(\.$applicationID == id).filter(\.$kind == .denial).first())
            let shown = try await portal.get("/applications/\(id)/notices/\(try letter.requireID())")
            #expect(shown.contains("不符合条件") && shown.contains("行政复议"))
        }
    }
}
