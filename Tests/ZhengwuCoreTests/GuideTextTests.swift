import Testing
@testable import ZhengwuCore

@Suite("Guide editor text format")
struct GuideTextTests {
    // MARK: Examples

    static let materials: [MaterialRequirement] = [
        MaterialRequirement(key: "application_form", name: "个体工商户登记申请书", note: "法定代表人签字", isApplicationForm: true),
        MaterialRequirement(key: "id_card", name: "经营者居民身份证", necessity: .required, form: .originalAndCopy, copies: 2,
                            medium: .paper, note: "正反面复印在同一页"),
        MaterialRequirement(key: "hukou", name: "户口簿", necessity: .conditional, form: .copy, copies: 1, medium: .electronic,
                            source: .issuedCertificate, certificateType: "居民户口簿", note: "非本市户籍时提供"),
        MaterialRequirement(key: "lease_2", name: "经营场所使用证明（租赁合同）", necessity: .conditional, form: .original,
                            copies: 3, medium: .either, source: .applicant),
    ]

    static let fields: [FormField] = [
        FormField(key: "name", label: "经营者姓名", kind: .text, sample: "张三", help: "与身份证一致"),
        FormField(key: "id_number", label: "公民身份号码", kind: .idNumber, sample: "11010519491231002X"),
        FormField(key: "business_scope", label: "经营范围", kind: .longText, required: false, help: "按《国民经济行业分类》填写"),
        FormField(key: "capital", label: "资金数额（万元）", kind: .number, sample: "5"),
        FormField(key: "start_date", label: "开业日期", kind: .date, required: false),
        FormField(key: "form_of_organisation", label: "组成形式", kind: .choice, options: ["个人经营", "家庭经营"], sample: "个人经营"),
        FormField(key: "address", label: "经营场所", kind: .address),
        FormField(key: "phone", label: "联系电话", kind: .phone, required: false),
        FormField(key: "credit_code", label: "统一社会信用代码", kind: .socialCreditCode, required: false, help: "变更登记时填写"),
    ]

    static let specialProcedures: [SpecialProcedure] = [
        SpecialProcedure(name: "听证", expectedDays: 20, note: "申请人或利害关系人申请时"),
        SpecialProcedure(name: "现场核查", expectedDays: 5),
    ]

    static let faq: [Question] = [
        Question("可以委托他人办理吗？", "可以，须提交授权委托书和受托人身份证。"),
        Question("营业执照多久能拿到？", "材料齐全的，当场办结。"),
    ]

    // MARK: Round trips

    @Test func materialsRoundTripInChinese() throws {
        let text = GuideText.format(materials: Self.materials)
        #expect(text == """
            application_form | 个体工商户登记申请书 | 必要 | 原件 | 1 | 均可 | 申请人 | 法定代表人签字 | 申请表
            id_card | 经营者居民身份证 | 必要 | 原件和复印件 | 2 | 纸质 | 申请人 | 正反面复印在同一页
            hukou | 户口簿 | 视情况 | 复印件 | 1 | 电子 | 证照:居民户口簿 | 非本市户籍时提供
            lease_2 | 经营场所使用证明（租赁合同） | 视情况 | 原件 | 3 | 均可 | 申请人
            """)
        #expect(try GuideText.parseMaterials(text).get() == Self.materials)
    }

    @Test func fieldsRoundTripInChinese() throws {
        let text = GuideText.format(fields: Self.fields)
        let lines = text.split(separator: "\n")
        #expect(lines.count == Self.fields.count)
        #expect(lines[0] == "name | 经营者姓名 | 文本 | 必填 |  | 张三 | 与身份证一致")
        #expect(lines[2] == "business_scope | 经营范围 | 长文本 | 选填 |  |  | 按《国民经济行业分类》填写")
        #expect(lines[5] == "form_of_organisation | 组成形式 | 选项 | 必填 | 个人经营、家庭经营 | 个人经营")
        #expect(lines[8] == "credit_code | 统一社会信用代码 | 统一社会信用代码 | 选填 |  |  | 变更登记时填写")
        #expect(try GuideText.parseFields(text).get() == Self.fields)
    }

    @Test func specialProceduresAndFAQRoundTrip() throws {
        let procedures = GuideText.format(specialProcedures: Self.specialProcedures)
        #expect(procedures == "听证 | 20 | 申请人或利害关系人申请时\n现场核查 | 5")
        #expect(try GuideText.parseSpecialProcedures(procedures).get() == Self.specialProcedures)
        let faq = GuideText.format(faq: Self.faq)
        #expect(faq == "可以委托他人办理吗？ | 可以，须提交授权委托书和受托人身份证。\n营业执照多久能拿到？ | 材料齐全的，当场办结。")
        #expect(try GuideText.parseFAQ(faq).get() == Self.faq)
    }

    @Test func everyWordOfEveryVocabularyRoundTrips() throws {
        var materials: [MaterialRequirement] = []
        for necessity in MaterialNecessity.allCases {
            for form in MaterialForm.allCases {
                for medium in MaterialMedium.allCases {
                    for source in MaterialSource.allCases {
                        let n = materials.count
                        materials.append(MaterialRequirement(
                            key: "m\(n)", name: "材料\(n)", necessity: necessity, form: form, copies: n + 1, medium: medium,
                            source: source, certificateType: source == .issuedCertificate ? "营业执照" : "", isApplicationForm: n.isMultiple(of: 2)))
                    }
                }
            }
        }
        #expect(try GuideText.parseMaterials(GuideText.format(materials: materials)).get() == materials)
        let fields = FormField.Kind.allCases.enumerated().map { index, kind in
            FormField(key: "f\(index)", label: "字段\(index)", kind: kind, required: index.isMultiple(of: 2),
                      options: kind == .choice ? ["是", "否"] : [])
        }
        #expect(try GuideText.parseFields(GuideText.format(fields: fields)).get() == fields)
    }

    @Test func emptyListsAreEmptyText() throws {
        #expect(GuideText.format(materials: []) == "")
        #expect(try GuideText.parseMaterials("").get() == [])
        #expect(try GuideText.parseFields(" \n\n\u{3000}\n").get() == [])
        #expect(try GuideText.parseSpecialProcedures("").get() == [])
        #expect(try GuideText.parseFAQ("\r\n").get() == [])
    }

    // MARK: What staff type

    @Test func acceptsEnglishRawValuesAndFullWidthSeparators() throws {
        let text = """
            id_card｜Resident ID card｜required｜original_and_copy｜2｜paper｜applicant｜｜form
            hukou | Household register | Conditional | COPY | １ | electronic | certificate: 居民户口簿
            licence | 营业执照 | 必要 | 原件及复印件 | 1份 | 均可 | issued_certificate：营业执照
            """
        #expect(try GuideText.parseMaterials(text).get() == [
            MaterialRequirement(key: "id_card", name: "Resident ID card", necessity: .required, form: .originalAndCopy, copies: 2,
                                medium: .paper, source: .applicant, isApplicationForm: true),
            MaterialRequirement(key: "hukou", name: "Household register", necessity: .conditional, form: .copy, copies: 1,
                                medium: .electronic, source: .issuedCertificate, certificateType: "居民户口簿"),
            MaterialRequirement(key: "licence", name: "营业执照", form: .originalAndCopy, source: .issuedCertificate,
                                certificateType: "营业执照"),
        ])
        let fields = "gender | 性别 | choice | optional | 男,女，其他 \nid | 身份证 | id_number | required\nnote|备注|long_text"
        #expect(try GuideText.parseFields(fields).get() == [
            FormField(key: "gender", label: "性别", kind: .choice, required: false, options: ["男", "女", "其他"]),
            FormField(key: "id", label: "身份证", kind: .idNumber),
            FormField(key: "note", label: "备注", kind: .longText),
        ])
    }

    @Test func emptyAndLeftOutCellsTakeTheDefaults() throws {
        let materials = try GuideText.parseMaterials("photo | 照片\nphoto_2 | 照片 |  |  |  |  |  |  |  |  | \n").get()
        let expected = MaterialRequirement(key: "photo", name: "照片", necessity: .required, form: .original, copies: 1,
                                           medium: .either, source: .applicant, certificateType: "", note: "", isApplicationForm: false)
        #expect(materials == [expected, MaterialRequirement(key: "photo_2", name: "照片")])
        #expect(materials[0] == expected)
        #expect(try GuideText.parseFields("name | 姓名").get() == [FormField(key: "name", label: "姓名", kind: .text, required: true)])
    }

    @Test func toleratesPastedText() throws {
        // A byte-order mark, Windows line ends as browsers post them, full-width spaces, blank lines.
        let text = "\u{FEFF}听证 | 20个工作日 | 依申请\r\n\r\n\u{3000}专家评审\u{3000}|\u{3000}１０天\r\n检测 ｜ 3工作日 ｜\r\n"
        #expect(try GuideText.parseSpecialProcedures(text).get() == [
            SpecialProcedure(name: "听证", expectedDays: 20, note: "依申请"),
            SpecialProcedure(name: "专家评审", expectedDays: 10),
            SpecialProcedure(name: "检测", expectedDays: 3),
        ])
    }

    @Test func lineOfSeparatorsOnlyIsIgnoredLikeABlankLine() throws {
        #expect(try GuideText.parseFAQ(" | \n问？ | 答。\n｜｜").get() == [Question("问？", "答。")])
    }

    @Test func pipesAndLineBreaksInValuesAreMadeSafe() throws {
        let faq = [Question("A|B 两种方式\n都可以吗？", "可以｜均可")]
        let text = GuideText.format(faq: faq)
        #expect(text == "A／B 两种方式 都可以吗？ | 可以／均可")
        #expect(try GuideText.parseFAQ(text).get() == [Question("A／B 两种方式 都可以吗？", "可以／均可")])
        let options = [FormField(key: "size", label: "规模", kind: .choice, options: ["1,000人以下", "1000人、以上", "a|b"])]
        let fieldText = GuideText.format(fields: options)
        #expect(fieldText == "size | 规模 | 选项 | 必填 | 1／000人以下、1000人／以上、a／b")
        #expect(try GuideText.parseFields(fieldText).get()[0].options == ["1／000人以下", "1000人／以上", "a／b"])
        let material = [MaterialRequirement(key: "proof", name: "证明", source: .issuedCertificate, certificateType: "A|B")]
        #expect(try GuideText.parseMaterials(GuideText.format(materials: material)).get()[0].certificateType == "A／B")
    }

    // MARK: Problems

    @Test func collectsEveryProblemOnEveryLineWithItsLineNumber() {
        let text = """
            id_card | 居民身份证 | 必要 | 原件

            ID-Card |  | 必须 | 原本 | 两份 | 纸张 | 单位 | 说明 | 是
            id_card | 身份证复印件
            hukou
            cert | 证照 | | | | | 证照
            cert2 | 证照 | | | 0 | | 证照：
            form | 申请书 | | | | | | 说明 | 申请表 | 多余
            trailing | 多余的空栏 | | | | | | | | | |
            """
        #expect(problems(GuideText.parseMaterials(text)) == [
            problem(3, "bad_key", ["key": "ID-Card"]),
            problem(3, "missing_name"),
            problem(3, "unknown_value", ["value": "必须", "allowed": "必要 / 视情况"]),
            problem(3, "unknown_value", ["value": "原本", "allowed": "原件 / 复印件 / 原件和复印件"]),
            problem(3, "bad_number", ["value": "两份"]),
            problem(3, "unknown_value", ["value": "纸张", "allowed": "纸质 / 电子 / 均可"]),
            problem(3, "unknown_value", ["value": "单位", "allowed": "申请人 / 证照:…"]),
            problem(3, "unknown_value", ["value": "是", "allowed": "申请表"]),
            problem(4, "duplicate_key", ["key": "id_card", "first": "1"]),
            problem(5, "too_few_cells", ["min": "2"]),
            problem(6, "missing_certificate_type"),
            problem(7, "bad_number", ["value": "0"]),
            problem(7, "missing_certificate_type"),
            problem(8, "too_many_cells", ["max": "9"]),
        ])
    }

    @Test(arguments: ["", "ID", "id-card", "身份证", "id card", String(repeating: "k", count: 41)])
    func keysAreLowerCaseASCII(key: String) {
        let expected = key.isEmpty ? problem(1, "missing_key") : problem(1, "bad_key", ["key": key])
        #expect(problems(GuideText.parseFields("\(key) | 标签")) == [expected])
        #expect(problems(GuideText.parseMaterials("\(key) | 名称")) == [expected])
    }

    @Test func keysFollowThePublishCheck() throws {
        let longest = String(repeating: "k", count: 40)
        #expect(try GuideText.parseFields("\(longest) | 标签\nk_2 | 标签").get().map(\.key) == [longest, "k_2"])
        #expect(ServiceGuide.isKey(longest))
    }

    @Test func duplicateKeysAreReportedOnEachLaterLine() {
        let text = "a | 一\nb | 二\na | 三\n\na | 四\nbad key | 五\nb | 六"
        #expect(problems(GuideText.parseFields(text)) == [
            problem(3, "duplicate_key", ["key": "a", "first": "1"]),
            problem(5, "duplicate_key", ["key": "a", "first": "1"]),
            problem(6, "bad_key", ["key": "bad key"]),
            problem(7, "duplicate_key", ["key": "b", "first": "2"]),
        ])
    }

    @Test func aLineWithOtherProblemsStillClaimsItsKey() {
        #expect(problems(GuideText.parseMaterials("a | | 必须\na | 名称")) == [
            problem(1, "missing_name"),
            problem(1, "unknown_value", ["value": "必须", "allowed": "必要 / 视情况"]),
            problem(2, "duplicate_key", ["key": "a", "first": "1"]),
        ])
    }

    @Test func fieldProblems() {
        let text = "name | | 字符串 | 必须 | 甲、乙\nage | 年龄 | 数字 | 选填 | | 30 | 周岁 | 多余"
        #expect(problems(GuideText.parseFields(text)) == [
            problem(1, "missing_name"),
            problem(1, "unknown_value", ["value": "字符串", "allowed": "文本 / 长文本 / 数字 / 日期 / 选项 / 地址 / 电话 / 身份证号 / 统一社会信用代码"]),
            problem(1, "unknown_value", ["value": "必须", "allowed": "必填 / 选填"]),
            problem(2, "too_many_cells", ["max": "7"]),
        ])
    }

    @Test func specialProcedureProblems() {
        let text = "听证\n | 5\n检测 | \n鉴定 | 0\n评审 | 1.5\n公示 | -3 | 说明\n拍卖 | 99999999999999999999999\n检疫 | 3 | 说明 | 多余"
        #expect(problems(GuideText.parseSpecialProcedures(text)) == [
            problem(1, "too_few_cells", ["min": "2"]),
            problem(2, "missing_name"),
            problem(3, "missing_days"),
            problem(4, "bad_number", ["value": "0"]),
            problem(5, "bad_number", ["value": "1.5"]),
            problem(6, "bad_number", ["value": "-3"]),
            problem(7, "bad_number", ["value": "99999999999999999999999"]),
            problem(8, "too_many_cells", ["max": "3"]),
        ])
    }

    @Test func faqProblems() {
        // The third line is the usual mistake: a pipe inside the answer.
        let text = "只有问题？\n | 只有回答。\n问？ | 答：A|B\n问？ |"
        #expect(problems(GuideText.parseFAQ(text)) == [
            problem(1, "too_few_cells", ["min": "2"]),
            problem(2, "missing_question"),
            problem(3, "too_many_cells", ["max": "2"]),
            problem(4, "missing_answer"),
        ])
    }

    @Test(arguments: Self.allReasons)
    func messagesAreNamespacedAndNameTheirLine(reason: GuideText.Reason) {
        let message = reason.message(line: 12)
        #expect(message.key.hasPrefix("guide_text."))
        #expect(message.arguments["line"] == "12")
    }

    /// Every reason once; the localisation tests can list these too.
    static let allReasons: [GuideText.Reason] = [
        .tooFewCells(minimum: 2), .tooManyCells(maximum: 9), .missingKey, .badKey("X"), .duplicateKey("x", firstLine: 1),
        .missingName, .unknownValue("x", allowed: ["必要", "视情况"]), .badNumber("x"), .missingCertificateType, .missingDays,
        .missingQuestion, .missingAnswer,
    ]

    // MARK: Simple lists

    @Test func linesAreTrimmedAndBlankOnesDropped() {
        #expect(GuideText.lines("\u{FEFF}  申请\r\n\r\n受理 \n\u{3000}审查\u{3000}\n\n决定\n") == ["申请", "受理", "审查", "决定"])
        #expect(GuideText.lines(" \n ") == [])
    }

    @Test func keywordsSplitOnCommasEnumerationCommasAndSpaces() {
        #expect(GuideText.keywords("营业执照，个体户、开店 , 营业执照\n工商登记\u{3000}个体户,,") == ["营业执照", "个体户", "开店", "工商登记"])
        #expect(GuideText.keywords(" ，、 ") == [])
    }

    // MARK: Helpers

    private func problems<Value>(_ result: Result<Value, LineProblems>) -> [LineProblem] {
        switch result {
        case .success: []
        case .failure(let error): error.problems
        }
    }

    private func problem(_ line: Int, _ key: String, _ arguments: [String: String] = [:]) -> LineProblem {
        var arguments = arguments
        arguments["line"] = String(line)
        return LineProblem(line: line, message: LocalizedMessage("guide_text.\(key)", arguments))
    }
}
