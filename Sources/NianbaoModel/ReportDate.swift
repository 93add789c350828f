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

    /// A date in any of the forms offices write, or nil (see `read` for why not).
    public init?(parsing text: String) {
        guard case .date(let date) = Self.read(text) else { return nil }
        self = date
    }

    /// What a date as written comes to.
    public enum Reading: Sendable, Equatable {
        case date(ReportDate)
        /// Well formed, but no such day (2025-02-30) or outside 1949–2199.
        case doesNotExist(Message)
        /// Not a date in any accepted form.
        case malformed
    }

    /// The forms accepted, for messages.
    public static let forms = "2025-01-20, 2025年1月20日, 2025/1/20, 2025.1.20, 二〇二五年一月二十日"

    /// Reads `2025-01-20`, `2025-1-20`, `2025/1/20`, `2025.1.20`, `2025年1月20日` (digits full width
    /// or not, spaces between the parts) and `二〇二五年一月二十日`.
    public static func read(_ text: String) -> Reading {
        let written = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { scalar -> Character in
            // Full-width digits and separators as their ASCII forms.
            (0xFF10...0xFF19).contains(scalar.value) || [0xFF0D, 0xFF0F, 0xFF0E].contains(scalar.value)
                ? Character(Unicode.Scalar(scalar.value - 0xFEE0)!) : Character(scalar)
        })
        var parts: [String]
        if written.hasSuffix("日") || written.hasSuffix("号") {
            let body = written.dropLast()
            guard let year = body.firstIndex(of: "年"), let month = body[year...].firstIndex(of: "月") else { return .malformed }
            parts = [String(body[..<year]), String(body[body.index(after: year)..<month]), String(body[body.index(after: month)...])]
        } else {
            let separator = written.first { "-/.".contains($0) }
            guard let separator, written.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == separator) }) else { return .malformed }
            parts = written.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return .malformed }
        let numbers: [Int]
        if parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) {
            guard parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 else { return .malformed }
            numbers = parts.map { Int($0)! }
        } else {
            guard let year = chineseYear(parts[0]), let month = chineseNumber(parts[1]), let day = chineseNumber(parts[2]) else {
                return .malformed
            }
            numbers = [year, month, day]
        }
        let (y, m, d) = (numbers[0], numbers[1], numbers[2])
        if let date = ReportDate(year: y, month: m, day: d) { return .date(date) }
        if !(1949...2199).contains(y) {
            return .doesNotExist(Message("the year \(y) lies outside 1949–2199", "年份 \(y) 不在 1949—2199 年之间"))
        }
        if !(1...12).contains(m) { return .doesNotExist(Message("there is no month \(m)", "没有 \(m) 月")) }
        let days = days(inMonth: m, year: y)
        return .doesNotExist(Message("\(y)-\(m) has \(days) days", "\(y)年\(m)月只有 \(days) 天"))
    }

    private static let chineseDigits: [Character: Int] = ["〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                                                           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// 二〇二五: four digits read one by one.
    private static func chineseYear(_ text: String) -> Int? {
        guard text.count == 4 else { return nil }
        return text.reduce(0) { total, character in chineseDigits[character].map { total * 10 + $0 } ?? -100_000 }.nonNegative
    }

    /// 一 … 九, 十, 十一 … 十九, 二十 … 三十一.
    private static func chineseNumber(_ text: String) -> Int? {
        let characters = Array(text)
        switch characters.count {
        case 1: return characters[0] == "十" ? 10 : chineseDigits[characters[0]].flatMap { $0 > 0 ? $0 : nil }
        case 2 where characters[0] == "十": return chineseDigits[characters[1]].flatMap { $0 > 0 ? 10 + $0 : nil }
        case 2 where characters[1] == "十": return chineseDigits[characters[0]].flatMap { $0 > 1 ? 10 * $0 : nil }
        case 3 where characters[1] == "十":
            guard let tens = chineseDigits[characters[0]], tens > 1, let units = chineseDigits[characters[2]], units > 0 else { return nil }
            return 10 * tens + units
        default: return nil
        }
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

    package static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Int {
    fileprivate var nonNegative: Int? { self >= 0 ? self : nil }
}
