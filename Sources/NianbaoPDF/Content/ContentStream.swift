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

    /// Numbers, each followed by a space, then the operator and a line break: `1 0 0 1 72 700 Tm`.
    mutating func append(_ numbers: Double..., operator name: StaticString) {
        write(numbers, operator: name)
        bytes.append(0x0A)
    }

    /// The same followed by a space, for several operators on one line.
    mutating func write(_ numbers: Double..., operator name: StaticString) {
        write(numbers, operator: name)
        bytes.append(0x20)
    }

    private mutating func write(_ numbers: [Double], operator name: StaticString) {
        for number in numbers {
            PDFSyntax.appendNumber(number, to: &bytes)
            bytes.append(0x20)
        }
        name.withUTF8Buffer { bytes += $0 }
    }

    /// A number without a line break (a TJ adjustment).
    mutating func write(_ number: Double) { PDFSyntax.appendNumber(number, to: &bytes) }

    /// A glyph code as a hex string: two bytes `<0A1F>` or one `<1F>`.
    mutating func writeCode(_ code: Int, twoBytes: Bool) {
        bytes.append(0x3C)
        if twoBytes { PDFSyntax.appendHex4(code, to: &bytes) } else { bytes += PDFSyntax.hex(code, digits: 2).utf8 }
        bytes.append(0x3E)
    }
}
