extension QRCode.BlockLayout {
    /// The final codeword sequence in placement order: the data and error correction
    /// codewords of every block, interleaved so that a burst of damage in one area of the
    /// symbol is spread over many blocks instead of overwhelming one.
    func codewords(encoding bytes: [UInt8]) -> [UInt8] {
        let data = dataCodewords(encoding: bytes)
        let reedSolomon = QRCode.ReedSolomon(degree: ecCodewordsPerBlock)

        var dataBlocks: [ArraySlice<UInt8>] = []
        var start = data.startIndex
        for block in 0..<blockCount {
            let length = shortBlockDataCodewords + (block < shortBlockCount ? 0 : 1)
            dataBlocks.append(data[start..<start + length])
            start += length
        }
        let ecBlocks = dataBlocks.map { reedSolomon.remainder(of: $0) }

        var result: [UInt8] = []
        result.reserveCapacity(totalCodewords)
        for column in 0...shortBlockDataCodewords {
            for block in dataBlocks where column < block.count {
                result.append(block[block.startIndex + column])
            }
        }
        for column in 0..<ecCodewordsPerBlock {
            for block in ecBlocks {
                result.append(block[column])
            }
        }
        return result
    }

    /// One byte-mode segment, terminated and padded to exactly `dataCodewords` codewords.
    func dataCodewords(encoding bytes: [UInt8]) -> [UInt8] {
        precondition(bytes.count <= byteCapacity, "the version was chosen to fit the data")
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: characterCountBits)
        for byte in bytes {
            bits.append(Int(byte), count: 8)
        }

        let capacity = dataCodewords * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)

        // The standard's pad codewords; alternating them avoids long uniform runs.
        var codewords = bits.bytes
        for index in 0..<(dataCodewords - codewords.count) {
            codewords.append(index.isMultiple(of: 2) ? 0xEC : 0x11)
        }
        return codewords
    }
}

/// Bits packed most significant first, as QR Code data streams are defined.
private struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count length: Int) {
        for shift in stride(from: length - 1, through: 0, by: -1) {
            if count.isMultiple(of: 8) {
                bytes.append(0)
            }
            if (value >> shift) & 1 == 1 {
                bytes[bytes.count - 1] |= 0x80 >> UInt8(count % 8)
            }
            count += 1
        }
    }
}
