/// A page's content stream (ISO 32000-1, 8 and 9) as operators are appended.
struct ContentStream {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(16 * 1024) }

    mutating func append(_ operation: String) {
        bytes += operation.utf8
        bytes.append(0x0A)
    }

    /// Appends without a line break, for the pieces of a TJ array.
    mutating func write(_ piece: String) { bytes += piece.utf8 }

    private static let digits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// A two-byte glyph code as a hex string, `<0A1F>`.
    mutating func writeCode(_ code: Int) {
        let digits = Self.digits
        bytes += [0x3C, digits[code >> 12 & 15], digits[code >> 8 & 15], digits[code >> 4 & 15], digits[code & 15], 0x3E]
    }
}
