import Testing
@testable import NianbaoLayout

/// Lines of words when a unit alone is wider than the line (a damaged font's huge advance, or a
/// very narrow column): every unit is placed, none is lost or indexed past the end.
struct WordLinesTests {
    struct EveryCharacter: WordSegmenter {
        func wordBoundaries(in text: String) -> [Int] { Array(0...text.count) }
    }

    static func breaks(_ widths: [Double]) -> WordBreaks {
        let units = widths.enumerated().map { index, width in
            let cluster = PositionedCluster(text: "字", font: FontID(0), size: 16, glyphs: [], advance: width)
            return BreakableText.Unit(cluster: cluster, compressed: cluster, canBreakBefore: index > 0)
        }
        return WordBreaks(units: units, widths: widths, segmenter: EveryCharacter(), rules: BreakingRules(), title: false)
    }

    @Test(arguments: [[16.0, 16, 5000], [5000.0], [16.0, 5000, 16], [5000.0, 5000, 5000]])
    func unitsWiderThanTheLineEachStartALine(widths: [Double]) {
        let starts = WordLines.fill(Self.breaks(widths), width: 100)
        #expect(starts.allSatisfy { $0 > 0 && $0 < widths.count })
        #expect(starts == starts.sorted() && Set(starts).count == starts.count)
        for (index, width) in widths.enumerated().dropFirst() where width > 100 { #expect(starts.contains(index)) }
        _ = WordLines.balanced(Self.breaks(widths), width: 100)
    }
}

/// Keep-whole terms are found by comparing characters as Swift does (canonical equivalence), also
/// where the fast comparison of plain scalars does not apply.
@Suite struct TermOccurrenceTests {
    func find(_ term: String, in text: String) -> [Int] {
        let chars = Array(text)
        return WordBreaks.occurrences(of: WordBreaks.Term(term), in: chars, keys: chars.map(WordBreaks.ComparisonKey.init))
    }

    @Test func plainCharacters() {
        #expect(find("委员会", in: "区委员会和市委员会") == [1, 6])
        #expect(find("www", in: "see www.x.cn") == [4])
        #expect(find("委员会", in: "委员") == [])
    }

    @Test func canonicallyEquivalentCharacters() {
        // U+F900 is canonically the ideograph U+8C48; é precomposed is e with U+0301.
        #expect(find("\u{8C48}山", in: "在\u{F900}山") == [1])
        #expect(find("caf\u{E9}", in: "a cafe\u{301}") == [2])
        #expect(find("\u{F900}", in: "\u{8C48}") == [0])
    }
}
