import Testing
@testable import ZhengwuCore

@Suite("Masking text for publication")
struct PublicTextMaskingTests {
    @Test(arguments: [
        // A mobile, an ID number (with X), a landline run, a house number.
        ("请拨13912345678联系", "请拨139****5678联系"),
        ("身份证51332919880512001X丢了", "身份证513329********001X丢了"),
        ("座机0836-8122201", "座机0836-81***01"),
        ("建设路12号3栋501室", "建设路**号*栋***室"),
        // Short numbers that are not house numbers stay: dates, amounts.
        ("3月5日已修复，补助300元", "3月5日已修复，补助300元"),
    ])
    func numbers(text: String, masked: String) {
        #expect(PublicTextMasking.mask(text) == masked)
    }

    @Test("the caller's name and address are masked wherever they occur, longest first")
    func namesAndAddresses() {
        let text = "赵大勇反映新龙县茹龙镇建设路的问题，赵大勇本人同意公开"
        let masked = PublicTextMasking.mask(text, names: ["赵大勇", "赵"], addresses: ["新龙县茹龙镇建设路"])
        #expect(masked == "赵**反映新龙县茹*****的问题，赵**本人同意公开")
        // A one-character "name" would mask every occurrence of a common character: ignored.
        #expect(!masked.contains("大勇"))
    }
}
