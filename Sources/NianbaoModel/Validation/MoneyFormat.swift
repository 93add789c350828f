/// How an amount of money must be written, as the table's column label states it:
/// 采购总金额 (unit written with the value: 71850元), 本年收费金额（单位：万元）, or
/// 采购总金额（万元，保留四位小数） (unit 万元, exactly four decimals: 103.3879). A zero needs no unit.
package struct MoneyFormat: Equatable, Sendable {
    /// 元 or 万元 when the label names it.
    var unit: String?
    /// Decimals the label requires, if it says.
    var decimals: Int?

    init(unit: String? = nil, decimals: Int? = nil) {
        self.unit = unit
        self.decimals = decimals
    }

    package init(label: String) {
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

    /// `text` (digits already ASCII) as an amount in the table's form: the number without
    /// thousands separators, with its unit unless the column label states it.
    func read(_ text: String, written: String) -> CellReader.Reading {
        var number = Substring(text)
        var writtenUnit: String?
        for suffix in ["万元", "元"] where number.hasSuffix(suffix) {
            writtenUnit = suffix
            number = Substring(number.dropLast(suffix.count).trimmed)
            break
        }
        let shown = written.trimmed.quoted
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = CellReader.digits(parts[0]),
              !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), whole.count <= 12,
              parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit)) else {
            return .invalid(Message("\(shown) is not an amount (e.g. 71850元 or 103.3879万元)",
                                    "\(shown) 不是金额（如 71850元 或 103.3879万元）"))
        }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        let plain = String(whole) + (fraction.isEmpty ? "" : "." + fraction)
        let isZero = whole.allSatisfy { $0 == "0" } && fraction.allSatisfy { $0 == "0" }
        switch (writtenUnit, unit) {
        case (nil, nil) where !isZero:
            return .invalid(Message("\(shown) needs its unit: write 元 or 万元 after the number, or name the unit in the column label",
                                    "\(shown) 缺少单位：在数字后写上 元 或 万元，或在栏目名称中注明单位"))
        case let (w?, u?) where w != u:
            return .invalid(Message("\(shown) is in \(w) but the column is in \(u)", "\(shown) 的单位是\(w)，但该栏以\(u)为单位"))
        default:
            break
        }
        if let effective = writtenUnit ?? unit, !isZero {
            if let decimals, fraction.count != decimals {
                return .invalid(Message("\(shown) has \(fraction.count) decimals; the column asks for \(decimals)",
                                        "\(shown) 有 \(fraction.count) 位小数，该栏要求 \(decimals) 位"))
            }
            let allowed = effective == "元" ? 2 : 6
            if decimals == nil, fraction.count > allowed {
                return .invalid(Message("\(shown) has \(fraction.count) decimals; an amount in \(effective) has at most \(allowed)",
                                        "\(shown) 有 \(fraction.count) 位小数，以\(effective)为单位最多 \(allowed) 位"))
            }
        }
        return .amount(printed: plain + (unit == nil ? writtenUnit ?? "" : ""))
    }
}
