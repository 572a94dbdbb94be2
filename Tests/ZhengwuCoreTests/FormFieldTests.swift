import Testing
@testable import ZhengwuCore

@Suite("Application form fields: checking and normalising what applicants type")
struct FormFieldTests {
    let today = day("2026-03-02")

    /// Checks one value against a single field called "f".
    func check(_ kind: FormField.Kind, _ raw: String, required: Bool = true, options: [String] = []) -> FormCheck {
        [FormField(key: "f", label: "字段", kind: kind, required: required, options: options)].check(["f": raw], today: today)
    }

    /// The stored value, or nil when the field was refused.
    func stored(_ kind: FormField.Kind, _ raw: String, options: [String] = []) -> String? {
        check(kind, raw, options: options).values["f"]
    }

    /// The message of the single problem, or nil when there is none.
    func problem(_ kind: FormField.Kind, _ raw: String, options: [String] = []) -> LocalizedMessage? {
        let result = check(kind, raw, options: options)
        #expect(result.problems.count <= 1)
        return result.problems.first?.message
    }

    // MARK: Presence

    @Test(arguments: ["", "   ", "\n\t "])
    func requiredFieldsMustBeFilled(raw: String) {
        let result = check(.text, raw)
        #expect(!result.isValid)
        #expect(result.problems == [FieldIssue(field: "f", message: LocalizedMessage("form.required"))])
        #expect(result.values["f"] == nil)
    }

    @Test func anOptionalFieldLeftBlankIsNeitherAProblemNorStored() {
        let result = check(.phone, "  ", required: false)
        #expect(result.isValid)
        #expect(result.values.isEmpty)
    }

    @Test func anOptionalFieldThatIsFilledIsStillChecked() {
        // Optional means "may be left out", not "anything goes".
        let result = check(.phone, "12345", required: false)
        #expect(result.problems.map(\.message) == [LocalizedMessage("identity.phone.invalid")])
    }

    @Test func valuesAreTrimmedAndUnknownKeysDropped() {
        // A posted form can carry any extra names; only the item's own fields may be stored.
        let fields = [FormField(key: "name", label: "姓名", kind: .text)]
        let result = fields.check(["name": "  张三 ", "is_admin": "1", "status": "accepted"], today: today)
        #expect(result.isValid)
        #expect(result.values == ["name": "张三"])
    }

    @Test func problemsFollowFormOrderOnePerField() {
        let fields = [
            FormField(key: "a", label: "A", kind: .date),
            FormField(key: "b", label: "B", kind: .text),
            FormField(key: "c", label: "C", kind: .number),
        ]
        let result = fields.check(["c": "abc", "a": "tomorrow"], today: today)
        #expect(result.problems.map(\.field) == ["a", "b", "c"])
        #expect(result.problems.map(\.message.key) == ["form.bad_date", "form.required", "form.not_a_number"])
    }

    // MARK: Length and hidden characters

    @Test func textIsLimitedTo200Characters() {
        // Counted in characters, not bytes: 200 Chinese characters (600 UTF-8 bytes) fit.
        #expect(stored(.text, String(repeating: "政", count: 200)) != nil)
        #expect(problem(.text, String(repeating: "政", count: 201)) == LocalizedMessage("form.too_long", ["max": "200"]))
    }

    @Test func longTextGetsMoreRoom() {
        #expect(stored(.longText, String(repeating: "a", count: 2000)) != nil)
        #expect(problem(.longText, String(repeating: "a", count: 2001)) == LocalizedMessage("form.too_long", ["max": "2000"]))
        // The long-text limit does not leak to other kinds.
        #expect(problem(.address, String(repeating: "路", count: 201)) == LocalizedMessage("form.too_long", ["max": "200"]))
    }

    @Test(arguments: ["张\u{0007}三", "a\u{0000}b", "x\u{001B}[31m", "y\u{007F}z", "bad\u{0085}line"])
    func controlCharactersAreRefused(raw: String) {
        // They are invisible on screen and in print, and break exports.
        #expect(problem(.text, raw) == LocalizedMessage("form.control_characters"))
    }

    @Test func lineBreaksAndTabsAreAllowedInsideText() {
        #expect(stored(.longText, "第一行\n第二行\r\n\t第三行") == "第一行\n第二行\r\n\t第三行")
    }

    // MARK: Kinds

    @Test func addressesNeedAtLeastFourCharacters() {
        #expect(problem(.address, "新龙") == LocalizedMessage("form.address_too_short"))
        #expect(problem(.address, "新龙县") == LocalizedMessage("form.address_too_short"))
        #expect(stored(.address, "新龙县如龙镇") == "新龙县如龙镇")
    }

    @Test(arguments: [("12", "12"), ("12.50", "12.5"), ("-3", "-3"), ("0007", "7"), ("0.25", "0.25")])
    func numbersAreStoredInCanonicalForm(raw: String, expected: String) {
        #expect(stored(.number, raw) == expected)
    }

    @Test(arguments: ["abc", "1e5", "１２", "12,5", "1 000", "-", ".", "12-3", "1.2.3", "--1"])
    func anythingButAPlainDecimalIsNotANumber(raw: String) {
        // A value only partly read (e.g. "12-3" stored as 12) would silently change what the
        // applicant declared, so the whole text must be a number.
        #expect(problem(.number, raw) == LocalizedMessage("form.not_a_number"), "\(raw) was stored as \(stored(.number, raw) ?? "nil")")
    }

    @Test func datesAreStrictISO() {
        #expect(stored(.date, "2026-02-10") == "2026-02-10")
        for raw in ["2026/02/10", "2026-2-10", "2026-02-30", "10.02.2026", "2026年2月10日"] {
            #expect(problem(.date, raw) == LocalizedMessage("form.bad_date"), "\(raw)")
        }
    }

    @Test func choicesMustBeOneOfTheOptions() {
        let options = ["个人经营", "家庭经营"]
        #expect(stored(.choice, "家庭经营", options: options) == "家庭经营")
        // The message lists the options so the applicant can pick one without the label.
        #expect(problem(.choice, "公司", options: options) == LocalizedMessage("form.not_an_option", ["options": "个人经营、家庭经营"]))
        // Close is not equal: a submitted value is never guessed into an option.
        #expect(problem(.choice, "个人", options: options)?.key == "form.not_an_option")
    }

    @Test func phoneNumbersUseTheIdentityRules() {
        #expect(stored(.phone, "13800138000") == "13800138000")
        #expect(problem(.phone, "1380013800") == PhoneNumber.ValidationError.invalid.message)
    }

    @Test func idNumbersAreCheckedAndStoredUpperCase() {
        // The GB 11643 worked example, typed with a lower-case check character.
        #expect(stored(.idNumber, "11010519491231002x") == "11010519491231002X")
        #expect(problem(.idNumber, "110105194912310021") == ResidentIDNumber.ValidationError.checksumMismatch(expected: "X").message)
    }

    @Test func idBirthDatesAreBoundedByToday() {
        // Born 1949-12-31: valid from that day on, refused the day before.
        let field = [FormField(key: "id", label: "身份证号码", kind: .idNumber)]
        #expect(field.check(["id": "11010519491231002X"], today: day("1949-12-31")).isValid)
        let before = field.check(["id": "11010519491231002X"], today: day("1949-12-30"))
        #expect(before.problems.map(\.message) == [LocalizedMessage("identity.id.birth_date_in_future")])
    }

    @Test func socialCreditCodesAreCheckedAndStoredUpperCase() {
        // The GB 32100 worked example.
        #expect(stored(.socialCreditCode, "91350100m000100y43") == "91350100M000100Y43")
        #expect(problem(.socialCreditCode, "91350100M000100Y44") == LocalizedMessage("identity.uscc.checksum"))
    }

    @Test func everyKindHasADistinctMessageKey() {
        let keys = FormField.Kind.allCases.map(\.messageKey)
        #expect(Set(keys).count == keys.count)
        #expect(FormField.Kind.idNumber.messageKey == "field_kind.id_number")
    }
}
