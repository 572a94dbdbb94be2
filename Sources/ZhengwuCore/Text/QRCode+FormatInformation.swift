extension QRCode {
    /// The 15-bit format information: error correction level and mask, protected by a
    /// BCH(15,5) code, then XORed with 101010000010010 so it is never all light.
    static func formatInformation(errorCorrection: ErrorCorrection, mask: Int) -> Int {
        precondition((0..<8).contains(mask))
        // The level indicators are not in order of strength; they are fixed by the standard.
        let level = switch errorCorrection {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
        let data = level << 3 | mask
        let protected = data << 10 | bchRemainder(data, generator: 0b101_0011_0111, degree: 10)
        return protected ^ 0b101_0100_0001_0010
    }

    /// The 18-bit version information carried by versions 7 and up: the version number
    /// protected by a BCH(18,6) code, so a reader need not infer the version from the symbol's size.
    static func versionInformation(version: Int) -> Int {
        precondition((7...40).contains(version))
        return version << 12 | bchRemainder(version, generator: 0b1_1111_0010_0101, degree: 12)
    }

    /// The remainder of `data` · x^degree divided by `generator`, polynomials over GF(2) held as bits.
    private static func bchRemainder(_ data: Int, generator: Int, degree: Int) -> Int {
        var remainder = data << degree
        while Int.bitWidth - remainder.leadingZeroBitCount > degree {
            let shift = Int.bitWidth - remainder.leadingZeroBitCount - 1 - degree
            remainder ^= generator << shift
        }
        return remainder
    }
}
