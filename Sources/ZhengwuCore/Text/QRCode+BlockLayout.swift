extension QRCode {
    /// How one version at one error correction level divides its codewords into
    /// Reed–Solomon blocks (ISO/IEC 18004 Table 9).
    ///
    /// Codewords are split into blocks so that no single Reed–Solomon code exceeds 255
    /// symbols; when the data does not divide evenly, the later blocks take one extra data codeword.
    struct BlockLayout {
        let version: Int
        let totalCodewords: Int
        let blockCount: Int
        let ecCodewordsPerBlock: Int

        init(version: Int, errorCorrection: ErrorCorrection) {
            precondition((1...40).contains(version), "QR Code versions run from 1 to 40")
            let table: (blocks: [Int], ecPerBlock: [Int]) = switch errorCorrection {
            case .low: (Self.lowBlocks, Self.lowECPerBlock)
            case .medium: (Self.mediumBlocks, Self.mediumECPerBlock)
            case .quartile: (Self.quartileBlocks, Self.quartileECPerBlock)
            case .high: (Self.highBlocks, Self.highECPerBlock)
            }
            self.version = version
            self.totalCodewords = ModuleGrid.dataModuleCount(version: version) / 8
            self.blockCount = table.blocks[version - 1]
            self.ecCodewordsPerBlock = table.ecPerBlock[version - 1]
        }

        var dataCodewords: Int { totalCodewords - blockCount * ecCodewordsPerBlock }

        /// Data codewords in each of the leading, shorter blocks.
        var shortBlockDataCodewords: Int { totalCodewords / blockCount - ecCodewordsPerBlock }

        var shortBlockCount: Int { blockCount - totalCodewords % blockCount }

        /// Byte-mode character count indicators grow from 8 to 16 bits at version 10.
        var characterCountBits: Int { version < 10 ? 8 : 16 }

        /// The most bytes one byte-mode segment can carry: the 4-bit mode indicator and the
        /// character count come out of the data capacity.
        var byteCapacity: Int { (dataCodewords * 8 - 4 - characterCountBits) / 8 }

        // Table 9, indexed by version - 1.
        private static let lowBlocks = [
            1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
            8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        ]
        private static let mediumBlocks = [
            1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
            17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ]
        private static let quartileBlocks = [
            1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
            23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ]
        private static let highBlocks = [
            1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
            25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ]
        private static let lowECPerBlock = [
            7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
            28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ]
        private static let mediumECPerBlock = [
            10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
            26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ]
        private static let quartileECPerBlock = [
            13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
            28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ]
        private static let highECPerBlock = [
            17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
            30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ]
    }
}
