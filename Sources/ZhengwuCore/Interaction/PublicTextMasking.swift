import Foundation

/// Masks the personal data in a ticket's text and reply before they are published (回复公开):
/// the caller's name and address wherever they occur, and anything that looks like a phone or
/// ID number, an e-mail address or a house number, whoever it belongs to, since callers often
/// name neighbours. Government numbers are published elsewhere; masking one here costs nothing.
public enum PublicTextMasking {
    public static func mask(_ text: String, names: [String] = [], addresses: [String] = []) -> String {
        var result = text
        // Longest first, so "张三丰" is masked before a shorter name inside it.
        for address in addresses.map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ $0.count >= 4 }).sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: address, with: coarse(address))
        }
        for name in names.map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ $0.count >= 2 }).sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: name, with: Masking.personName(name))
        }
        return maskNumbers(maskEmails(result))
    }

    /// An address down to its first half: the town or street stays, the door does not.
    public static func coarse(_ address: String) -> String {
        let characters = Array(address)
        let kept = characters.count / 2
        return String(characters.prefix(kept)) + String(repeating: "*", count: characters.count - kept)
    }

    /// The digit a character stands for: ASCII or full-width (what Chinese input methods type).
    static func digit(_ character: Character) -> Character? {
        if character.isASCII, character.isNumber { return character }
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
              (0xFF10...0xFF19).contains(scalar.value) else { return nil }
        return Character(UnicodeScalar(scalar.value - 0xFF10 + 0x30)!)
    }

    /// Runs of digits, written with single spaces or hyphens between them or not ("138 1234 5678",
    /// "0836-8122201"): 18 (an ID number, maybe ending in X) as ID numbers, 11 as mobiles, other
    /// runs of 7 or more with only their ends shown, and house numbers (digits before 号, 栋, 幢,
    /// 室, 单元, 楼) hidden. Masked runs are written without their separators.
    static func maskNumbers(_ text: String) -> String {
        let characters = Array(text)
        let separators: Set<Character> = ["-", " ", "－", "\u{3000}"]
        var output = ""
        var index = 0
        while index < characters.count {
            guard digit(characters[index]) != nil else {
                output.append(characters[index])
                index += 1
                continue
            }
            var digits = ""
            var end = index
            while end < characters.count {
                if let d = digit(characters[end]) {
                    digits.append(d)
                    end += 1
                } else if separators.contains(characters[end]), end + 1 < characters.count, digit(characters[end + 1]) != nil {
                    end += 1
                } else {
                    break
                }
            }
            if digits.count == 17, end < characters.count, characters[end] == "X" || characters[end] == "x" {
                digits.append("X")
                end += 1
            }
            let next = end < characters.count ? characters[end] : nil
            let houseMarks: Set<Character> = ["号", "栋", "幢", "室", "单", "楼"]
            switch digits.count {
            case 18: output += Masking.idNumber(digits)
            case 11: output += Masking.phone(digits)
            case 7...: output += String(digits.prefix(2)) + String(repeating: "*", count: digits.count - 4) + String(digits.suffix(2))
            default:
                output += next.map(houseMarks.contains) == true ? String(repeating: "*", count: digits.count)
                    : String(characters[index..<end])
            }
            index = end
        }
        return output
    }

    /// E-mail addresses keep the first character of the name and the domain: `z***@example.com`.
    static func maskEmails(_ text: String) -> String {
        let characters = Array(text)
        func local(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "._%+-".contains(c)) }
        func domain(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || ".-".contains(c)) }
        var output = characters
        var index = 0
        while index < characters.count {
            defer { index += 1 }
            guard characters[index] == "@", index + 1 < characters.count, domain(characters[index + 1]) else { continue }
            var start = index
            while start > 0, local(characters[start - 1]) { start -= 1 }
            guard start < index else { continue }
            for position in (start + 1)..<index { output[position] = "*" }
        }
        return String(output)
    }
}
