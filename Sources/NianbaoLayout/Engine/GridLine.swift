/// A line bound for the baseline grid, with its horizontal place in the text block.
struct GridLine {
    var line: ShapedLine
    /// Left edge of the paragraph relative to the block's left edge.
    var x: Double
    /// The font size the line is set in; decides where its baseline sits in the grid slot.
    var size: Double
    var role: LineRole
    var structure: [StructureRun] = []
}

/// Lines that go on consecutive grid slots: a paragraph, a heading, the title, the signature.
struct GridBlock {
    var lines: [GridLine]
    /// Empty grid lines before the block (dropped at the top of a page) and after it.
    var blankBefore = 0
    var blankAfter = 0
    /// May break across pages (leaving at least two lines on each side).
    var splittable = true
    var keepWithNext = false
    var bookmark: Bookmark?
    /// The same text one line shorter (punctuation at half width), asked for to avoid a widow or a
    /// page that ends short; nil when the text cannot give a line back.
    var tightened: (() -> Rebroken?)?
    /// The same text one line longer, asked for to fill a page that would end a line short; nil
    /// when that would letter-space it.
    var loosened: (() -> Rebroken?)?

    /// Lines broken again for the page's sake, and what that costs the paragraph's typography.
    struct Rebroken {
        var lines: [GridLine]
        var extraCost: Double
    }
}

extension LayoutSpec {
    /// Baseline of a line of `size` in grid slot `slot` (0-based from the block top): the em box is
    /// centred in the slot, with the ideographic em box's baseline at 0.88 em from its top.
    func baseline(slot: Int, size: Double) -> Double {
        blockTop + Double(slot) * linePitch + (linePitch - size) / 2 + 0.88 * size
    }
}
