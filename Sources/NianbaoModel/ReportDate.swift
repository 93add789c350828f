import Foundation

/// A calendar date as official documents write it: 2020年1月31日 (no leading zeros).
public struct ReportDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for dates that do not exist (2019-02-30) or lie outside 1949–2199.
    public init?(year: Int, month: Int, day: Int) {
        guard (1949...2199).contains(year), (1...12).contains(month),
              (1...ReportDate.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Accepts `2020-01-31`, `2020-1-31`, `2020/1/31` and `2020年1月31日`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var parts: [Substring]
        if trimmed.hasSuffix("日") {
            parts = trimmed.dropLast().split(whereSeparator: { $0 == "年" || $0 == "月" })
        } else {
            parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "/" })
        }
        guard parts.count == 3, parts[0].count == 4,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The GB/T 9704 form: Arabic digits, full year, no leading zeros.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// ISO 8601 at local midnight in China (UTC+8), as PDF metadata wants it.
    public var iso8601: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T00:00:00+08:00"
    }

    public var description: String { chinese }

    public static func < (a: ReportDate, b: ReportDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
