extension QRCode {
    /// A symbol under construction. It remembers which modules belong to function patterns
    /// because data placement and masking must pass over them.
    struct ModuleGrid {
        let size: Int
        /// Row-major; `true` is dark.
        private(set) var dark: [Bool]
        private(set) var isFunction: [Bool]

        /// A grid holding every function pattern for `version`, with the format information
        /// area reserved but not yet written, since it depends on the mask chosen later.
        init(version: Int) {
            size = 4 * version + 17
            dark = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)

            // Timing first: finders and alignment patterns then overwrite its ends and crossings.
            for index in 0..<size {
                setFunction(x: index, y: 6, dark: index.isMultiple(of: 2))
                setFunction(x: 6, y: index, dark: index.isMultiple(of: 2))
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                drawFinder(centerX: x, centerY: y)
            }
            let centers = Self.alignmentCenters(version: version)
            for x in centers {
                for y in centers where !overlapsFinder(x: x, y: y) {
                    drawAlignment(centerX: x, centerY: y)
                }
            }
            // Reserve the format areas now so that data placement passes over them.
            drawFormatBits(0)
            // The one module the standard fixes dark in every symbol, above the lower format copy.
            setFunction(x: 8, y: size - 8, dark: true)
            if version >= 7 {
                drawVersionInformation(QRCode.versionInformation(version: version))
            }
        }

        subscript(x: Int, y: Int) -> Bool {
            dark[y * size + x]
        }

        /// Fills the non-function modules two columns at a time, right to left, snaking up and
        /// down, with codeword bits most significant first. Leftover remainder bits stay light.
        mutating func placeCodewords(_ codewords: [UInt8]) {
            let bitCount = codewords.count * 8
            var bitIndex = 0
            var upward = true
            var right = size - 1
            while right > 0 {
                // The vertical timing pattern occupies a whole column, so the pairing shifts past it.
                if right == 6 {
                    right = 5
                }
                for step in 0..<size {
                    let y = upward ? size - 1 - step : step
                    for x in [right, right - 1] where !isFunction[y * size + x] && bitIndex < bitCount {
                        dark[y * size + x] = (codewords[bitIndex / 8] >> (7 - UInt8(bitIndex % 8))) & 1 == 1
                        bitIndex += 1
                    }
                }
                upward.toggle()
                right -= 2
            }
            precondition(bitIndex == bitCount, "the block layout must match the grid's capacity")
        }

        /// Inverts every data module for which the mask's condition holds; function patterns keep their colours.
        mutating func applyMask(_ mask: Int) {
            let condition = QRCode.maskCondition(mask)
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] && condition(x, y) {
                    dark[y * size + x].toggle()
                }
            }
        }

        mutating func drawFormatInformation(errorCorrection: ErrorCorrection, mask: Int) {
            drawFormatBits(QRCode.formatInformation(errorCorrection: errorCorrection, mask: mask))
        }

        /// Modules left for codewords once function patterns are drawn. Counted from the pattern
        /// sizes so the block layout can be computed without building a grid.
        static func dataModuleCount(version: Int) -> Int {
            let size = 4 * version + 17
            var count = size * size
            count -= 3 * 8 * 8  // finders with their separators
            count -= 2 * 15 + 1  // two copies of format information, and the dark module
            count -= 2 * (size - 16)  // timing patterns between the separators
            let centers = alignmentCenters(version: version).count
            if centers > 0 {
                let patterns = centers * centers - 3
                let crossingTiming = 2 * (centers - 2)
                count -= 25 * patterns - 5 * crossingTiming
            }
            if version >= 7 {
                count -= 2 * 18
            }
            return count
        }

        /// Row and column coordinates of alignment pattern centres (ISO/IEC 18004 Annex E).
        /// Every pairing gets a pattern except the three that would sit on a finder.
        static func alignmentCenters(version: Int) -> [Int] {
            alignmentTable[version - 1]
        }

        private static let alignmentTable: [[Int]] = [
            [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
            [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
            [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82],
            [6, 30, 58, 86], [6, 34, 62, 90],
            [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106],
            [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118],
            [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130],
            [6, 30, 56, 82, 108, 134], [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142],
            [6, 34, 62, 90, 118, 146],
            [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158],
            [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
        ]

        private func overlapsFinder(x: Int, y: Int) -> Bool {
            let last = size - 7
            return (x == 6 && y == 6) || (x == 6 && y == last) || (x == last && y == 6)
        }

        /// The 7×7 finder plus its one-module light separator, clipped at the symbol's edge.
        private mutating func drawFinder(centerX: Int, centerY: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = centerX + dx
                    let y = centerY + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let ring = max(abs(dx), abs(dy))
                    setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
                }
            }
        }

        private mutating func drawAlignment(centerX: Int, centerY: Int) {
            for dy in -2...2 {
                for dx in -2...2 {
                    setFunction(x: centerX + dx, y: centerY + dy, dark: max(abs(dx), abs(dy)) != 1)
                }
            }
        }

        /// Writes the 15 format bits twice: once around the top-left finder, and once split between
        /// the top-right and bottom-left finders, so that one smudge cannot erase both copies.
        private mutating func drawFormatBits(_ bits: Int) {
            for index in 0..<15 {
                let bit = (bits >> index) & 1 == 1
                // Around the top-left finder, skipping the timing patterns in row and column 6.
                switch index {
                case 0..<6: setFunction(x: 8, y: index, dark: bit)
                case 6: setFunction(x: 8, y: 7, dark: bit)
                case 7: setFunction(x: 8, y: 8, dark: bit)
                case 8: setFunction(x: 7, y: 8, dark: bit)
                default: setFunction(x: 14 - index, y: 8, dark: bit)
                }
                // Along row 8 under the top-right finder, then up column 8 beside the bottom-left one.
                if index < 8 {
                    setFunction(x: size - 1 - index, y: 8, dark: bit)
                } else {
                    setFunction(x: 8, y: size - 15 + index, dark: bit)
                }
            }
        }

        /// Writes the 18 version bits as two transposed 6×3 blocks beside the top-right and
        /// bottom-left finders; large symbols are read at an angle, so one copy may be unreadable.
        private mutating func drawVersionInformation(_ bits: Int) {
            for index in 0..<18 {
                let bit = (bits >> index) & 1 == 1
                let across = index / 3
                let along = size - 11 + index % 3
                setFunction(x: across, y: along, dark: bit)
                setFunction(x: along, y: across, dark: bit)
            }
        }

        private mutating func setFunction(x: Int, y: Int, dark isDark: Bool) {
            dark[y * size + x] = isDark
            isFunction[y * size + x] = true
        }
    }
}
