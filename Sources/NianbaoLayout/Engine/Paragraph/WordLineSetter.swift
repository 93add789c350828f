/// Sets text that is broken by meaning rather than filled to the measure (a title, an issuing body,
/// a table label): shaped on one line, broken at word boundaries (`WordBreaks`), each line set at
/// its natural width for the caller to place.
struct WordLineSetter {
    let shaper: TextShaper
    let segmenter: WordSegmenter
    let rules: BreakingRules

    enum Shape {
        /// A report title or an issuing body: the best places and a trapezoid or diamond.
        case title
        /// As few lines as fit, of even length (a table label).
        case balanced
    }

    func lines(_ runs: [StyledRun], width: Double, shape: Shape) -> ShapedParagraph {
        let text = shaper.shapeForBreaking(runs)
        let units = text.units
        let widths = units.map(\.cluster.advance)
        guard widths.reduce(0, +) > width + 0.01 else {
            return ShapedParagraph(lines: units.isEmpty ? [] : [ShapedLine(clusters: units.map(\.cluster), x: 0)],
                                   missingCharacters: text.missingCharacters)
        }
        let breaks = WordBreaks(units: units, widths: widths, segmenter: segmenter, rules: rules, title: shape == .title)
        let starts = shape == .title ? WordLines.title(breaks, width: width) : WordLines.balanced(breaks, width: width)
        let bounds = [0] + starts + [units.count]
        let lines = (0..<(bounds.count - 1)).map { i in
            ShapedLine(clusters: trimmed(units[bounds[i]..<bounds[i + 1]]).map(\.cluster), x: 0)
        }
        return ShapedParagraph(lines: lines, missingCharacters: text.missingCharacters)
    }

    /// Without spaces at either end (a Latin space at a break is not set).
    private func trimmed(_ units: ArraySlice<BreakableText.Unit>) -> ArraySlice<BreakableText.Unit> {
        let isSpace = { (unit: BreakableText.Unit) in unit.cluster.text.unicodeScalars.allSatisfy(CharacterClass.isWhitespace) }
        var slice = units
        while let first = slice.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        return slice
    }
}
