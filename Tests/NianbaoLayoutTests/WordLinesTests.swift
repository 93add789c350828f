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
