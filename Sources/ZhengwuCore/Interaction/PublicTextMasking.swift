import Foundation

/// Masks the personal data in a ticket's text and reply before they are published (回复公开):
/// the caller's name and address wherever they occur, and anything that looks like a phone or
/// ID number or a house number, whoever it belongs to, since callers often name neighbours.
/// Government numbers are published elsewhere; masking one here costs nothing.
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
        return maskNumbers(result)
    }

    /// An address down to its first half: the town or street stays, the door does not.
    public static func coarse(_ address: String) -> String {
        let characters = Array(address)
        let kept = characters.count / 2
        return String(characters.prefix(kept)) + String(repeating: "*", count: characters.count - kept)
    }

    /// Digit runs: 18 characters (an ID number, maybe ending in X) as ID numbers, 11 as mobiles,
    /// other runs of 7 or more with only their ends shown, and house numbers (digits before
    /// 号, 栋, 幢, 室, 单元, 楼) hidden.
    static func maskNumbers(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            guard characters[index].isASCII, characters[index].isNumber else {
                output.append(characters[index])
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            if end - index == 17, end < characters.count, characters[end] == "X" || characters[end] == "x" { end += 1 }
            let run = String(characters[index..<end])
            let next = end < characters.count ? characters[end] : nil
            let houseMarks: Set<Character> = ["号", "栋", "幢", "室", "单", "楼"]
            switch run.count {
            case 18: output += Masking.idNumber(run)
            case 11: output += Masking.phone(run)
            case 7...: output += String(run.prefix(2)) + String(repeating: "*", count: run.count - 4) + String(run.suffix(2))
            default: output += next.map(houseMarks.contains) == true ? String(repeating: "*", count: run.count) : run
            }
            index = end
        }
        return output
    }
}
