import Testing
@testable import ZhengwuCore

@Suite("Unified social credit code (统一社会信用代码)")
struct SocialCreditCodeTests {
    @Test(arguments: ["91350100M000100Y43", "12100000400000718E", "52440300MJL012345R", "91310115MA1K3YJ12G"])
    func validCodes(raw: String) throws {
        #expect(try SocialCreditCode(validating: raw).value == raw)
    }

    @Test func acceptsLowerCaseAndSpacesStoringUpperCase() throws {
        let code = try SocialCreditCode(validating: " 91350100m000100y43\t")
        #expect(code.value == "91350100M000100Y43")
        #expect("\(code)" == "91350100M000100Y43")
    }

    @Test(arguments: [
        ("", SocialCreditCode.ValidationError.empty),
        ("91350100M000100Y4", .wrongLength(17)),
        ("91350100M000100Y433", .wrongLength(19)),
        ("91350100I000100Y43", .invalidCharacter(position: 9, character: "I")),
        ("91350100M000100O43", .invalidCharacter(position: 16, character: "O")),
        ("9135010SM000100Y43", .invalidCharacter(position: 8, character: "S")),
        ("91350100M000100Y4z", .invalidCharacter(position: 18, character: "z")),
        ("91350100M000100Y4-", .invalidCharacter(position: 18, character: "-")),
        ("91350100M000100Y44", .checksumMismatch(expected: "3")),
        ("52440300MJL012345P", .checksumMismatch(expected: "R")),
        ("91350100M000100Y53", .checksumMismatch(expected: "6")),
    ])
    func refusesBadCodes(raw: String, error: SocialCreditCode.ValidationError) {
        #expect(throws: error) { try SocialCreditCode(validating: raw) }
    }

    @Test func messagesCarryKeysAndArguments() {
        #expect(SocialCreditCode.ValidationError.invalidCharacter(position: 9, character: "I").message
            == LocalizedMessage("identity.uscc.invalid_character", ["position": "9", "character": "I"]))
        #expect(SocialCreditCode.ValidationError.wrongLength(17).message
            == LocalizedMessage("identity.uscc.wrong_length", ["count": "17"]))
    }
}
