/// PDF's token syntax (ISO 32000-1, 7.3): numbers, strings, names, dates.
enum PDFSyntax {
    /// A number with at most three decimals and no trailing zeros: deterministic and short.
    static func number(_ value: Double) -> String {
        let thousandths = (value * 1000).rounded()
        if thousandths == 0 { return "0" }
        let negative = thousandths < 0
        let magnitude = Int(abs(thousandths))
        var text = String(magnitude / 1000)
        var fraction = magnitude % 1000
        if fraction != 0 {
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let padded = String(fraction)
            text += "." + String(repeating: "0", count: digits - padded.count) + padded
        }
        return negative ? "-" + text : text
    }

    /// Any text as a UTF-16BE hex string with a byte order mark: no escaping needed.
    static func text(_ text: String) -> String {
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

    static func hex<T: BinaryInteger>(_ value: T, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
