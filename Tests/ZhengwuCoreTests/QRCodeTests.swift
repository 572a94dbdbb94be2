import Testing
@testable import ZhengwuCore

@Suite("QR Code encoder")
struct QRCodeTests {
    // MARK: Version selection

    /// Byte capacities at the edges of ISO/IEC 18004 Table 7, including the jump from 8- to
    /// 16-bit character counts between versions 9 and 10.
    @Test(arguments: [
        (17, QRCode.ErrorCorrection.low, 1), (18, .low, 2),
        (14, .medium, 1), (15, .medium, 2),
        (11, .quartile, 1), (12, .quartile, 2),
        (7, .high, 1), (8, .high, 2),
        (230, .low, 9), (231, .low, 10),
        (2953, .low, 40), (2331, .medium, 40), (1663, .quartile, 40), (1273, .high, 40),
    ])
    func choosesTheSmallestVersionThatFits(byteCount: Int, level: QRCode.ErrorCorrection, version: Int) throws {
        let code = try QRCode(bytes: Array(repeating: 0x61, count: byteCount), errorCorrection: level)
        #expect(code.version == version)
        #expect(code.size == 4 * version + 17)
    }

    @Test(arguments: [(3000, QRCode.ErrorCorrection.low), (2954, .low), (2332, .medium), (1664, .quartile), (1274, .high)])
    func rejectsDataBeyondVersion40(byteCount: Int, level: QRCode.ErrorCorrection) {
        #expect(throws: QRCode.EncodingError.dataTooLong) {
            try QRCode(bytes: Array(repeating: 0x61, count: byteCount), errorCorrection: level)
        }
    }

    @Test func encodesTextAsUTF8() throws {
        let text = try QRCode(text: "政务 otpauth")
        let bytes = try QRCode(bytes: Array("政务 otpauth".utf8))
        #expect(rows(of: text) == rows(of: bytes))
    }

    // MARK: Codewords

    /// Byte mode indicator 0100, count 00000010, "H" "i", terminator, then the alternating pad codewords.
    @Test func packsTheByteModeSegment() {
        let layout = QRCode.BlockLayout(version: 1, errorCorrection: .medium)
        #expect(layout.dataCodewords(encoding: Array("Hi".utf8)) == [
            0x40, 0x24, 0x86, 0x90, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ])
    }

    /// The 1-M "HELLO WORLD" example worked through in the standard's annex and the usual tutorials.
    @Test func computesReedSolomonErrorCorrection() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(QRCode.ReedSolomon(degree: 10).remainder(of: data) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    /// α = 2 must generate the whole multiplicative group, which only holds if products are
    /// reduced by the QR Code's field polynomial.
    @Test func multipliesInTheQRField() {
        #expect(QRCode.ReedSolomon.multiply(0x80, 2) == 0x1D)
        var seen: Set<UInt8> = []
        var power: UInt8 = 1
        for _ in 0..<255 {
            seen.insert(power)
            power = QRCode.ReedSolomon.multiply(power, 2)
        }
        #expect(seen.count == 255)
        #expect(power == 1)
    }

    /// Version 5-Q has two blocks of 15 data codewords followed by two of 16; the last data
    /// column therefore comes only from the longer blocks.
    @Test func interleavesBlocksOfUnequalLength() {
        let layout = QRCode.BlockLayout(version: 5, errorCorrection: .quartile)
        #expect(layout.blockCount == 4)
        #expect(layout.shortBlockCount == 2)
        #expect(layout.shortBlockDataCodewords == 15)
        #expect(layout.dataCodewords == 62)

        let bytes = Array((0..<layout.byteCapacity).map { UInt8($0) })
        let data = layout.dataCodewords(encoding: bytes)
        let interleaved = layout.codewords(encoding: bytes)
        #expect(interleaved.count == layout.totalCodewords)
        #expect(Array(interleaved[0..<4]) == [data[0], data[15], data[30], data[46]])
        #expect(Array(interleaved[56..<62]) == [data[14], data[29], data[44], data[60], data[45], data[61]])

        let reedSolomon = QRCode.ReedSolomon(degree: 18)
        let firstECOfEachBlock = [data[0..<15], data[15..<30], data[30..<46], data[46..<62]].map {
            reedSolomon.remainder(of: $0)[0]
        }
        #expect(Array(interleaved[62..<66]) == firstECOfEachBlock)
    }

    /// Total codewords per version from ISO/IEC 18004 Table 1.
    @Test(arguments: [(1, 26), (2, 44), (6, 172), (7, 196), (10, 346), (14, 581), (40, 3706)])
    func countsTotalCodewords(version: Int, total: Int) {
        #expect(QRCode.BlockLayout(version: version, errorCorrection: .low).totalCodewords == total)
    }

    /// The closed-form module count must agree with the grid actually drawn, or placement
    /// would run out of room or leave codewords behind.
    @Test func countsDataModulesConsistentlyWithTheGrid() {
        for version in 1...40 {
            let grid = QRCode.ModuleGrid(version: version)
            let free = grid.isFunction.count { !$0 }
            #expect(QRCode.ModuleGrid.dataModuleCount(version: version) == free, "version \(version)")
            #expect([0, 3, 4, 7].contains(free % 8), "remainder bits of version \(version)")
        }
    }

    // MARK: Format and version information

    /// ISO/IEC 18004 Annex C, Table C.1: every level and mask after the XOR mask.
    @Test func computesFormatInformation() {
        let table: [(QRCode.ErrorCorrection, [Int])] = [
            (.low, [0b111011111000100, 0b111001011110011, 0b111110110101010, 0b111100010011101,
                    0b110011000101111, 0b110001100011000, 0b110110001000001, 0b110100101110110]),
            (.medium, [0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
                       0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000]),
            (.quartile, [0b011010101011111, 0b011000001101000, 0b011111100110001, 0b011101000000110,
                         0b010010010110100, 0b010000110000011, 0b010111011011010, 0b010101111101101]),
            (.high, [0b001011010001001, 0b001001110111110, 0b001110011100111, 0b001100111010000,
                     0b000011101100010, 0b000001001010101, 0b000110100001100, 0b000100000111011]),
        ]
        for (level, expected) in table {
            for mask in 0..<8 {
                #expect(QRCode.formatInformation(errorCorrection: level, mask: mask) == expected[mask], "\(level) mask \(mask)")
            }
        }
    }

    /// ISO/IEC 18004 Annex D, Table D.1.
    @Test(arguments: [(7, 0x07C94), (8, 0x085BC), (10, 0x0A4D3), (21, 0x15683), (32, 0x209D5), (40, 0x28C69)])
    func computesVersionInformation(version: Int, expected: Int) {
        #expect(QRCode.versionInformation(version: version) == expected)
    }

    @Test(arguments: QRCode.ErrorCorrection.allCases)
    func writesBothFormatInformationCopies(level: QRCode.ErrorCorrection) throws {
        let code = try QRCode(text: "otpauth://totp/Zhengwu", errorCorrection: level)
        let expected = QRCode.formatInformation(errorCorrection: level, mask: code.mask)
        let n = code.size
        // Bit 14 first, in the order the standard's figure numbers them.
        let aroundTopLeft = (0..<6).map { (x: $0, y: 8) } + [(x: 7, y: 8), (x: 8, y: 8), (x: 8, y: 7)]
            + (0..<6).reversed().map { (x: 8, y: $0) }
        let split = (0..<7).map { (x: 8, y: n - 1 - $0) } + (0..<8).map { (x: n - 8 + $0, y: 8) }
        #expect(readBits(code, aroundTopLeft) == expected)
        #expect(readBits(code, split) == expected)
    }

    @Test func writesBothVersionInformationBlocks() throws {
        let code = try QRCode(bytes: Array(repeating: 0x61, count: 150), errorCorrection: .low)
        #expect(code.version == 7)
        let n = code.size
        // Bit 17 first: the block cells from the far end back to bit 0.
        let bottomLeft = (0..<18).reversed().map { (x: $0 / 3, y: n - 11 + $0 % 3) }
        let topRight = (0..<18).reversed().map { (x: n - 11 + $0 % 3, y: $0 / 3) }
        #expect(readBits(code, bottomLeft) == 0x07C94)
        #expect(readBits(code, topRight) == 0x07C94)
    }

    // MARK: Function patterns

    @Test(arguments: [1, 7, 40])
    func drawsFindersInThreeCorners(version: Int) throws {
        let capacity = QRCode.BlockLayout(version: version, errorCorrection: .medium).byteCapacity
        let code = try QRCode(bytes: Array(repeating: 0x7A, count: capacity))
        #expect(code.version == version)
        let last = code.size - 7
        for (left, top) in [(0, 0), (last, 0), (0, last)] {
            #expect(hasFinder(code, left: left, top: top), "finder at \(left),\(top)")
        }
        #expect(!hasFinder(code, left: last, top: last))
    }

    @Test func drawsTimingPatternsAndTheDarkModule() throws {
        let code = try QRCode(text: "otpauth://totp/Zhengwu:someone?secret=JBSWY3DPEHPK3PXP&issuer=Zhengwu")
        for index in 8..<(code.size - 8) {
            #expect(code.isDark(x: index, y: 6) == index.isMultiple(of: 2))
            #expect(code.isDark(x: 6, y: index) == index.isMultiple(of: 2))
        }
        #expect(code.isDark(x: 8, y: code.size - 8))
    }

    @Test func treatsTheQuietZoneAsLight() throws {
        let code = try QRCode(text: "A")
        #expect(code.isDark(x: 0, y: 0))
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: -1))
        #expect(!code.isDark(x: code.size, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
    }

    // MARK: Whole symbol

    /// 1-M with mask 6, fourteen UTF-8 bytes filling the symbol exactly. Verified by decoding a
    /// rendering with zbarimg, and identical module for module, mask choice included, to libqrencode.
    @Test func matchesAVerifiedSymbol() throws {
        let code = try QRCode(text: "Zhengwu 政务")
        #expect(code.version == 1)
        #expect(code.mask == 6)
        #expect(rows(of: code) == [
            "#######.###.#.#######",
            "#.....#.##.#..#.....#",
            "#.###.#.###.#.#.###.#",
            "#.###.#...#...#.###.#",
            "#.###.#.#.###.#.###.#",
            "#.....#..####.#.....#",
            "#######.#.#.#.#######",
            ".........####........",
            "#..######.#.##..#.###",
            "###......#....#......",
            "...#..###.##..##.####",
            "...##...##.#.####.#.#",
            ".#######.###.#..##.#.",
            "........##..#.#####.#",
            "#######.#....##.###..",
            "#.....#.#####..#.##..",
            "#.###.#.#.#.###..#.#.",
            "#.###.#.##.#.#.#.....",
            "#.###.#..#...##.##.##",
            "#.....#....#.#.######",
            "#######.#..#..#.#....",
        ])
    }

    // MARK: SVG

    @Test func rendersOnePathOfMergedRuns() throws {
        let code = try QRCode(text: "Zhengwu 政务")
        let svg = code.svg(moduleSize: 5, quietZone: 4, title: "Scan me")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"145\" height=\"145\" viewBox=\"0 0 29 29\""))
        #expect(svg.hasSuffix("\"/></svg>"))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"qrcode-title\"><title id=\"qrcode-title\">Scan me</title>"))
        #expect(svg.contains("<rect width=\"29\" height=\"29\" fill=\"#fff\"/>"))
        #expect(svg.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7zM12 4h3v1h-3zM16 4h1v1h-1zM18 4h7v1h-7zM4 5h1v1h-1z"))
        #expect(svg.split(separator: "<path").count == 2)
        #expect(!svg.contains("style"))

        let runs = rows(of: code).reduce(0) { total, row in
            total + row.split(separator: ".", omittingEmptySubsequences: true).count
        }
        #expect(svg.count { $0 == "M" } == runs)
    }

    @Test func escapesTheTitle() throws {
        let svg = try QRCode(text: "A").svg(title: #"<script>"Tom" & 'Jerry'</script>"#)
        #expect(svg.contains("<title id=\"qrcode-title\">&lt;script&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/script&gt;</title>"))
        #expect(!svg.contains("<script>"))
    }

    // MARK: Helpers

    private func rows(of code: QRCode) -> [String] {
        (0..<code.size).map { y in
            String((0..<code.size).map { x in code.isDark(x: x, y: y) ? "#" : "." })
        }
    }

    private func readBits(_ code: QRCode, _ positions: [(x: Int, y: Int)]) -> Int {
        positions.reduce(0) { bits, position in bits << 1 | (code.isDark(x: position.x, y: position.y) ? 1 : 0) }
    }

    /// The 7×7 finder with its light separator on the sides that face into the symbol.
    private func hasFinder(_ code: QRCode, left: Int, top: Int) -> Bool {
        for dy in -1...7 {
            for dx in -1...7 {
                let x = left + dx
                let y = top + dy
                guard (0..<code.size).contains(x), (0..<code.size).contains(y) else { continue }
                let ring = max(abs(dx - 3), abs(dy - 3))
                if code.isDark(x: x, y: y) != (ring != 2 && ring != 4) {
                    return false
                }
            }
        }
        return true
    }
}
