import Synchronization

/// Where a title, heading, table label or issuing body may be broken, and how good each place is:
/// only between words (the segmenter's, never inside a keep-whole word or between a number and its
/// unit) and where a line may start (kinsoku). In a title the best places are after the agency's
/// name, after the year and before the title's fixed end; next, after an administrative part of
/// the name (县, 人民政府 …); other word boundaries cost more.
struct WordBreaks {
    /// Width of each unit on the line.
    var widths: [Double]
    /// Characters in each unit (a unit is a cluster: a character, or one with its combining marks).
    var characters: [Int]
    /// Cost of starting a line at unit i (nil: not there); index 0 is never used.
    var cost: [Double?]
    /// Where a line may start at all (Pango's line breaking), for a word too wide for the line.
    var fallback: [Bool]

    var count: Int { widths.count }

    /// Costs of the places a title breaks at.
    enum Cost {
        static let best = 0.0
        static let administrativePart = 1.0
        static let insideTitleEnd = 2.0
        static let otherWord = 3.0
    }

    init(units: [BreakableText.Unit], widths: [Double], segmenter: WordSegmenter, rules: BreakingRules, title: Bool) {
        self.widths = widths
        characters = units.map(\.cluster.text.count)
        fallback = units.enumerated().map { $0.offset > 0 && $0.element.canBreakBefore }
        let chars = Array(units.map(\.cluster.text).joined())
        let boundaries = Self.boundaries(chars, segmenter: segmenter, rules: rules)
        let structure = title ? TitleStructure(chars, rules: rules, boundaries: boundaries) : nil
        var cost: [Double?] = Array(repeating: nil, count: units.count)
        var offset = 0
        for i in units.indices {
            // After a slash or hyphen of a code (11310000MB2F0346X1/2024-00018), which UAX #14 keeps
            // together with the digits after it, a label may break too.
            let afterSeparator = offset > 0 && offset < chars.count && "/-_".contains(chars[offset - 1]) && chars[offset].isASCII
            if i > 0, fallback[i] || afterSeparator, boundaries.contains(offset) || afterSeparator {
                cost[i] = structure?.cost(at: offset) ?? Cost.administrativePart
            }
            offset += characters[i]
        }
        self.cost = cost
    }

    /// The word boundaries a line may break at, as character offsets.
    static func boundaries(_ chars: [Character], segmenter: WordSegmenter, rules: BreakingRules) -> Set<Int> {
        var allowed = Set(segmenter.wordBoundaries(in: String(chars)))
        let keys = chars.map(ComparisonKey.init)
        for term in Term.list(rules.keepWhole) {
            for start in occurrences(of: term, in: chars, keys: keys) { allowed.subtract((start + 1)..<(start + term.count)) }
        }
        let units = Set(rules.unitsAfterNumbers)
        allowed = allowed.filter { o in !(o > 0 && o < chars.count && chars[o - 1].isASCIIDigitOrFullWidth && units.contains(chars[o])) }
        return allowed
    }

    /// Start offsets of `term` in `chars`, whose comparison keys (`keys`) are made once for many terms.
    static func occurrences(of term: Term, in chars: [Character], keys: [ComparisonKey]) -> [Int] {
        let word = term.characters, wordKeys = term.keys
        guard !word.isEmpty, word.count <= chars.count else { return [] }
        var found: [Int] = []
        for start in 0...(chars.count - word.count) {
            var j = 0
            while j < word.count {
                let offset = start + j
                let same = keys[offset].isPlain && wordKeys[j].isPlain ? keys[offset] == wordKeys[j] : chars[offset] == word[j]
                guard same else { break }
                j += 1
            }
            if j == word.count { found.append(start) }
        }
        return found
    }

    /// A word of the breaking rules as characters with their comparison keys, made once per process.
    struct Term {
        var characters: [Character]
        var keys: [ComparisonKey]
        var count: Int { characters.count }

        init(_ word: String) {
            characters = Array(word)
            keys = characters.map(ComparisonKey.init)
        }

        static func list(_ words: [String]) -> [Term] {
            if let known = made.withLock({ $0[words] }) { return known }
            let terms = words.map(Term.init)
            made.withLock { $0[words] = terms }
            return terms
        }

        private static let made = Mutex<[[String]: [Term]]>([:])
    }

    /// A character's only scalar when no other character is canonically equivalent to it (ASCII,
    /// CJK ideographs and punctuation, full-width forms), so that two such compare as numbers;
    /// otherwise `Character`'s own comparison is used (Swift's, which normalizes: slow).
    struct ComparisonKey: Equatable {
        var value: UInt32

        init(_ character: Character) {
            let scalars = character.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else { value = 0; return }
            switch scalar.value {
            case 0x01...0x7F, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFFEF: value = scalar.value
            default: value = 0
            }
        }

        var isPlain: Bool { value != 0 }
    }
}

/// A report title's parts: the agency's name, the year (2021年度), and the fixed end
/// (政府信息公开工作年度报告); a title without a year or an end is all agency.
struct TitleStructure {
    /// Where the year starts and ends, and where the fixed end starts and ends (character offsets).
    var year: Range<Int>?
    var end: Range<Int>?
    /// Offsets right after an administrative part of the agency's name.
    var administrative: Set<Int>

    init(_ chars: [Character], rules: BreakingRules, boundaries: Set<Int>) {
        year = Self.year(in: chars)
        let keys = chars.map(WordBreaks.ComparisonKey.init)
        end = WordBreaks.Term.list(rules.titleEnds).sorted { $0.count > $1.count }.lazy
            .compactMap { term in WordBreaks.occurrences(of: term, in: chars, keys: keys).first.map { $0..<($0 + term.count) } }.first
        let agencyEnd = year?.lowerBound ?? end?.lowerBound ?? chars.count
        var parts = Set<Int>()
        var bodies = Set<Int>()   // where a body of several characters (人民政府, 办公室 …) begins
        for part in WordBreaks.Term.list(rules.administrativeParts) {
            for start in WordBreaks.occurrences(of: part, in: chars, keys: keys) where start + part.count <= agencyEnd {
                parts.insert(start + part.count)
                if part.count > 1 { bodies.insert(start) }
            }
        }
        // Not between a unit and the body that follows it: 朝阳区人民政府, 委员会办公室 stay together.
        administrative = parts.intersection(boundaries).subtracting(bodies)
    }

    func cost(at offset: Int) -> Double {
        if offset == year?.lowerBound || offset == year?.upperBound || offset == end?.lowerBound { return WordBreaks.Cost.best }
        if let end, end.contains(offset) { return WordBreaks.Cost.insideTitleEnd }
        if administrative.contains(offset) { return WordBreaks.Cost.administrativePart }
        return WordBreaks.Cost.otherWord
    }

    /// The first four-digit year followed by 年 or 年度 (二〇二一年 in Chinese numerals too).
    static func year(in chars: [Character]) -> Range<Int>? {
        var i = 0
        while i < chars.count {
            var j = i
            while j < chars.count, chars[j].isASCIIDigitOrFullWidth || "〇一二三四五六七八九零".contains(chars[j]) { j += 1 }
            if j - i == 4, j < chars.count, chars[j] == "年" {
                let after = j + 1 < chars.count && chars[j + 1] == "度" ? j + 2 : j + 1
                return i..<after
            }
            i = max(j, i + 1)
        }
        return nil
    }
}

extension Character {
    /// 0–9 or ０–９.
    var isASCIIDigitOrFullWidth: Bool { ("0"..."9").contains(self) || ("０"..."９").contains(self) }
}
