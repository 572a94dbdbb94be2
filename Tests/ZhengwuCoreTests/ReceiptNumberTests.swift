import Foundation
import Testing
@testable import ZhengwuCore

@Suite("Receipt number (申报号)")
struct ReceiptNumberTests {
    /// The characters read aloud over the phone: no 0/O and no 1/I, which people confuse.
    static let readable = Set("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// A few hundred numbers from a fixed seed, so a failure names the same number every run.
    static func sample(count: Int, seed: UInt64 = 2026) -> [ReceiptNumber] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in ReceiptNumber.make(on: day("2026-03-02"), using: &generator) }
    }

    @Test func shapeIsDateThenTwoGroupsOfFourReadableCharacters() throws {
        for number in Self.sample(count: 200) {
            let parts = number.value.split(separator: "-", omittingEmptySubsequences: false)
            try #require(parts.count == 3, "\(number)")
            #expect(parts[0] == "20260302")
            #expect(parts[1].count == 4 && parts[2].count == 4, "\(number)")
            #expect((parts[1] + parts[2]).allSatisfy { Self.readable.contains($0) }, "\(number)")
            #expect("\(number)" == number.value)
        }
    }

    @Test func theDateIsTheReceiptDate() {
        var generator = SeededGenerator(seed: 1)
        #expect(ReceiptNumber.make(on: day("2025-12-31"), using: &generator).value.hasPrefix("20251231-"))
        #expect(ReceiptNumber.make(on: day("2026-10-08")).value.hasPrefix("20261008-"))
    }

    @Test func everyNumberMadeParsesBackToItself() {
        for number in Self.sample(count: 200) {
            #expect(ReceiptNumber(parsing: number.value) == number)
        }
    }

    @Test func parsingToleratesCaseSpacesAndHyphens() throws {
        let number = try #require(Self.sample(count: 1).first)
        let compact = number.value.replacingOccurrences(of: "-", with: "")
        let typed = [
            number.value.lowercased(),
            compact,
            " " + compact.lowercased() + " ",
            number.value.replacingOccurrences(of: "-", with: " "),
            // As read out in groups of four over the phone.
            stride(from: 0, to: 16, by: 4).map { i in String(Array(compact)[i..<i + 4]) }.joined(separator: " - "),
        ]
        for raw in typed {
            #expect(ReceiptNumber(parsing: raw) == number, "\(raw)")
            #expect(ReceiptNumber(parsing: raw)?.value == number.value, "\(raw)")
        }
    }

    @Test func malformedInputIsRefused() throws {
        let number = try #require(Self.sample(count: 1).first)
        let value = number.value
        #expect(ReceiptNumber(parsing: "") == nil)
        #expect(ReceiptNumber(parsing: String(value.dropLast())) == nil)
        #expect(ReceiptNumber(parsing: value + "2") == nil)
        // Letters in the date part, and 0/1/O/I in the random part, can never occur.
        #expect(ReceiptNumber(parsing: "2026O302" + value.dropFirst(8)) == nil)
        for confusable in ["0", "1", "O", "I"] {
            var characters = Array(value)
            characters[9] = Character(confusable)
            #expect(ReceiptNumber(parsing: String(characters)) == nil, "\(confusable)")
        }
    }

    @Test func theCheckCharacterCatchesEverySingleSubstitution() {
        // The point of the check: a mistyped character must be refused before any look-up, or
        // a typo could open somebody else's case. Every one of the 8 characters after the date,
        // replaced by every other readable character, over a sample of numbers.
        var missed: [String] = []
        for number in Self.sample(count: 100) {
            let original = Array(number.value)
            let positions = original.indices.filter { $0 > 8 && original[$0] != "-" }
            for position in positions {
                for replacement in Self.readable where replacement != original[position] {
                    var typed = original
                    typed[position] = replacement
                    if ReceiptNumber(parsing: String(typed)) != nil { missed.append("\(number.value) → \(String(typed))") }
                }
            }
        }
        let examples = missed.prefix(3).joined(separator: "; ")
        #expect(missed.count == 0, "single substitutions that pass the check, e.g. \(examples)")
    }

    @Test func mostAdjacentSwapsAreCaught() {
        // Swapping two neighbours is the other common typing slip; a weighted check catches
        // most of them (not necessarily all).
        var swaps = 0, caught = 0
        for number in Self.sample(count: 300) {
            let original = Array(number.value)
            let positions = original.indices.filter { $0 > 8 && original[$0] != "-" }
            for (a, b) in zip(positions, positions.dropFirst()) where original[a] != original[b] {
                var typed = original
                typed.swapAt(a, b)
                swaps += 1
                if ReceiptNumber(parsing: String(typed)) == nil { caught += 1 }
            }
        }
        #expect(Double(caught) / Double(swaps) > 0.9, "\(caught) of \(swaps)")
    }

    @Test func numbersAreRandomNotSequential() {
        // Nobody may walk the numbers of one day to find other people's cases: numbers do not
        // repeat, and every readable character turns up at every random position (a counter
        // would keep its leading characters fixed for a whole day).
        var generator = SystemRandomNumberGenerator()
        let numbers = (0..<2000).map { _ in ReceiptNumber.make(on: day("2026-03-02"), using: &generator) }
        #expect(Set(numbers).count == numbers.count)
        let randomPositions = [9, 10, 11, 12, 14, 15, 16] // the 7 random characters; 17 is the check
        for position in randomPositions {
            let seen = Set(numbers.map { Array($0.value)[position] })
            #expect(seen == Self.readable, "position \(position) uses \(seen.count) characters")
        }
        // Consecutive numbers share no long common prefix after the date.
        let sharedPrefixes = zip(numbers, numbers.dropFirst()).filter { $0.0.value.prefix(13) == $0.1.value.prefix(13) }
        #expect(sharedPrefixes.count < 5)
    }

    @Test func aSeededGeneratorGivesTheSameNumbers() {
        // Reproducible numbers for tests and demo data.
        #expect(Self.sample(count: 50, seed: 7) == Self.sample(count: 50, seed: 7))
        #expect(Self.sample(count: 50, seed: 7) != Self.sample(count: 50, seed: 8))
    }
}
