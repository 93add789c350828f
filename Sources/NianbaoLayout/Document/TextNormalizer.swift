import Foundation

/// Makes typed Chinese text typographically right: ASCII punctuation inside Chinese becomes full width,
/// stray spaces next to Chinese characters go; URLs, e-mail addresses and numbers are left alone.
public enum TextNormalizer {
    static let fullWidth: [Character: Character] = [
        ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！",
    ]

    /// URLs (with a scheme or starting www.) and e-mail addresses (masked ones, ab***@qq.com, too).
    static let addressPattern =
        #"(?:https?|ftp)://[A-Za-z0-9\-._~/?#\[\]@!$&'*+,;=%:]+[A-Za-z0-9/_#=\-]|www\.[A-Za-z0-9\-._~/?#@!$&'*+,;=%]+[A-Za-z0-9/]|[A-Za-z0-9*._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"#
    static let addresses = try! NSRegularExpression(pattern: addressPattern)

    /// Matches what must stay as typed: URLs, e-mail addresses, and numbers with separators (1,000 3.5 12:30).
    static let protected = try! NSRegularExpression(pattern: addressPattern + #"|\d+(?:[,.:]\d+)+"#)

    public static func normalize(_ text: String) -> String {
        isAlreadyNormal(text) ? text : normalizeFully(text)
    }

    static func normalizeFully(_ text: String) -> String {
        let collapsed = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        let ns = collapsed as NSString
        var out = ""
        var cursor = 0
        for match in protected.matches(in: collapsed, range: NSRange(location: 0, length: ns.length)) {
            out += convert(ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor)))
            out += ns.substring(with: match.range)
            cursor = match.range.location + match.range.length
        }
        out += convert(ns.substring(from: cursor))
        return removeSpacesNextToWide(out)
    }

    /// Most text comes with full-width marks already: no ASCII mark or white space to convert, no
    /// line separator, nothing to trim. Such text is returned as it is, without the scans below.
    static func isAlreadyNormal(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace else { return text.isEmpty }
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", ",", ":", ";", "(", ")", "?", "!": return false
            default: continue
            }
        }
        return true
    }

    /// Converts ASCII marks unless they sit between two ASCII letters or digits (an English phrase).
    static func convert(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            guard let wide = fullWidth[c] else { out.append(c); continue }
            let before = i > 0 ? chars[i - 1] : nil
            let after = i + 1 < chars.count ? chars[i + 1] : nil
            let latinBothSides = (before.map(isLatin) ?? false) && (after.map { $0 == " " || isLatin($0) } ?? false)
                && c != "(" && c != ")"
            out.append(latinBothSides ? c : wide)
        }
        return out
    }

    static func isLatin(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// Spaces (ASCII or several) touching a Chinese character or full-width mark are dropped.
    static func removeSpacesNextToWide(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == " " {
                var j = i
                while j < chars.count && chars[j] == " " { j += 1 }
                let before = i > 0 ? chars[i - 1] : nil
                let after = j < chars.count ? chars[j] : nil
                if !(before.map(CharacterClass.isWide) ?? true) && !(after.map(CharacterClass.isWide) ?? true) { out.append(" ") }
                i = j
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}
