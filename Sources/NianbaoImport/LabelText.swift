import NianbaoModel

/// How labels are compared with a template's: `key` for finding the row (no number, spaces or
/// punctuation: 三 、 本 年 度 办 理 结 果 and （三）不予公开 match 本年度办理结果 and 不予公开),
/// `display` for whether a label override is needed (spaces gone, ASCII punctuation at full width,
/// as the renderer sets it).
enum LabelText {
    static func key(_ text: String) -> String {
        let closed = String(text.filter { !$0.isWhitespace })
        let body = HeadingNumber(closed)?.text ?? closed
        return String(body.filter { $0.isLetter || $0.isNumber })
    }

    static func display(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace }.map { character -> Character in
            switch character {
            case "(": "（"
            case ")": "）"
            case ":": "："
            case ",": "，"
            case ";": "；"
            case "?": "？"
            case "!": "！"
            default: character
            }
        })
    }

    /// Dice's coefficient over adjacent character pairs of two keys.
    static func similarity(_ a: String, _ b: String) -> Double {
        func pairs(_ text: String) -> [String: Int] {
            let chars = Array(text)
            guard chars.count > 1 else { return [text: 1] }
            return chars.indices.dropLast().reduce(into: [:]) { $0[String(chars[$1...$1 + 1]), default: 0] += 1 }
        }
        let x = pairs(a), y = pairs(b)
        let shared = x.reduce(0) { $0 + min($1.value, y[$1.key] ?? 0) }
        let total = x.values.reduce(0, +) + y.values.reduce(0, +)
        return total == 0 ? 0 : 2 * Double(shared) / Double(total)
    }

    /// A cell that holds a value rather than a label: a number (signed, with separators, a unit or
    /// 元 after it) or a placeholder for none.
    static func isValue(_ text: String) -> Bool {
        let text = text.filter { !$0.isWhitespace }
        if ["-", "－", "—", "——", "–", "/", "／", "无"].contains(text) { return true }
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, "+-−－".unicodeScalars.contains(first) { scalars = scalars.dropFirst() }
        guard let first = scalars.first, first.properties.numericType == .decimal else { return false }
        let digits = scalars.prefix { $0.properties.numericType == .decimal || ",.，．".unicodeScalars.contains($0) }
        let rest = String(String.UnicodeScalarView(scalars.dropFirst(digits.count)))
        return ["", "元", "万元", "亿元", "%", "％", "件", "个", "条", "项", "次", "人", "家"].contains(rest)
    }
}
