/// Section numbers as GB/T 9704 prescribes them: 一、 （一） 1. （1）.
public enum Numbering {
    /// The label of the `index`-th (1-based) section at `level` (1…4).
    public static func label(level: Int, index: Int) -> String {
        switch level {
        case 1: return chinese(index) + "、"
        case 2: return "（" + chinese(index) + "）"
        case 3: return "\(index)."
        default: return "（\(index)）"
        }
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
