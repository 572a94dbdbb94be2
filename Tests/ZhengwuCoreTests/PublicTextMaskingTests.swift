import Testing
@testable import ZhengwuCore

@Suite("Masking text for publication")
struct PublicTextMaskingTests {
    @Test(arguments: [
        // A mobile, an ID number (with X), a landline run, a house number.
        ("请拨13912345678联系", "请拨139****5678联系"),
        ("身份证51332919880512001X丢了", "身份证513329********001X丢了"),
        ("座机0836-8122201", "座机083****2201"),
        ("建设路12号3栋501室", "建设路**号*栋***室"),
        // Written with separators or in full-width digits, as people type them.
        ("电话138-1234-5678或138 1234 5678", "电话138****5678或138****5678"),
        ("手机１３９１２３４５６７８", "手机139****5678"),
        // Short numbers that are not house numbers stay: dates, amounts, a year with a hyphen.
        ("2026-03 的3号楼", "2026-03 的*号楼"),
        ("3月5日已修复，补助300元", "3月5日已修复，补助300元"),
    ])
    func numbers(text: String, masked: String) {
        #expect(PublicTextMasking.mask(text) == masked)
    }

    @Test("e-mail addresses keep their first character and domain")
    func emails() {
        #expect(PublicTextMasking.mask("请回复 zhang.san@example.com 谢谢") == "请回复 z********@example.com 谢谢")
        #expect(PublicTextMasking.mask("@提及 和 a@b") == "@提及 和 a@b")
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
