extension QRCode {
    /// The eight data mask conditions of ISO/IEC 18004 Table 10, for column `x` and row `y`.
    /// Masking breaks up patterns in the data that a reader could mistake for finders or
    /// that leave large areas of one colour.
    static func maskCondition(_ mask: Int) -> (_ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: { x, y in (x + y) % 2 == 0 }
        case 1: { _, y in y % 2 == 0 }
        case 2: { x, _ in x % 3 == 0 }
        case 3: { x, y in (x + y) % 3 == 0 }
        case 4: { x, y in (y / 2 + x / 3) % 2 == 0 }
        case 5: { x, y in (x * y) % 2 + (x * y) % 3 == 0 }
        case 6: { x, y in ((x * y) % 2 + (x * y) % 3) % 2 == 0 }
        case 7: { x, y in ((x + y) % 2 + (x * y) % 3) % 2 == 0 }
        default: preconditionFailure("QR Code masks are numbered 0 through 7")
        }
    }
}

extension QRCode.ModuleGrid {
    /// The standard's penalty score (ISO/IEC 18004 7.8.3); lower means easier to read.
    func penalty() -> Int {
        var score = 0
        for index in 0..<size {
            let row = (0..<size).map { self[$0, index] }
            let column = (0..<size).map { self[index, $0] }
            score += Self.runPenalty(row) + Self.runPenalty(column)
            score += Self.finderLikePenalty(row) + Self.finderLikePenalty(column)
        }
        return score + blockPenalty() + balancePenalty()
    }

    /// Rule 1: five or more same-coloured modules in a line score 3, plus 1 per extra module.
    private static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        for (index, module) in line.enumerated() {
            runLength = index > 0 && line[index - 1] == module ? runLength + 1 : 1
            if runLength == 5 {
                score += 3
            } else if runLength > 5 {
                score += 1
            }
        }
        return score
    }

    /// Rule 2: every 2×2 square of one colour scores 3; overlapping squares each count.
    private func blockPenalty() -> Int {
        var score = 0
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let color = self[x, y]
                if self[x + 1, y] == color, self[x, y + 1] == color, self[x + 1, y + 1] == color {
                    score += 3
                }
            }
        }
        return score
    }

    /// Rule 3: dark-light-dark-dark-dark-light-dark with four light modules before or after it
    /// scores 40, since that is what a reader hunts for when locating finders. Beyond the edge
    /// counts as light because the quiet zone is; light on both sides still scores only once.
    private static func finderLikePenalty(_ line: [Bool]) -> Int {
        let finder = [true, false, true, true, true, false, true]
        let padded = Array(repeating: false, count: 4) + line + Array(repeating: false, count: 4)
        var score = 0
        for start in 4...(padded.count - 4 - finder.count) {
            guard padded[start..<start + finder.count].elementsEqual(finder) else { continue }
            let lightBefore = !padded[start - 4..<start].contains(true)
            let lightAfter = !padded[start + finder.count..<start + finder.count + 4].contains(true)
            if lightBefore || lightAfter {
                score += 40
            }
        }
        return score
    }

    /// Rule 4: 10 points for each full 5% step the share of dark modules strays from half.
    private func balancePenalty() -> Int {
        let darkCount = dark.count { $0 }
        let total = size * size
        return 10 * (abs(20 * darkCount - 10 * total) / total)
    }
}
