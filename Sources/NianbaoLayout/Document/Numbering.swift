/// Section numbers as GB/T 9704 prescribes them: 一、 （一） 1. （1）.
import NianbaoModel

public enum Numbering {
    /// The label of the `index`-th (1-based) section at `level` (1…4).
    public static func label(level: Int, index: Int, level3: ReportStyle.Level3Numbers = .dot) -> String {
        switch level {
        case 1: return chinese(index) + "、"
        case 2: return "（" + chinese(index) + "）"
        case 3: return "\(index)" + (level3 == .dot ? "." : "、")
        default: return "（\(index)）"
        }
    }

    /// A title without the number it was written with ("一、主动公开…" → "主动公开…").
    public static func withoutNumber(_ title: String) -> String {
        guard let mark = title.firstIndex(of: "、"),
              title[..<mark].allSatisfy({ "〇一二三四五六七八九十".contains($0) }), mark != title.startIndex else { return title }
        return String(title[title.index(after: mark)...])
    }

    /// Chinese numerals as used in headings: 一 … 十, 十一 … 九十九; larger numbers in digits.
    public static func chinese(_ n: Int) -> String {
        let digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 1...9: return digits[n]
        case 10: return "十"
        case 11...19: return "十" + digits[n - 10]
        case 20...99: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        default: return String(n)
        }
    }
}
