import Testing
@testable import ZhengwuCore

/// A complete, publishable guide (个体工商户设立登记 at a county market regulator), so each test
/// below breaks exactly one thing and can expect exactly one problem. Shared with the
/// localisation tests, which need every message the checks can produce.
func publishableGuide() -> ServiceGuide {
    ServiceGuide(
        code: "513329-SCJG-0001",
        name: "个体工商户设立登记",
        itemType: .licence,
        applicantKinds: [.person],
        lifeEvents: [.business],
        keywords: ["营业执照"],
        legalBasis: "《促进个体工商户发展条例》第八条",
        conditions: "有经营能力的自然人",
        procedure: ["申请", "受理", "审查", "决定", "送达"],
        handling: .promised,
        legalLimitDays: 15,
        promisedLimitDays: 3,
        specialProcedures: [SpecialProcedure(name: "现场核查", expectedDays: 5)],
        materials: [
            MaterialRequirement(key: "application", name: "个体工商户登记申请书", isApplicationForm: true),
            MaterialRequirement(key: "household_register", name: "户口簿", form: .copy,
                                source: .issuedCertificate, certificateType: "户口簿"),
        ],
        place: "新龙县政务服务中心一楼3号窗口",
        hours: "工作日 9:00-12:00，13:30-17:30",
        consultPhone: "0836-8122345",
        complaintPhone: "12345",
        onlineDepth: .fullyOnline,
        maxVisits: 0,
        jointDepartmentCodes: ["SWJ"],
        result: ServiceResult(name: "营业执照", isCertificate: true, delivery: [.collect, .post, .electronic]),
        form: [
            FormField(key: "operator_name", label: "经营者姓名", kind: .text),
            FormField(key: "operator_id", label: "身份证号码", kind: .idNumber),
            FormField(key: "business_form", label: "组成形式", kind: .choice, options: ["个人经营", "家庭经营"]),
        ]
    )
}

/// Department codes the installation knows (税务局, 市场监管局, 消防救援大队).
let knownDepartments: Set<String> = ["SWJ", "SCJG", "XFJY"]

@Suite("Service guide: what makes a guide publishable")
struct ServiceGuideChecksTests {
    /// The (field, key) pairs of `guide`'s problems, in the order reported.
    func problems(_ guide: ServiceGuide) -> [String] {
        guide.problems(knownDepartmentCodes: knownDepartments).map { "\($0.field): \($0.message.key)" }
    }

    func changed(_ change: (inout ServiceGuide) -> Void) -> ServiceGuide {
        var guide = publishableGuide()
        change(&guide)
        return guide
    }

    @Test func theFixtureIsPublishable() {
        // Every other test relies on this: one change, one problem.
        #expect(problems(publishableGuide()) == [])
    }

    // MARK: Item code

    @Test(arguments: ["", "513329-scjg-0001", "513329 SCJG 0001", "513329_SCJG", "事项0001", String(repeating: "A", count: 41)])
    func codeMustBeShortUpperCaseASCII(code: String) {
        // The code is the item's public address, so it is restricted to URL-safe characters.
        #expect(problems(changed { $0.code = code }) == ["code: guide.code_invalid"])
    }

    @Test func codeOfFortyCharactersIsAccepted() {
        #expect(problems(changed { $0.code = String(repeating: "A", count: 40) }) == [])
    }

    // MARK: The seeds' required elements

    @Test(arguments: ["name", "legal_basis", "conditions", "place", "hours", "consult_phone", "complaint_phone"])
    func publishedElementsAreRequired(field: String) {
        let paths: [String: WritableKeyPath<ServiceGuide, String>] = [
            "name": \.name, "legal_basis": \.legalBasis, "conditions": \.conditions, "place": \.place,
            "hours": \.hours, "consult_phone": \.consultPhone, "complaint_phone": \.complaintPhone,
        ]
        let path = paths[field]!
        #expect(problems(changed { $0[keyPath: path] = "" }) == ["\(field): form.required"])
    }

    @Test func resultAndProcedureAreRequired() {
        #expect(problems(changed { $0.result.name = "" }) == ["result_name: form.required"])
        #expect(problems(changed { $0.procedure = [] }) == ["procedure: form.required"])
    }

    @Test func someoneMustBeAbleToApply() {
        #expect(problems(changed { $0.applicantKinds = [] }) == ["applicant_kinds: guide.no_applicant_kind"])
    }

    // MARK: Time limits (行政许可法 art. 42)

    @Test func onTheSpotItemsHaveNoLimitDays() {
        // 即办件 are decided at acceptance; a day count would be measured against nothing.
        #expect(problems(changed { $0.handling = .onTheSpot; $0.legalLimitDays = 0; $0.promisedLimitDays = 0 }) == [])
        #expect(problems(changed { $0.handling = .onTheSpot; $0.legalLimitDays = 0; $0.promisedLimitDays = 1 })
            == ["promised_limit_days: guide.on_the_spot_has_no_limit"])
        #expect(problems(changed { $0.handling = .onTheSpot; $0.legalLimitDays = 20; $0.promisedLimitDays = 0 })
            == ["promised_limit_days: guide.on_the_spot_has_no_limit"])
    }

    @Test(arguments: [(0, 0), (20, 0), (0, 5), (-1, -1)])
    func promisedItemsNeedBothLimits(legal: Int, promised: Int) {
        #expect(problems(changed { $0.legalLimitDays = legal; $0.promisedLimitDays = promised })
            == ["legal_limit_days: guide.limit_required"])
    }

    @Test func promisedLimitNeverExceedsTheLegalOne() {
        // The legal limit is the hard ceiling; a promise can only be shorter (承诺时限 ≤ 法定时限).
        #expect(problems(changed { $0.legalLimitDays = 20; $0.promisedLimitDays = 21 })
            == ["promised_limit_days: guide.promised_above_legal"])
        #expect(problems(changed { $0.legalLimitDays = 20; $0.promisedLimitDays = 20 }) == [])
        #expect(problems(changed { $0.legalLimitDays = 20; $0.promisedLimitDays = 1 }) == [])
    }

    // MARK: Visits, special procedures

    @Test(arguments: [-1, 3, 10])
    func visitsInPersonAreZeroToTwo(visits: Int) {
        #expect(problems(changed { $0.maxVisits = visits }) == ["max_visits: guide.visits_range"])
    }

    @Test(arguments: [0, 1, 2])
    func visitsWithinRangeAreAccepted(visits: Int) {
        #expect(problems(changed { $0.maxVisits = visits }) == [])
    }

    @Test func specialProceduresNeedANameAndADuration() {
        // Art. 45: the applicant is told in writing how long it takes, so a duration is required.
        #expect(problems(changed { $0.specialProcedures = [SpecialProcedure(name: "专家评审", expectedDays: 0)] })
            == ["special_procedures: guide.special_procedure_invalid"])
        #expect(problems(changed { $0.specialProcedures = [SpecialProcedure(name: "", expectedDays: 10)] })
            == ["special_procedures: guide.special_procedure_invalid"])
    }

    // MARK: Materials

    @Test func materialKeysAreUniqueAndWellFormed() {
        // Uploads refer to materials by key; a duplicate would attach a file to two slots.
        #expect(problems(changed { $0.materials[1].key = "application" }) == ["materials: guide.material_keys"])
        #expect(problems(changed { $0.materials[1].key = "Household Register" }) == ["materials: guide.material_keys"])
        #expect(problems(changed { $0.materials[1].key = "" }) == ["materials: guide.material_keys"])
    }

    @Test func materialsNeedANameAndAtLeastOneCopy() {
        #expect(problems(changed { $0.materials[0].copies = 0 }) == ["materials: guide.material_invalid"])
        #expect(problems(changed { $0.materials[0].name = "" }) == ["materials: guide.material_invalid"])
    }

    @Test func reusableCertificatesNameTheirType() {
        // Without the type the platform cannot look up the certificate to reuse it.
        #expect(problems(changed { $0.materials[1].certificateType = "" }) == ["materials: guide.certificate_type_missing"])
        // A material the applicant brings needs no certificate type.
        #expect(problems(changed { $0.materials[1].source = .applicant; $0.materials[1].certificateType = "" }) == [])
    }

    // MARK: Application form

    @Test func formKeysAreUniqueAndWellFormed() {
        // Keys name the posted fields and the stored values.
        #expect(problems(changed { $0.form[1].key = "operator_name" }) == ["form: guide.field_keys"])
        #expect(problems(changed { $0.form[1].key = "operatorID" }) == ["form: guide.field_keys"])
        #expect(problems(changed { $0.form[1].key = "operator-id" }) == ["form: guide.field_keys"])
    }

    @Test func formFieldsNeedALabel() {
        #expect(problems(changed { $0.form[0].label = "" }) == ["form: guide.field_label_missing"])
    }

    @Test func choiceFieldsOfferAtLeastTwoOptions() {
        #expect(problems(changed { $0.form[2].options = ["个人经营"] }) == ["form: guide.choice_options"])
        #expect(problems(changed { $0.form[2].options = [] }) == ["form: guide.choice_options"])
    }

    @Test func onlineApplicationsNeedAForm() {
        // From level 3 (网上申请) the applicant fills in the form online, so there must be one.
        #expect(problems(changed { $0.form = []; $0.onlineDepth = .onlineApplication }) == ["form: guide.online_needs_form"])
        // Level 2 only offers downloadable forms; the guide can be published without fields.
        #expect(problems(changed { $0.form = []; $0.onlineDepth = .forms }) == [])
    }

    // MARK: Joint handling

    @Test func jointDepartmentsMustExistAndOnlyUnknownOnesAreNamed() throws {
        let issues = changed { $0.jointDepartmentCodes = ["SWJ", "GTJ", "XFJY", "ZJJ"] }
            .problems(knownDepartmentCodes: knownDepartments)
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.field == "joint_departments")
        #expect(issue.message == LocalizedMessage("guide.unknown_department", ["codes": "GTJ, ZJJ"]))
    }

    // MARK: Several problems

    @Test func everyProblemIsReportedAtOnce() {
        // The editor shows all problems beside their fields, not one per save.
        let guide = changed {
            $0.code = "bad code"
            $0.name = ""
            $0.maxVisits = 5
            $0.form = []
        }
        #expect(problems(guide) == [
            "code: guide.code_invalid", "name: form.required", "max_visits: guide.visits_range", "form: guide.online_needs_form",
        ])
    }
}
