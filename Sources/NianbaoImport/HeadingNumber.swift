/// The number a heading starts with, as GB/T 9704 numbers them (一、 （一） 1. （1）) and as
/// offices also write them (1、 (一) 1．), with the level it stands for and the text after it.
struct HeadingNumber: Equatable {
    var level: Int
    /// The heading's text without its number.
    var text: String

    private static let chineseDigits: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零"]

    /// The number at the start of `text`, or nil when it starts with none (or the number is all there is).
    init?(_ text: String) {
        let chars = Array(text)
        guard !chars.isEmpty else { return nil }
        var i = 0
        func digits(_ isDigit: (Character) -> Bool) -> Int {
            let start = i
            while i < chars.count, isDigit(chars[i]) { i += 1 }
            return i - start
        }
        let isChinese = { (c: Character) in Self.chineseDigits.contains(c) }
        let isArabic = { (c: Character) in c.isASCII && c.isNumber || ("０"..."９").contains(c) }
        var level: Int?
        if "（(".contains(chars[0]) {
            i = 1
            if digits(isChinese) > 0, i < chars.count, "）)".contains(chars[i]) { level = 2; i += 1 }
            else if digits(isArabic) > 0, i < chars.count, "）)".contains(chars[i]) { level = 4; i += 1 }
        } else if digits(isChinese) > 0 {
            if i < chars.count, chars[i] == "、" { level = 1; i += 1 }
        } else if digits(isArabic) > 0, i + 1 < chars.count, "、.．".contains(chars[i]), !isArabic(chars[i + 1]) {   // 1. but not 1.5
            level = 3; i += 1
        }
        guard let level else { return nil }
        while i < chars.count, chars[i] == " " || chars[i] == "　" { i += 1 }
        guard i < chars.count else { return nil }
        self.level = level
        self.text = String(chars[i...])
    }
}
