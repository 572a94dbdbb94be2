import Foundation

/// What a browser sends when a form is submitted: `application/x-www-form-urlencoded` or
/// `multipart/form-data`, in UTF-8, multipart closed by its final boundary. Anything else (JSON
/// to a form, a body cut off mid-upload, bytes that are not UTF-8) is refused before a handler
/// reads it. Decoders are lenient about all three, so without this check a cut-off or mis-typed
/// body could be stored as if it were what the person sent, with U+FFFD where their text was.
public enum FormBody {
    public enum Encoding: Equatable, Sendable {
        case urlEncoded
        case multipart(boundary: String)
    }

    /// Whether `body` is a complete, well-formed form body in `encoding`.
    public static func isWellFormed(_ body: [UInt8], as encoding: Encoding) -> Bool {
        switch encoding {
        case .urlEncoded: return urlEncodedIsWellFormed(body)
        case .multipart(let boundary): return multipartIsWellFormed(body, boundary: Array(boundary.utf8))
        }
    }

    /// Every name and value decodes (valid `%XX` escapes) to UTF-8.
    static func urlEncodedIsWellFormed(_ body: [UInt8]) -> Bool {
        var decoded: [UInt8] = []
        var index = 0
        func flush() -> Bool {
            defer { decoded.removeAll(keepingCapacity: true) }
            return String(validating: decoded, as: UTF8.self) != nil
        }
        while index < body.count {
            let byte = body[index]
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "="):
                guard flush() else { return false }
                index += 1
            case UInt8(ascii: "%"):
                guard let high = hexValue(body[safe: index + 1]), let low = hexValue(body[safe: index + 2]) else { return false }
                decoded.append(high << 4 | low)
                index += 3
            case UInt8(ascii: "+"):
                decoded.append(UInt8(ascii: " "))
                index += 1
            default:
                decoded.append(byte)
                index += 1
            }
        }
        return flush()
    }

    /// Starts with the first boundary, ends with the closing one, and every part has its header
    /// block; parts without a file name (text fields) are UTF-8. File contents are checked by the
    /// upload rules, not here.
    static func multipartIsWellFormed(_ body: [UInt8], boundary: [UInt8]) -> Bool {
        guard !boundary.isEmpty, boundary.count <= 70 else { return false }
        let dashes = Array("--".utf8), lineBreak = Array("\r\n".utf8)
        let delimiter = lineBreak + dashes + boundary
        guard body.starts(with: dashes + boundary) else { return false }
        var position = dashes.count + boundary.count
        while true {
            // After a delimiter: "--" closes the body; otherwise a line break opens a part.
            if body[position...].starts(with: dashes) { return true }
            guard body[position...].starts(with: lineBreak) else { return false }
            let partStart = position + lineBreak.count
            guard let next = find(delimiter, in: body, from: partStart) else { return false }
            let part = Array(body[partStart..<next])
            guard let blank = find(Array("\r\n\r\n".utf8), in: part, from: 0) else { return false }
            let headers = String(decoding: part[..<blank], as: UTF8.self).lowercased()
            guard headers.contains("content-disposition:"), headers.contains("form-data") else { return false }
            if !headers.contains("filename="), String(validating: part[(blank + 4)...], as: UTF8.self) == nil { return false }
            position = next + delimiter.count
        }
    }

    private static func hexValue(_ byte: UInt8?) -> UInt8? {
        switch byte {
        case .some(let b) where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b): return b - UInt8(ascii: "0")
        case .some(let b) where (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b): return b - UInt8(ascii: "a") + 10
        case .some(let b) where (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The first index at or after `start` where `needle` occurs. Uploads run to 100 MB, so
    /// this scans raw memory for the first byte and compares the rest only there.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let first = pin[0], last = hay.count - pin.count
                var index = start
                while index <= last {
                    if hay[index] == first, memcmp(hay.baseAddress! + index, pin.baseAddress!, pin.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
