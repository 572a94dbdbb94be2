extension QRCode {
    /// The Reed–Solomon code QR Code uses for error correction, over GF(2⁸) with the field
    /// polynomial x⁸ + x⁴ + x³ + x² + 1 and generator roots α⁰ … α^(degree−1).
    struct ReedSolomon {
        /// Generator polynomial coefficients, highest power first; the leading 1 is implied.
        private let generator: [UInt8]

        init(degree: Int) {
            precondition((1...255).contains(degree))
            // Multiply out (x − α⁰)(x − α¹)…; in characteristic 2, subtraction is addition.
            var polynomial: [UInt8] = [1]
            var root: UInt8 = 1
            for _ in 0..<degree {
                var product = polynomial + [0]
                for index in polynomial.indices {
                    product[index + 1] ^= Self.multiply(polynomial[index], root)
                }
                polynomial = product
                root = Self.multiply(root, 2)
            }
            generator = Array(polynomial.dropFirst())
        }

        /// The error correction codewords: the remainder of data · x^degree divided by the generator.
        func remainder(of data: some Collection<UInt8>) -> [UInt8] {
            var remainder = [UInt8](repeating: 0, count: generator.count)
            for codeword in data {
                let factor = codeword ^ remainder.removeFirst()
                remainder.append(0)
                for index in remainder.indices {
                    remainder[index] ^= Self.multiply(generator[index], factor)
                }
            }
            return remainder
        }

        /// Carry-less multiplication reduced by the field polynomial. Computed rather than
        /// looked up: symbols are small and made once per enrolment, so tables buy nothing.
        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            var a = a
            var b = b
            var product: UInt8 = 0
            while b != 0 {
                if b & 1 == 1 {
                    product ^= a
                }
                let overflows = a & 0x80 != 0
                a <<= 1
                if overflows {
                    a ^= 0x1D
                }
                b >>= 1
            }
            return product
        }
    }
}
