import Foundation

/// Makes typed Chinese text typographically right: ASCII punctuation inside Chinese becomes full width,
/// stray spaces next to Chinese characters go; URLs, e-mail addresses and numbers are left alone.
public enum TextNormalizer {
    /// URLs (with a scheme or starting www.) and e-mail addresses (masked ones, ab***@qq.com, too).
    static let addressPattern =
        #"(?:https?|ftp)://[A-Za-z0-9\-._~/?#\[\]@!$&'*+,;=%:]+[A-Za-z0-9/_#=\-]|www\.[A-Za-z0-9\-._~/?#@!$&'*+,;=%]+[A-Za-z0-9/]|[A-Za-z0-9*._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"#
    static let addresses = try! NSRegularExpression(pattern: addressPattern)

    /// Whether `text` holds what every address has (@, :// or www.): the address pattern, slow
    /// through NSString, runs only then.
    static func mayHoldAddress(_ text: String) -> Bool {
        let bytes = text.utf8
        var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for byte in bytes {
            if byte == UInt8(ascii: "@") { return true }
            if byte == UInt8(ascii: "/"), previous.1 == UInt8(ascii: ":"), previous.2 == UInt8(ascii: "/") { return true }
            if byte == UInt8(ascii: "."), previous == (UInt8(ascii: "w"), UInt8(ascii: "w"), UInt8(ascii: "w")) { return true }
            previous = (previous.1, previous.2, byte)
        }
        return false
    }

    /// Matches what must stay as typed: URLs, e-mail addresses, and numbers with separators (1,000 3.5 12:30).
    static let protected = try! NSRegularExpression(pattern: addressPattern + #"|\d+(?:[,.:]\d+)+"#)

    public static func normalize(_ text: String) -> String {
        let text = narrowingDigits(text)
        return isAlreadyNormal(text) ? text : normalizeFully(text)
    }

    /// Full-width digits (１,４８６, as IMEs type them) set as the text's other numbers are, in the
    /// Latin font: a wide digit takes a whole grid cell and spaces a number apart. A thousands
    /// separator between them stays a narrow comma ("1,486"), never 、 or ，.
    static func narrowingDigits(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) }) else { return text }
        var scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
            (0xFF10...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFF10 + 0x30)! : scalar
        }
        let isDigit = { (i: Int) in i >= 0 && i < scalars.count && ("0"..."9").contains(scalars[i]) }
        for i in scalars.indices where (scalars[i] == "，" || scalars[i] == ",") && isDigit(i - 1)
            && isDigit(i + 1) && isDigit(i + 2) && isDigit(i + 3) && !isDigit(i + 4) {
            scalars[i] = ","
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    static func normalizeFully(_ text: String) -> String {
        let collapsed = joiningLines(text)
        var out = String.UnicodeScalarView()
        var cursor = collapsed.startIndex
        if mayHoldProtectedText(collapsed) {
            let string = String(collapsed)
            let ns = string as NSString
            for match in protected.matches(in: string, range: NSRange(location: 0, length: ns.length)) {
                guard let range = Range(match.range, in: string) else { continue }
                let (lower, upper) = (range.lowerBound.samePosition(in: collapsed)!, range.upperBound.samePosition(in: collapsed)!)
                convert(collapsed[cursor..<lower], into: &out)
                out += collapsed[lower..<upper]
                cursor = upper
            }
        }
        convert(collapsed[cursor...], into: &out)
        return removeSpacesNextToWide(out)
    }

    /// Lines joined by one space (blank lines dropped), blanks and tabs trimmed from both ends.
    static func joiningLines(_ text: String) -> String.UnicodeScalarView {
        let isBlank = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        // Most text is one line, untrimmed: as it is.
        if !text.unicodeScalars.contains(where: isLineBreak), let first = text.unicodeScalars.first,
           let last = text.unicodeScalars.last, !isBlank(first), !isBlank(last) {
            return text.unicodeScalars
        }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isLineBreak(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        guard let first = out.firstIndex(where: { !isBlank($0) }), let last = out.lastIndex(where: { !isBlank($0) }) else {
            return String.UnicodeScalarView()
        }
        return String.UnicodeScalarView(out[first...last])
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    /// Whether the text could hold an address or a number with separators: the regular expression,
    /// slow through NSString, runs only then.
    static func mayHoldProtectedText(_ text: String.UnicodeScalarView) -> Bool {
        var digitThenSeparator = false   // the two scalars before: a digit, then , or .
        var previousIsDigit = false
        for scalar in text {
            let isDigit = ("0"..."9").contains(scalar)
            switch scalar {
            case "@", ":", "w": return true
            case _ where isDigit && digitThenSeparator: return true
            default: break
            }
            digitThenSeparator = previousIsDigit && (scalar == "," || scalar == ".")
            previousIsDigit = isDigit
        }
        return false
    }

    /// Most text comes with full-width marks already: no ASCII mark or white space to convert, no
    /// line separator, nothing to trim. Such text is returned as it is, without the scans below.
    static func isAlreadyNormal(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace else { return text.isEmpty }
        return !text.unicodeScalars.contains { $0 == " " || $0 == "\t" || isLineBreak($0) || fullWidthScalar($0) != nil }
    }

    /// Converts ASCII marks unless they sit between two ASCII letters or digits (an English phrase).
    static func convert(_ text: Substring.UnicodeScalarView, into out: inout String.UnicodeScalarView) {
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            guard let wide = fullWidthScalar(c) else {
                // Up to the next ASCII mark, as it is.
                let end = text[next...].firstIndex { fullWidthScalar($0) != nil } ?? text.endIndex
                out.append(contentsOf: text[i..<end])
                i = end
                continue
            }
            let before = i > text.startIndex ? text[text.index(before: i)] : nil
            let after = next < text.endIndex ? text[next] : nil
            let latinBothSides = (before.map(isLatin) ?? false) && (after.map { $0 == " " || isLatin($0) } ?? false)
                && c != "(" && c != ")"
            out.append(latinBothSides ? c : wide)
            i = next
        }
    }

    static func fullWidthScalar(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case ",": "，"
        case ":": "："
        case ";": "；"
        case "(": "（"
        case ")": "）"
        case "?": "？"
        case "!": "！"
        default: nil
        }
    }

    static func isLatin(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: false
        }
    }

    /// Spaces (ASCII or several) touching a Chinese character or full-width mark are dropped.
    static func removeSpacesNextToWide(_ text: String.UnicodeScalarView) -> String {
        guard text.contains(" ") else { return String(text) }
        let scalars = Array(text)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == " " {
                var j = i
                while j < scalars.count && scalars[j] == " " { j += 1 }
                let before = i > 0 ? scalars[i - 1] : nil
                let after = j < scalars.count ? scalars[j] : nil
                if !(before.map(CharacterClass.isWide) ?? true) && !(after.map(CharacterClass.isWide) ?? true) { out.append(" ") }
                i = j
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}
