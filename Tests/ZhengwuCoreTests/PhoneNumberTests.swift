import Foundation
import Testing
@testable import ZhengwuCore

@Suite("Mobile number (手机号码)")
struct PhoneNumberTests {
    @Test(arguments: ["13800138000", "19912345678", " 15012345678 "])
    func valid(raw: String) throws {
        let phone = try PhoneNumber(validating: raw)
        #expect(phone.value == raw.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: [
        ("", PhoneNumber.ValidationError.empty),
        ("12800138000", .invalid),     // second digit 2
        ("1380013800", .invalid),      // 10 digits
        ("138001380001", .invalid),    // 12 digits
        ("23800138000", .invalid),
        ("138-0013-800", .invalid),
        ("+8613800138000", .invalid),
        ("１３８００１３８０００", .invalid), // full-width
    ])
    func invalid(raw: String, error: PhoneNumber.ValidationError) {
        #expect(throws: error) { try PhoneNumber(validating: raw) }
    }

    @Test func maskedByDefault() throws {
        let phone = try PhoneNumber(validating: "13812345678")
        #expect(phone.masked == "138****5678")
        #expect("\(phone)" == "138****5678")
        #expect(PhoneNumber.ValidationError.invalid.message == LocalizedMessage("identity.phone.invalid"))
    }
}
