import ZhengwuCore

/// The demo county's service catalogue (政务服务事项目录): the guides (办事指南) of 新龙县's most
/// asked-for items, one per entry, written the way the implementation list (实施清单) publishes
/// them: legal basis, conditions, procedure, materials, limits, fees, place, form and result.
/// Loaded with `DemoCounty` so the portal, the window and supervision have real items to show.
/// The texts are realistic but invented for the demo; they are not an official catalogue.
/// Split by subject over the `DemoCatalogue+*.swift` files; every guide passes
/// `ServiceGuide.problems(knownDepartmentCodes:)`.
enum DemoCatalogue {
    struct Entry {
        /// Code of the implementing department (see DemoCounty.departments).
        let department: String
        let guide: ServiceGuide
    }

    static let entries: [Entry] = marketEntries + residentEntries + welfareEntries + healthEntries
        + landAndBuildingEntries + transportAndForestryEntries

    // MARK: Shared texts

    static let hours = "法定工作日 上午9:00-12:00，下午14:00-17:30（节假日除外）"
    static let complaintPhone = "0836-12345"

    /// 办理地点: a window of the county service centre (numbers as in `DemoCounty`).
    static func window(_ number: String, _ name: String) -> String {
        "新龙县政务服务中心一楼\(number)号窗口（\(name)），地址：新龙县茹龙镇政务服务中心一楼"
    }

    // MARK: 市场监管、税务、发改

    static let marketEntries: [Entry] = [
        Entry(department: "SCJ", guide: ServiceGuide(
            code: "513329-SCJ-XK-001",
            name: "个体工商户登记",
            subItem: "个体工商户设立登记",
            itemType: .licence,
            applicantKinds: [.person],
            lifeEvents: [.business, .employment],
            keywords: ["营业执照", "个体户", "开店", "办执照"],
            legalBasis: "1.《促进个体工商户发展条例》（国务院令第755号）第二条；2.《中华人民共和国市场主体登记管理条例》第三条、第十九条；3.《中华人民共和国市场主体登记管理条例实施细则》。",
            conditions: "1.申请人为有经营能力的自然人（家庭经营的，以主持经营者为经营者）；2.有固定的经营场所；3.经营范围不属于法律、行政法规禁止的项目，涉及前置许可的已取得许可；4.名称（如申报）符合《企业名称登记管理规定》；5.申请材料齐全、符合法定形式。",
            procedure: [
                "申请：经营者通过四川政务服务网、“天府通办”或到窗口提交登记申请及材料。",
                "受理：窗口对材料进行形式审查，材料齐全、符合法定形式的当场受理；不齐全的一次性告知需补正的全部内容。",
                "核准：对申请材料齐全、符合法定形式的，当场予以登记。",
                "发照：当场发放营业执照纸质版，同步生成电子营业执照；也可选择邮寄送达。",
            ],
            quantityLimit: "无数量限制",
            handling: .onTheSpot, legalLimitDays: 0, promisedLimitDays: 0,
            materials: [
                MaterialRequirement(key: "application", name: "个体工商户登记（备案）申请书", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .applicant,
                                    note: "经营者本人签字；网上申请的在线填写并电子签名。", isApplicationForm: true),
                MaterialRequirement(key: "operator_id", name: "经营者居民身份证", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .issuedCertificate, certificateType: "居民身份证",
                                    note: "核验原件；已关联电子证照的免于提交。"),
                MaterialRequirement(key: "premises_proof", name: "经营场所使用证明", necessity: .required, form: .copy,
                                    copies: 1, medium: .either, source: .applicant,
                                    note: "自有房屋提交不动产权证书复印件；租用的提交租赁合同及出租方产权证明复印件；无产权证明的可提交村（社区）出具的场所证明。"),
                MaterialRequirement(key: "prior_licence", name: "前置审批许可文件", necessity: .conditional, form: .copy,
                                    copies: 1, medium: .either, source: .applicant,
                                    note: "经营范围涉及法律、行政法规规定须在登记前报经批准的项目时提供。"),
            ],
            place: window("02", "市场监管局窗口"),
            hours: hours,
            consultPhone: "0836-8122315",
            complaintPhone: complaintPhone,
            onlineDepth: .fullyOnline, maxVisits: 0,
            result: ServiceResult(name: "营业执照（个体工商户）", isCertificate: true,
                                  sample: "横版营业执照，载明统一社会信用代码、名称、类型（个体工商户）、经营者、组成形式、注册日期、经营场所、经营范围，加盖新龙县市场监督管理局登记专用章，附二维码。",
                                  delivery: [.collect, .post, .electronic]),
            faq: [
                Question("个体工商户一定要起名称吗？", "不一定。个体工商户可以不使用名称，登记机关以经营者姓名作为识别；需要使用名称的，按名称登记规定申报。"),
                Question("办理营业执照收费吗？", "不收费。个体工商户登记不收取任何费用。"),
                Question("营业执照办好后还需要去税务局吗？", "不需要单独办理税务登记，营业执照信息会共享给税务部门；需要开具发票的，可在网上办理“发票领用”。"),
            ],
            form: [
                FormField(key: "operator_name", label: "经营者姓名", kind: .text, sample: "扎西平措"),
                FormField(key: "operator_id_number", label: "经营者身份证号码", kind: .idNumber, sample: "513329198805120017"),
                FormField(key: "phone", label: "联系电话", kind: .phone, sample: "13800000001", help: "用于接收登记进度短信。"),
                FormField(key: "business_name", label: "个体工商户名称", kind: .text, required: false,
                          sample: "新龙县扎西藏餐馆", help: "可不填写；不填写的以经营者姓名登记。"),
                FormField(key: "organisation_form", label: "组成形式", kind: .choice, options: ["个人经营", "家庭经营"], sample: "个人经营"),
                FormField(key: "premises_address", label: "经营场所", kind: .address, sample: "新龙县茹龙镇雅砻江路18号"),
                FormField(key: "capital", label: "资金数额（万元）", kind: .number, sample: "5"),
                FormField(key: "business_scope", label: "经营范围", kind: .longText, sample: "餐饮服务；预包装食品销售。",
                          help: "按《经营范围登记规范表述目录》选择填写。"),
            ]
        )),

        Entry(department: "SCJ", guide: ServiceGuide(
            code: "513329-SCJ-XK-002",
            name: "食品经营许可",
            subItem: "食品经营许可证核发（新办）",
            itemType: .licence,
            applicantKinds: [.person, .organisation],
            lifeEvents: [.business],
            keywords: ["食品经营许可证", "餐饮许可", "开饭店", "小卖部"],
            legalBasis: "1.《中华人民共和国食品安全法》第三十五条；2.《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）；3.《中华人民共和国行政许可法》第四十二条。",
            conditions: "1.已取得营业执照等合法主体资格；2.具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，保持场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离；3.具有相应的设备或者设施；4.有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；5.具有合理的设备布局和工艺流程。仅销售预包装食品的，实行备案管理，无需申请许可。",
            procedure: [
                "申请：申请人网上或窗口提交申请材料。",
                "受理：材料齐全、符合法定形式的予以受理；不齐全的一次性告知补正内容。",
                "审查：对申请材料进行审查，需要现场核查的，组织核查人员对经营场所进行现场核查。",
                "决定：作出准予或者不予许可的决定，不予许可的书面说明理由。",
                "发证：准予许可的，制发食品经营许可证（纸质及电子证书）。",
            ],
            quantityLimit: "无数量限制",
            handling: .promised, legalLimitDays: 10, promisedLimitDays: 5,
            materials: [
                MaterialRequirement(key: "application", name: "食品经营许可申请书", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .applicant,
                                    note: "申请人签字或盖章。", isApplicationForm: true),
                MaterialRequirement(key: "business_licence", name: "营业执照", necessity: .required, form: .copy,
                                    copies: 1, medium: .either, source: .issuedCertificate, certificateType: "营业执照",
                                    note: "系统可调取电子营业执照的，免于提交。"),
                MaterialRequirement(key: "representative_id", name: "法定代表人（负责人、经营者）居民身份证", necessity: .required, form: .copy,
                                    copies: 1, medium: .either, source: .issuedCertificate, certificateType: "居民身份证"),
                MaterialRequirement(key: "layout_plan", name: "与食品经营相适应的主要设备设施、经营布局、操作流程等文件", necessity: .required,
                                    form: .original, copies: 1, medium: .either, source: .applicant,
                                    note: "含经营场所平面图、设备布局图，注明面积。"),
                MaterialRequirement(key: "safety_rules", name: "食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录",
                                    necessity: .required, form: .original, copies: 1, medium: .either, source: .applicant),
                MaterialRequirement(key: "power_of_attorney", name: "授权委托书及受托人身份证明", necessity: .conditional, form: .original,
                                    copies: 1, medium: .either, source: .applicant, note: "委托他人办理时提供。"),
            ],
            place: window("02", "市场监管局窗口"),
            hours: hours,
            consultPhone: "0836-8122315",
            complaintPhone: complaintPhone,
            onlineDepth: .fullyOnline, maxVisits: 0,
            result: ServiceResult(name: "食品经营许可证", isCertificate: true,
                                  sample: "载明经营者名称、统一社会信用代码、法定代表人（负责人）、经营场所、主体业态、经营项目、许可证编号（JY开头）、有效期（5年）、日常监督管理机构，附二维码。",
                                  delivery: [.collect, .post, .electronic], validityYears: 5),
            faq: [
                Question("只卖预包装食品需要办许可证吗？", "不需要。仅销售预包装食品的，在取得营业执照后办理备案即可。"),
                Question("许可证有效期多久？", "食品经营许可证有效期为5年。需要延续的，应在有效期届满前按规定期限（届满前90个工作日至15个工作日期间）向原发证部门提出延续申请。"),
            ],
            form: [
                FormField(key: "operator_name", label: "经营者名称", kind: .text, sample: "新龙县扎西藏餐馆"),
                FormField(key: "credit_code", label: "统一社会信用代码", kind: .socialCreditCode, sample: "92513329MA62X00033"),
                FormField(key: "representative_name", label: "法定代表人（负责人）", kind: .text, sample: "扎西平措"),
                FormField(key: "representative_id_number", label: "法定代表人（负责人）身份证号码", kind: .idNumber, sample: "513329198805120017"),
                FormField(key: "premises_address", label: "经营场所", kind: .address, sample: "新龙县茹龙镇雅砻江路18号"),
                FormField(key: "business_type", label: "主体业态", kind: .choice,
                          options: ["食品销售经营者", "餐饮服务经营者", "单位食堂"], sample: "餐饮服务经营者"),
                FormField(key: "floor_area", label: "经营场所面积（平方米）", kind: .number, sample: "85"),
                FormField(key: "phone", label: "联系电话", kind: .phone, sample: "13800000001"),
            ]
        )),

        Entry(department: "SCJ", guide: ServiceGuide(
            code: "513329-SCJ-XK-003",
            name: "药品零售企业经营许可",
            subItem: "药品经营许可证（零售）核发",
            itemType: .licence,
            applicantKinds: [.organisation],
            lifeEvents: [.business, .medical],
            keywords: ["药店", "药品经营许可证", "开药房"],
            legalBasis: "1.《中华人民共和国药品管理法》第五十一条、第五十二条；2.《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）；3.《中华人民共和国行政许可法》第四十二条。",
            conditions: "1.有依法经过资格认定的药师或者其他药学技术人员；2.有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；3.有与所经营药品相适应的质量管理机构或者人员；4.有保证药品质量的规章制度，并符合药品经营质量管理规范（GSP）要求；5.企业法定代表人、主要负责人、质量负责人无《药品管理法》规定的禁止从业情形。",
            procedure: [
                "申请：企业网上提交申请书及材料。",
                "受理：材料齐全、符合法定形式的予以受理，出具受理通知书。",
                "技术审查和现场检查：对照药品经营质量管理规范对营业场所、设施设备、人员和制度进行现场检查。",
                "决定：作出准予或者不予许可决定。",
                "发证：准予许可的，核发药品经营许可证，到窗口领取或邮寄送达。",
            ],
            quantityLimit: "无数量限制",
            handling: .promised, legalLimitDays: 20, promisedLimitDays: 10,
            materials: [
                MaterialRequirement(key: "application", name: "药品经营许可证申请表", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .applicant, note: "加盖企业公章。", isApplicationForm: true),
                MaterialRequirement(key: "business_licence", name: "营业执照", necessity: .required, form: .copy,
                                    copies: 1, medium: .either, source: .issuedCertificate, certificateType: "营业执照"),
                MaterialRequirement(key: "pharmacist_certificate", name: "执业药师注册证及劳动合同", necessity: .required, form: .copy,
                                    copies: 1, medium: .either, source: .applicant, note: "质量负责人应为执业药师。"),
                MaterialRequirement(key: "premises_documents", name: "经营场所、仓库平面布局图及房屋产权或者使用权证明", necessity: .required,
                                    form: .copy, copies: 1, medium: .either, source: .applicant),
                MaterialRequirement(key: "quality_system", name: "质量管理文件及主要设施设备目录", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .applicant),
            ],
            place: window("02", "市场监管局窗口"),
            hours: hours,
            consultPhone: "0836-8122315",
            complaintPhone: complaintPhone,
            onlineDepth: .onlineApplication, maxVisits: 1,
            result: ServiceResult(name: "药品经营许可证（零售）", isCertificate: true,
                                  sample: "载明企业名称、统一社会信用代码、法定代表人、主要负责人、质量负责人、注册地址、经营范围、经营方式（零售）、许可证编号、有效期（5年）。",
                                  delivery: [.collect, .post], validityYears: 5),
            faq: [
                Question("个人可以开药店吗？", "可以先登记为个体工商户或企业，取得营业执照后，以经营主体名义申请药品经营许可证。"),
                Question("现场检查需要准备什么？", "营业场所应已装修完毕，设施设备安装到位，执业药师在岗，质量管理文件齐全。"),
            ],
            form: [
                FormField(key: "company_name", label: "企业名称", kind: .text, sample: "新龙县康源大药房有限公司"),
                FormField(key: "credit_code", label: "统一社会信用代码", kind: .socialCreditCode, sample: "91513329MA62X00049"),
                FormField(key: "premises_address", label: "经营地址", kind: .address, sample: "新龙县茹龙镇团结街6号"),
                FormField(key: "quality_officer", label: "质量负责人", kind: .text, sample: "张丽华", help: "须为执业药师。"),
                FormField(key: "quality_officer_id_number", label: "质量负责人身份证号码", kind: .idNumber, sample: "513329199203150029"),
                FormField(key: "business_scope", label: "经营范围", kind: .choice,
                          options: ["处方药、甲类非处方药、乙类非处方药", "乙类非处方药"], sample: "处方药、甲类非处方药、乙类非处方药"),
                FormField(key: "floor_area", label: "营业场所面积（平方米）", kind: .number, sample: "60"),
                FormField(key: "phone", label: "联系电话", kind: .phone, sample: "13800000002"),
            ]
        )),

        Entry(department: "SWJ", guide: ServiceGuide(
            code: "513329-SWJ-QT-001",
            name: "发票领用",
            itemType: .otherPower,
            applicantKinds: [.person, .organisation],
            lifeEvents: [.business],
            keywords: ["领发票", "发票申领", "开发票", "数电发票"],
            legalBasis: "1.《中华人民共和国税收征收管理法》第二十一条；2.《中华人民共和国发票管理办法》第十五条；3.《中华人民共和国发票管理办法实施细则》。",
            conditions: "1.已办理登记信息确认的纳税人；2.无未结的税务违法违章行为；3.经办人身份已实名认证。",
            procedure: [
                "申请：纳税人登录电子税务局或到窗口提出发票领用申请。",
                "审核：税务机关根据纳税人经营范围和规模、风险等级核定发票种类、数量及开票额度。",
                "发放：当场完成发票领用，数电发票额度即时下发到纳税人电子发票服务平台；纸质发票可选择邮寄。",
            ],
            quantityLimit: "按核定的发票种类、数量和开票额度领用",
            handling: .onTheSpot, legalLimitDays: 0, promisedLimitDays: 0,
            materials: [
                MaterialRequirement(key: "application", name: "发票领用表", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .applicant,
                                    note: "电子税务局办理的在线填写。", isApplicationForm: true),
                MaterialRequirement(key: "agent_id", name: "经办人居民身份证", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .issuedCertificate, certificateType: "居民身份证",
                                    note: "已实名采集的，无需提供。"),
                MaterialRequirement(key: "business_licence", name: "营业执照", necessity: .required, form: .original,
                                    copies: 1, medium: .electronic, source: .issuedCertificate, certificateType: "营业执照",
                                    note: "通过部门共享核验，无需另行提交纸质件。"),
            ],
            place: window("09", "税务局窗口"),
            hours: hours,
            consultPhone: "0836-8122366",
            complaintPhone: complaintPhone,
            onlineDepth: .fullyOnline, maxVisits: 0,
            result: ServiceResult(name: "发票（数电发票开票额度）", isCertificate: false,
                                  sample: "电子发票服务平台显示已授予的发票种类和月开票额度；纸质发票按份数发放。",
                                  delivery: [.electronic, .post, .collect]),
            faq: [
                Question("领用发票收费吗？", "不收费。税务机关发售发票不收取工本费。"),
                Question("开票额度不够怎么办？", "可在电子税务局申请调整开票额度，税务机关按纳税人实际经营情况审核。"),
            ],
            form: [
                FormField(key: "taxpayer_name", label: "纳税人名称", kind: .text, sample: "新龙县扎西藏餐馆"),
                FormField(key: "taxpayer_code", label: "纳税人识别号（统一社会信用代码）", kind: .socialCreditCode, sample: "92513329MA62X00033"),
                FormField(key: "invoice_type", label: "发票种类", kind: .choice,
                          options: ["数电发票（普通发票）", "数电发票（增值税专用发票）", "通用机打发票（纸质）"], sample: "数电发票（普通发票）"),
                FormField(key: "monthly_amount", label: "申请月开票额度（元）", kind: .number, required: false, sample: "100000"),
                FormField(key: "agent_name", label: "经办人姓名", kind: .text, sample: "扎西平措"),
                FormField(key: "agent_id_number", label: "经办人身份证号码", kind: .idNumber, sample: "513329198805120017"),
                FormField(key: "phone", label: "经办人手机号码", kind: .phone, sample: "13800000001"),
            ]
        )),

        Entry(department: "SWJ", guide: ServiceGuide(
            code: "513329-SWJ-QR-001",
            name: "登记信息确认",
            subItem: "新办纳税人涉税事项信息确认",
            itemType: .confirmation,
            applicantKinds: [.person, .organisation],
            lifeEvents: [.business],
            keywords: ["税务登记", "新办纳税人", "报到"],
            legalBasis: "1.《中华人民共和国税收征收管理法》第十五条；2.《税务登记管理办法》（国家税务总局令第7号）；3.《国务院办公厅关于加快推进“五证合一、一照一码”登记制度改革的通知》（国办发〔2016〕53号）。",
            conditions: "已领取营业执照的企业、个体工商户及其他组织，首次办理涉税事项前完成登记信息确认。",
            procedure: [
                "申请：纳税人登录电子税务局，确认市场监管部门共享的登记信息，补充财务负责人、办税人员等信息。",
                "办理：系统校验通过即时完成信息确认，同步完成税（费）种认定。",
                "结果：在电子税务局查看确认结果，可一并办理发票领用等事项。",
            ],
            quantityLimit: "无数量限制",
            handling: .onTheSpot, legalLimitDays: 0, promisedLimitDays: 0,
            materials: [
                MaterialRequirement(key: "application", name: "纳税人登记信息确认表", necessity: .required, form: .original,
                                    copies: 1, medium: .electronic, source: .applicant, isApplicationForm: true),
                MaterialRequirement(key: "business_licence", name: "营业执照", necessity: .required, form: .original,
                                    copies: 1, medium: .electronic, source: .issuedCertificate, certificateType: "营业执照",
                                    note: "由市场监管部门共享，无需提交。"),
                MaterialRequirement(key: "agent_id", name: "办税人员居民身份证", necessity: .required, form: .original,
                                    copies: 1, medium: .either, source: .issuedCertificate, certificateType: "居民身份证"),
            ],
            place: window("09", "税务局窗口"),
            hours: hours,
            consultPhone: "0836-8122366",
            complaintPhone: complaintPhone,
            onlineDepth: .fullyOnline, maxVisits: 0,
            result: ServiceResult(name: "登记信息确认结果", isCertificate: false,
                                  sample: "电子税务局显示纳税人状态“正常”，列明已认定的税（费）种及申报期限。",
                                  delivery: [.electronic]),
            faq: [
                Question("还需要办理税务登记证吗？", "不需要。实行“多证合一”后，营业执照已具有税务登记证的作用，只需确认登记信息。"),
            ],
            form: [
                FormField(key: "taxpayer_name", label: "纳税人名称", kind: .text, sample: "新龙县雅砻江生态农业有限公司"),
                FormField(key: "taxpayer_code", label: "统一社会信用代码", kind: .socialCreditCode, sample: "91513329MA62X00010"),
                FormField(key: "accounting_method", label: "会计核算方式", kind: .choice, options: ["独立核算", "非独立核算"], sample: "独立核算"),
                FormField(key: "finance_officer", label: "财务负责人", kind: .text, sample: "张丽华"),
                FormField(key: "finance_officer_phone", label: "财务负责人手机号码", kind: .phone, sample: "13800000002"),
                FormField(key: "production_address", label: "生产经营地址", kind: .address, sample: "新龙县茹龙镇雅砻江路56号"),
            ]
        )),

        Entry(department: "FGJ", guide: ServiceGuide(
            code: "513329-FGJ-BA-001",
            name: "企业投资项目备案",
            itemType: .filing,
            applicantKinds: [.organisation],
            lifeEvents: [.business, .construction],
            keywords: ["项目备案", "投资备案", "备案证明"],
            legalBasis: "1.《企业投资项目核准和备案管理条例》（国务院令第673号）第三条、第十三条、第十四条；2.《企业投资项目核准和备案管理办法》（国家发展改革委令第2号）。",
            conditions: "1.企业在本县行政区域内投资建设的、不使用政府投资资金的固定资产投资项目；2.项目不属于《政府核准的投资项目目录》范围；3.项目符合国家产业政策，不属于禁止投资的项目。",
            procedure: [
                "告知：企业在开工建设前通过全国投资项目在线审批监管平台（四川）填报项目信息。",
                "备案：备案机关收到全部信息即为备案，在线出具备案证明；信息不齐全的在线告知补正。",
                "变更：项目信息发生较大变化的，企业及时在线告知变更。",
            ],
            quantityLimit: "无数量限制",
            handling: .onTheSpot, legalLimitDays: 0, promisedLimitDays: 0,
            materials: [
                MaterialRequirement(key: "application", name: "企业投资项目备案信息表", necessity: .required, form: .original,
                                    copies: 1, medium: .electronic, source: .applicant,
                                    note: "在线填报，企业对信息真实性负责。", isApplicationForm: true),
                MaterialRequirement(key: "business_licence", name: "营业执照", necessity: .required, form: .original,
                                    copies: 1, medium: .electronic, source: .issuedCertificate, certificateType: "营业执照",
                                    note: "通过共享核验。"),
                MaterialRequirement(key: "commitment", name: "项目符合产业政策的声明", necessity: .required, form: .original,
                                    copies: 1, medium: .electronic, source: .applicant),
            ],
            place: window("01", "综合受理窗口"),
            hours: hours,
            consultPhone: "0836-8122101",
            complaintPhone: complaintPhone,
            onlineDepth: .fullyOnline, maxVisits: 0,
            result: ServiceResult(name: "四川省固定资产投资项目备案表", isCertificate: true,
                                  sample: "载明项目代码、项目名称、项目单位、建设地点、建设规模及内容、总投资、备案机关及日期，附二维码。",
                                  delivery: [.electronic]),
            faq: [
                Question("备案需要审批吗？", "不需要。备案不是审批，备案机关收到全部信息即为备案。"),
                Question("备案后多久要开工？", "备案没有有效期限制。项目自备案后2年内未开工建设或者未办理任何其他手续的，项目单位决定继续实施的应当通过在线平台作出说明，不再实施的应当撤回备案信息。"),
            ],
            form: [
                FormField(key: "company_name", label: "项目单位名称", kind: .text, sample: "新龙县雅砻江生态农业有限公司"),
                FormField(key: "credit_code", label: "统一社会信用代码", kind: .socialCreditCode, sample: "91513329MA62X00010"),
                FormField(key: "project_name", label: "项目名称", kind: .text, sample: "新龙县牦牛乳制品加工厂建设项目"),
                FormField(key: "site_address", label: "建设地点", kind: .address, sample: "新龙县茹龙镇城北工业园区"),
                FormField(key: "total_investment", label: "总投资（万元）", kind: .number, sample: "1200"),
                FormField(key: "planned_start", label: "计划开工时间", kind: .date, sample: "2026-05-01"),
                FormField(key: "scope", label: "建设规模及内容", kind: .longText,
                          sample: "新建生产车间2000平方米、冷库300平方米，购置乳制品加工设备一套，年加工鲜奶1500吨。"),
                FormField(key: "phone", label: "联系人手机号码", kind: .phone, sample: "13800000011"),
            ]
        )),
    ]
}
