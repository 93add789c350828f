/// Reads a table cell as clerks type it, once, for the validator, the cross-checks, last year's
/// figures and the printed table: full-width digits (４８６), thousands separators in either comma
/// (1,486 / 1，486), a trailing measure word (486件), an amount's unit after a space (12.36 万元),
/// a minus sign of any width (-3, −3, －3), and the marks a table prints for "none" (—, /, 无).
package struct CellReader: Sendable {
    /// Printed as written and counted as 0.
    package var placeholders: Set<String>

    /// Marks real reports print in an empty cell; a template may add more.
    package static let standardPlaceholders: [String] = ["-", "－", "—", "——", "–", "/", "／", "无"]

    /// Measure words a count may carry (486件): dropped, as the table's column says what is counted.
    static let measureWords: Set<Character> = ["件", "条", "个", "项", "次", "人", "家", "份", "篇", "场", "户", "宗", "批"]

    /// A count has at most nine digits.
    static let maxDigits = 9

    package init(placeholders: [String] = CellReader.standardPlaceholders) {
        self.placeholders = Set(placeholders)
    }

    /// What a cell's text comes to.
    package enum Reading: Equatable, Sendable {
        case empty
        /// A mark for "none": printed as written, 0 in the checks.
        case placeholder(String)
        /// A count or a signed number, with its text in the table's form (1486, +3, -253).
        case number(Int, printed: String)
        /// An amount in the table's form: without its unit when the column label states it.
        case amount(printed: String)
        case text(String)
        case invalid(Message)

        /// The value the checks add up: 0 for an empty cell and a placeholder; nil for an amount,
        /// text or an invalid value.
        package var number: Int? {
            switch self {
            case .empty, .placeholder: 0
            case .number(let value, _): value
            case .amount, .text, .invalid: nil
            }
        }

        /// What the table prints; nil for an invalid value.
        package var printed: String? {
            switch self {
            case .empty: ""
            case .placeholder(let text), .text(let text): text
            case .number(_, let printed), .amount(let printed): printed
            case .invalid: nil
            }
        }
    }

    package func read(_ written: String, kind: CellKind, money: MoneyFormat = MoneyFormat()) -> Reading {
        let text = Self.ascii(written)
        if text.isEmpty { return .empty }
        if placeholders.contains(text) || placeholders.contains(written.trimmed) { return .placeholder(written.trimmed) }
        switch kind {
        case .text:
            return .text(written)
        case .count:
            return Self.count(text, signed: false, written: written)
        case .signed:
            return Self.count(text, signed: true, written: written)
        case .money:
            return money.read(text, written: written)
        }
    }

    /// Full-width digits and signs as ASCII, U+2212 as a hyphen-minus, spaces at the ends dropped.
    static func ascii(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0B, 0xFF0D, 0xFF0E, 0xFF0C: Unicode.Scalar(scalar.value - 0xFEE0)!
            case 0x2212: "-"
            default: scalar
            }
        })).trimmed
    }

    /// Digits with thousands separators (1,486 / 2,731,456) as plain digits; nil when the
    /// separators are not between groups of three.
    static func digits(_ text: Substring) -> Substring? {
        guard text.contains(",") else { return text }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return Substring(groups.joined())
    }

    private static func count(_ text: String, signed: Bool, written: String) -> Reading {
        var body = Substring(text)
        var sign = ""
        if signed, let first = body.first, first == "+" || first == "-" {
            sign = String(first)
            body = body.dropFirst()
        }
        if let last = body.last, measureWords.contains(last) { body = body.dropLast() }
        body = Substring(body.trimmed)
        let wrong = signed
            ? Message("\(written.trimmed.quoted) is not a whole number with an optional sign (+3, -253, 0)",
                      "\(written.trimmed.quoted) 不是整数（可带正负号，如 +3、-253、0）")
            : Message("\(written.trimmed.quoted) is not a count (a whole number, 0 or more)",
                      "\(written.trimmed.quoted) 不是数量（应为 0 或正整数）")
        guard let digits = digits(body), !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return .invalid(wrong) }
        if digits.count > 1, digits.first == "0" {
            let significant = digits.drop { $0 == "0" }
            let plain = significant.isEmpty ? "0" : String(significant)
            return .invalid(Message("\(written.trimmed.quoted) starts with a 0; write \(sign)\(plain)",
                                    "\(written.trimmed.quoted) 前面多了 0，应写作 \(sign)\(plain)"))
        }
        guard digits.count <= maxDigits, let value = Int(digits) else {
            return .invalid(Message("\(written.trimmed.quoted) is too large (at most 999999999)",
                                    "\(written.trimmed.quoted) 过大（最多 999999999）"))
        }
        return .number(sign == "-" ? -value : value, printed: sign + String(digits))
    }
}

extension StringProtocol {
    /// Without white space (ASCII or the ideographic space) at either end.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
