import Foundation
import Synchronization

/// Where a paragraph should not break although the line-breaking rules (UAX #14, kinsoku) allow it
/// (clreq's 分离禁则 and an office's practice): a number and its unit or measure word (2022年,
/// 12月31日, 995件, 103.3879万元), a document number (国办公开办函〔2021〕30号), a phone number, a
/// quoted term of up to six characters (“一事一审”); and inside a URL or e-mail address, where a
/// line breaks after / . ? & = - _ (no hyphen added), inside a word of it only as a last resort. Each is a cost, not a ban: a line that
/// cannot be filled otherwise still breaks there (the breaker weighs it against stretching).
struct KeepTogether {
    /// Cost of starting a line at each unit beyond what the breaker counts; nil where the rules
    /// allow no break at all (inside an address, between other than its break characters).
    var extraCost: [Double?]

    /// Costs of breaking inside what should stay together: dearer than a line off the grid, cheaper
    /// than letter-spacing one.
    enum Cost {
        static let insideTogether = 60.0
        static let betweenNumbers = 40.0
        static let afterYear = 15.0
        static let beforeDocumentYear = 15.0
        static let insideAddress = 15.0
        /// Inside a URL's word (col1229847301, a hash): only where the line would be letter-spaced
        /// otherwise, which a URL that may break only at its slashes forces on the lines around it.
        static let insideAddressWord = 45.0
    }

    /// `units`: the paragraph's clusters' text, in order. `units`: the measure words after numbers.
    init(units: [String], rules: BreakingRules) {
        var extra: [Double?] = Array(repeating: 0, count: units.count)
        let measureWords = Set(rules.unitsAfterNumbers)
        let text = units.joined()
        guard text.unicodeScalars.contains(where: { ("0"..."9").contains($0) || ("０"..."９").contains($0) || $0 == "“" || $0 == "@" || $0 == "/" }) else {
            extraCost = extra
            return
        }
        // The unit each character offset falls in.
        var unitAt: [Int] = []
        for (index, unit) in units.enumerated() { unitAt += Array(repeating: index, count: unit.count) }
        unitAt.append(units.count)
        let ns = text as NSString
        func spans(_ pattern: NSRegularExpression) -> [Range<Int>] {
            pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { match in
                guard let range = Range(match.range, in: text) else { return nil }
                let start = text.distance(from: text.startIndex, to: range.lowerBound)
                return start..<(start + text[range].count)
            }
        }
        let chars = Array(text)
        for span in spans(Self.together(units: rules.unitsAfterNumbers)) {
            for offset in (span.lowerBound + 1)..<span.upperBound where unitAt[offset] != unitAt[offset - 1] {
                // A document number's issuing organ (国办公开办函) may go on the line before its
                // 〔2021〕30号 more easily than the number itself is broken.
                let beforeYear = chars[offset] == "〔" && chars[offset - 1] != "〔"
                // 2023年 / 12月31日 is a softer break than 12月 / 31日, itself softer than 12 / 月.
                let betweenNumbers = chars[offset].isASCIIDigitOrFullWidth && measureWords.contains(chars[offset - 1])
                let cost = beforeYear ? Cost.beforeDocumentYear : betweenNumbers ? (chars[offset - 1] == "年" ? Cost.afterYear : Cost.betweenNumbers)
                    : Cost.insideTogether
                extra[unitAt[offset]] = max(extra[unitAt[offset]] ?? 0, cost)
            }
        }
        for span in TextNormalizer.mayHoldAddress(text) ? spans(TextNormalizer.addresses) : [] {
            // Not inside the scheme (http://) nor between the slashes of //.
            let scheme = (span.lowerBound..<max(span.lowerBound, span.upperBound - 2)).first { chars[$0] == ":" && chars[$0 + 1] == "/" && chars[$0 + 2] == "/" }
            let firstBreak = scheme.map { $0 + 3 } ?? span.lowerBound + 1
            for offset in (span.lowerBound + 1)..<span.upperBound where unitAt[offset] != unitAt[offset - 1] {
                let separator = "/.?&=-_".contains(chars[offset - 1]) && chars[offset] != "/"
                // Three letters or digits at least on each side (never w / ww.).
                let alphanumeric = { (i: Int) in i >= span.lowerBound && i < span.upperBound && (chars[i].isLetter || chars[i].isNumber) }
                let inWord = (offset - 3..<offset + 3).allSatisfy(alphanumeric)
                extra[unitAt[offset]] = offset < firstBreak ? nil : separator ? Cost.insideAddress : inWord ? Cost.insideAddressWord : nil
            }
        }
        extraCost = extra
    }

    /// Numbers with their units (repeated: 2019年12月31日), document numbers, phone numbers and
    /// short quoted terms.
    static func together(units: String) -> NSRegularExpression {
        if let known = cache.withLock({ $0[units] }) { return known }
        let measure = units.isEmpty ? "年" : "[" + NSRegularExpression.escapedPattern(for: units) + "]"
        let digit = "[0-9０-９]"
        let pattern = [
            "(?:\(digit)[0-9０-９.,:：]*\\s?\(measure)+)+",                      // 2022年 12月31日 995件 103.3879万元
            "\\p{Han}{0,6}〔\(digit){4}〕\(digit)+号",                             // 国办公开办函〔2021〕30号
            "(?:[（(]?0\\d{2,3}[）)]?[-－—]?)?[0-9*]{7,8}(?:[-－]\\d{1,4})?|1[3-9]\\d{9}",   // 0570-3088888, 13800000000
            "“[^”“]{1,6}”",                                                      // “一事一审”
        ].joined(separator: "|")
        let expression = try! NSRegularExpression(pattern: pattern)
        cache.withLock { $0[units] = expression }
        return expression
    }

    private static let cache = Mutex<[String: NSRegularExpression]>([:])
}
