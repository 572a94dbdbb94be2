import Testing
@testable import ZhengwuCore

@Suite("Resident ID number (公民身份号码)")
struct ResidentIDNumberTests {
    let today = day("2026-03-16")

    @Test func workedExampleFromTheStandard() throws {
        let id = try ResidentIDNumber(validating: "11010519491231002X", today: today)
        #expect(id.value == "11010519491231002X")
        #expect(id.regionCode == "110105")
        #expect(id.birthDate == day("1949-12-31"))
        #expect(id.sex == .female) // sequence 002
        #expect(id.masked == "110105********002X")
    }

    @Test func acceptsLowerCaseXAndSurroundingSpaceStoringUpperCase() throws {
        let id = try ResidentIDNumber(validating: "  11010519491231002x\n", today: today)
        #expect(id.value == "11010519491231002X")
        #expect(id == (try ResidentIDNumber(validating: "11010519491231002X", today: today)))
    }

    @Test(arguments: [
        ("110105199003071239", "1990-03-07", ResidentIDNumber.Sex.male),
        ("440305200002294564", "2000-02-29", .female),     // leap day
        ("320106198511207818", "1985-11-20", .male),
        ("510102197001010025", "1970-01-01", .female),
    ])
    func validNumbers(value: String, birth: String, sex: ResidentIDNumber.Sex) throws {
        let id = try ResidentIDNumber(validating: value, today: today)
        #expect(id.birthDate == day(birth))
        #expect(id.sex == sex)
    }

    @Test func bornTodayIsAllowed() throws {
        // 2026-03-16, sequence 001; check character: weighted sum 144, 144 mod 11 = 1 → "0".
        let id = try ResidentIDNumber(validating: "110105202603160010", today: today)
        #expect(id.birthDate == today)
    }

    @Test(arguments: [
        ("", ResidentIDNumber.ValidationError.empty),
        ("   ", .empty),
        ("11010519491231002", .wrongLength(17)),
        ("110105491231002", .wrongLength(15)),       // first-generation number
        ("11010519491231002XX", .wrongLength(19)),
        ("1101051949123100X2", .invalidCharacter(position: 17)),
        ("A1010519491231002X", .invalidCharacter(position: 1)),
        ("1101051949-231002X", .invalidCharacter(position: 11)),
        ("11010519491231002Y", .invalidCharacter(position: 18)),
        ("１1010519491231002X", .invalidCharacter(position: 1)), // full-width digit
        ("110105199002300012", .invalidBirthDate),  // 30 February
        ("110105199013010012", .invalidBirthDate),  // month 13
        ("110105202603170012", .birthDateInFuture),  // tomorrow
        ("110105194912310021", .checksumMismatch(expected: "X")),
        ("110105194912310039", .checksumMismatch(expected: "8")),
        ("11010519900307123X", .checksumMismatch(expected: "9")),
    ])
    func refusesBadNumbers(raw: String, error: ResidentIDNumber.ValidationError) {
        #expect(throws: error) { try ResidentIDNumber(validating: raw, today: today) }
    }

    @Test func messagesCarryKeysAndArguments() {
        #expect(ResidentIDNumber.ValidationError.wrongLength(17).message
            == LocalizedMessage("identity.id.wrong_length", ["count": "17"]))
        #expect(ResidentIDNumber.ValidationError.invalidCharacter(position: 5).message
            == LocalizedMessage("identity.id.invalid_character", ["position": "5"]))
        #expect(ResidentIDNumber.ValidationError.checksumMismatch(expected: "X").message
            == LocalizedMessage("identity.id.checksum"))
    }

    @Test func interpolationNeverShowsTheWholeNumber() throws {
        let id = try ResidentIDNumber(validating: "110105199003071239", today: today)
        #expect("\(id)" == "110105********1239")
        #expect(!"\(id)".contains("19900307"))
    }
}
