/// A QR Code symbol (ISO/IEC 18004) carrying bytes in byte mode.
///
/// The portal draws TOTP enrolment URIs as QR codes on the server, so the enrolment page
/// needs no script and no third-party service ever sees the shared secret.
public struct QRCode: Sendable {
    /// How much of the symbol may be damaged and still read: roughly 7, 15, 25 and 30 percent.
    /// Higher levels spend more codewords on redundancy, so the same data needs a larger symbol.
    public enum ErrorCorrection: Sendable, CaseIterable {
        case low, medium, quartile, high
    }

    public enum EncodingError: Error, Equatable, Sendable {
        /// The data exceeds what a version 40 symbol holds at the requested error correction.
        case dataTooLong
    }

    /// The symbol version, 1...40; each version adds four modules per side.
    public let version: Int
    /// Modules per side, not counting the quiet zone.
    public let size: Int
    /// The data mask, 0...7, that was applied.
    let mask: Int
    /// Row-major; `true` is dark.
    private let modules: [Bool]

    /// Encodes the UTF-8 bytes of `text`.
    ///
    /// No ECI header is written: enrolment URIs are percent-encoded ASCII, and readers
    /// already guess UTF-8 for byte mode while some mishandle ECI.
    public init(text: String, errorCorrection: ErrorCorrection = .medium) throws(EncodingError) {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection)
    }

    /// Encodes `bytes` in the smallest version that holds them at `errorCorrection`.
    public init(bytes: [UInt8], errorCorrection: ErrorCorrection = .medium) throws(EncodingError) {
        guard let version = (1...40).first(where: {
            bytes.count <= BlockLayout(version: $0, errorCorrection: errorCorrection).byteCapacity
        }) else {
            throw .dataTooLong
        }
        let layout = BlockLayout(version: version, errorCorrection: errorCorrection)
        var unmasked = ModuleGrid(version: version)
        unmasked.placeCodewords(layout.codewords(encoding: bytes))

        // Each candidate is scored with its format information in place, since that is the
        // symbol a reader will see. Ties go to the lower mask number.
        let candidates = (0..<8).map { mask in
            var grid = unmasked
            grid.applyMask(mask)
            grid.drawFormatInformation(errorCorrection: errorCorrection, mask: mask)
            return (mask: mask, grid: grid, penalty: grid.penalty())
        }
        let best = candidates.min { $0.penalty < $1.penalty }!

        self.version = version
        self.size = best.grid.size
        self.mask = best.mask
        self.modules = best.grid.dark
    }

    /// Whether the module in column `x`, row `y` is dark. Coordinates outside the symbol
    /// answer `false`, because the quiet zone around it is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }
}
