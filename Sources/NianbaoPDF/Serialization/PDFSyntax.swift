/// PDF's token syntax (ISO 32000-1, 7.3): numbers, strings, names, dates.
package enum PDFSyntax {
    /// A number with at most three decimals and no trailing zeros: deterministic and short.
    static func number(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `number(value)` straight into `bytes`: content streams hold thousands of numbers.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        let thousandths = (value * 1000).rounded()
        if thousandths == 0 { bytes.append(0x30); return }
        if thousandths < 0 { bytes.append(0x2D) }
        let magnitude = Int(abs(thousandths))
        appendInteger(magnitude / 1000, to: &bytes)
        var fraction = magnitude % 1000
        guard fraction != 0 else { return }
        bytes.append(0x2E)
        var digits = 3
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        var divisor = digits == 3 ? 100 : digits == 2 ? 10 : 1
        while divisor > 0 {
            bytes.append(0x30 + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendInteger(value / 10, to: &bytes) }
        bytes.append(0x30 + UInt8(value % 10))
    }

    /// Any text as a UTF-16BE hex string with a byte order mark: no escaping needed.
    package static func text(_ text: String) -> String {
        var result = "<FEFF"
        for unit in text.utf16 { result += hex(unit, digits: 4) }
        return result + ">"
    }

    /// An ASCII literal string, `(`…`)`, with the delimiters escaped.
    static func literal(_ text: String) -> String {
        var result = "("
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", ")", "\\": result += "\\" + String(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + ")"
    }

    /// `2020-01-31T00:00:00+08:00` → `D:20200131000000+08'00'`.
    static func date(_ iso: String) -> String {
        let digits = iso.prefix(19).filter(\.isNumber)
        let zone = iso.dropFirst(19)
        guard zone.count == 6 else { return "D:" + digits + "Z" }
        return "D:" + digits + zone.prefix(3) + "'" + zone.suffix(2) + "'"
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// `hex(value, digits: 4)` appended as bytes, for glyph codes in content streams and CMaps.
    static func appendHex4(_ value: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hexDigits[value >> shift & 15]) }
    }

    static func hex<T: BinaryInteger>(_ value: T, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
