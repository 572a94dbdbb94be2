/// What a person typed, fit to store and show: control characters other than line breaks and
/// tabs removed, and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
/// that can make a name or a file name read backwards, as in "invoice‮fdp.exe". Right-to-left
/// text itself (Uyghur) needs none of them and is kept.
public enum TypedText {
    public static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where keeps(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0x202A...0x202E, 0x2066...0x2069: return false
        default: return true
        }
    }
}
