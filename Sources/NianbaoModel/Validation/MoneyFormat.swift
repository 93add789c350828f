/// How an amount of money must be written, as the table's column label states it:
/// 采购总金额 (unit written with the value: 71850元), 本年收费金额（单位：万元）, or
/// 采购总金额（万元，保留四位小数） (unit 万元, exactly four decimals: 103.3879).
struct MoneyFormat: Equatable {
    /// 元 or 万元 when the label names it.
    var unit: String?
    /// Decimals the label requires, if it says.
    var decimals: Int?

    init(unit: String? = nil, decimals: Int? = nil) {
        self.unit = unit
        self.decimals = decimals
    }

    init(label: String) {
        unit = label.contains("万元") ? "万元" : label.contains("元") ? "元" : nil
        // "保留N位小数", read without a regular expression: this runs for every money cell.
        let characters = Array(label)
        for i in characters.indices.dropLast(5) where characters[i] == "保" && characters[i + 1] == "留"
            && String(characters[(i + 3)...(i + 5)]) == "位小数" {
            let digit = characters[i + 2]
            decimals = digit.wholeNumberValue.flatMap { (0...8).contains($0) ? $0 : nil }
                ?? ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8][digit]
        }
    }

    /// Nil when `value` is a valid amount in this format; else what is wrong, in words a clerk reads.
    func problem(with value: String) -> String? {
        var number = Substring(value)
        var written: String?
        for suffix in ["万元", "元"] where number.hasSuffix(suffix) {
            written = suffix
            number = number.dropLast(suffix.count)
            break
        }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              parts[0].count <= 12 else {
            return "\(value.quoted) is not an amount (e.g. 71850元 or 103.3879万元)"
        }
        let decimalsWritten = parts.count == 2 ? parts[1].count : 0
        switch (written, unit) {
        case (nil, nil):
            return "\(value.quoted) needs its unit: write 元 or 万元 after the number, or name the unit in the column label"
        case let (w?, u?) where w != u:
            return "\(value.quoted) is in \(w) but the column is in \(u)"
        default:
            break
        }
        let effectiveUnit = written ?? unit!
        if let decimals, decimalsWritten != decimals {
            return "\(value.quoted) has \(decimalsWritten) decimals; the column asks for \(decimals)"
        }
        let allowed = effectiveUnit == "元" ? 2 : 6
        if decimals == nil, decimalsWritten > allowed {
            return "\(value.quoted) has \(decimalsWritten) decimals; an amount in \(effectiveUnit) has at most \(allowed)"
        }
        return nil
    }
}
