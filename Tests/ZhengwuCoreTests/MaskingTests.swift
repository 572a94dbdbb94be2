import Testing
@testable import ZhengwuCore

@Suite("Masking (脱敏)")
struct MaskingTests {
    @Test(arguments: [
        ("110105194912311234", "110105********1234"),
        ("11010519491231002X", "110105********002X"),
        ("110105491231123", "110105*****1123"),  // 15-character first-generation number
        ("1234567890", "**********"),              // too short to keep 10 characters visible
        ("", ""),
    ])
    func idNumber(value: String, masked: String) {
        #expect(Masking.idNumber(value) == masked)
    }

    @Test(arguments: [
        ("13812345678", "138****5678"),
        (" 13812345678 ", "138****5678"),
        ("1234567", "*******"),
        ("010-12345678", "010*****5678"),
    ])
    func phone(value: String, masked: String) {
        #expect(Masking.phone(value) == masked)
    }

    @Test(arguments: [
        ("张三丰", "张**"),
        ("李四", "李*"),
        ("欧阳娜娜", "欧***"),
        ("阿卜杜拉·买买提", "阿*******"),
        ("王", "王"),
        ("  李四 ", "李*"),
        ("", ""),
    ])
    func personName(value: String, masked: String) {
        #expect(Masking.personName(value) == masked)
    }

    @Test func organisationsKeepTheirNames() {
        #expect(Masking.applicantName("新龙县康巴建筑工程有限公司", kind: .organisation) == "新龙县康巴建筑工程有限公司")
        #expect(Masking.applicantName("扎西平措", kind: .person) == "扎***")
    }
}
