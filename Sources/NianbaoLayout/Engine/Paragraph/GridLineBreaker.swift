/// Breaks a paragraph into lines on the character grid (28 cells of 156/28 mm), the way Chinese
/// typesetting does it: each Chinese character takes one cell; where a closing mark would have to
/// start the next line, the line takes it in by setting its punctuation at half width (推入) rather
/// than pushing a character down and stretching the line (推出); the rest of the slack goes between
/// Chinese characters, never inside numbers or Latin words.
public struct GridLineBreaker {
    /// Line length in points.
    public var measure: Double
    /// Width of one grid cell.
    public var cell: Double
    /// The font size a cell is made for; wide characters are scaled from it into a cell.
    public var size: Double
    /// First-line indent in points.
    public var indent: Double
    /// Lines other than the last are stretched to the measure; a heading's are not.
    public var justifies = true

    public init(measure: Double, cell: Double, size: Double, indent: Double) {
        self.measure = measure
        self.cell = cell
        self.size = size
        self.indent = indent
    }

    /// At most this many clusters are taken in at a line's end (a mark and its neighbour: "。”").
    static let maxPushIn = 2

    /// The same paragraph one line shorter, with as few marks set at half width as that takes (the
    /// last ones of the paragraph first); nil when even all of them would not save a line.
    public func linesTakingBackOne(_ text: BreakableText) -> [ShapedLine]? {
        linesTakingBackOne(Prepared(text, breaker: self))
    }

    func linesTakingBackOne(_ prepared: Prepared) -> [ShapedLine]? {
        let normal = lineCount(prepared)
        let marks = prepared.units.indices.filter { prepared.compressed[$0] < prepared.natural[$0] - 0.01 }
        guard let first = marks.first, lineCount(prepared, compressingFrom: first) < normal else { return nil }
        // Compressing from an earlier mark never adds a line: find the latest mark that still saves one.
        var (low, high) = (0, marks.count - 1)   // marks[low] saves a line
        while low < high {
            let mid = (low + high + 1) / 2
            if lineCount(prepared, compressingFrom: marks[mid]) < normal { low = mid } else { high = mid - 1 }
        }
        return lines(prepared, compressingFrom: marks[low])
    }

    /// Lines of `text`. Marks next to another mark are always set at half width (the blank halves of
    /// "》（" or "。”" would otherwise show as a gap).
    public func lines(_ text: BreakableText) -> [ShapedLine] {
        lines(Prepared(text, breaker: self))
    }

    /// Widths and flags of a paragraph's units, worked out once for any number of breaks.
    struct Prepared {
        var units: [BreakableText.Unit]
        var natural: [Double]
        var compressed: [Double]
        var collapses: [Bool]
        var isSpace: [Bool]

        init(_ text: BreakableText, breaker: GridLineBreaker) {
            units = text.units
            natural = units.map { breaker.width(of: $0.cluster) }
            compressed = units.map { breaker.width(of: $0.compressed) }
            let units = self.units
            let leads = units.map(\.cluster.lead)
            collapses = units.indices.map { GridLineBreaker.collapses(leads, at: $0) }
            isSpace = units.map { $0.cluster.text.unicodeScalars.allSatisfy(CharacterClass.isWhitespace) }
        }
    }

    /// From `compressingFrom` on, every mark is set at half width.
    func lines(_ prepared: Prepared, compressingFrom: Int? = nil) -> [ShapedLine] {
        let widths = Widths(prepared, compressingFrom: compressingFrom)
        var lines: [ShapedLine] = []
        for line in breaks(prepared, widths) {
            let shaped = setLine(prepared.units[line.start..<line.last], natural: widths.natural, compressed: prepared.compressed,
                                 halved: widths.halved, x: lines.isEmpty ? indent : 0, available: line.available)
            lines.append(justifies && line.breakAt < prepared.units.count ? Justification.justify(shaped, to: measure) : shaped)
        }
        return lines
    }

    /// How many lines `lines(prepared, compressingFrom:)` gives, without setting them.
    func lineCount(_ prepared: Prepared, compressingFrom: Int? = nil) -> Int {
        breaks(prepared, Widths(prepared, compressingFrom: compressingFrom)).count
    }

    /// The widths a break pass uses: marks from `compressingFrom` on, and marks that collapse, at half width.
    struct Widths {
        var halved: [Bool]
        var natural: [Double]

        init(_ prepared: Prepared, compressingFrom: Int?) {
            let from = compressingFrom ?? prepared.units.count
            halved = prepared.units.indices.map { $0 >= from || prepared.collapses[$0] }
            let halved = self.halved
            natural = prepared.units.indices.map { halved[$0] ? prepared.compressed[$0] : prepared.natural[$0] }
        }
    }

    /// Where each line starts, ends (before hanging spaces) and breaks, and the width it has.
    private func breaks(_ prepared: Prepared, _ widths: Widths) -> [(start: Int, last: Int, breakAt: Int, available: Double)] {
        let units = prepared.units
        let natural = widths.natural
        let compressed = prepared.compressed
        func sum(_ range: Range<Int>, _ widths: [Double]) -> Double { range.reduce(0) { $0 + widths[$1] } }
        func isSpace(_ i: Int) -> Bool { prepared.isSpace[i] }

        var lines: [(start: Int, last: Int, breakAt: Int, available: Double)] = []
        var start = 0
        while start < units.count {
            while start < units.count, isSpace(start) { start += 1 }
            guard start < units.count else { break }
            let available = measure - (lines.isEmpty ? indent : 0)
            var end = start
            var filled = 0.0
            while end < units.count, filled + natural[end] <= available + 0.01 {
                filled += natural[end]
                end += 1
            }
            var breakAt = units.count
            if end == start {   // a single cluster wider than the line: it goes alone
                breakAt = start + 1
            } else if end < units.count && !units[end].canBreakBefore {
                let pushOut = (start + 1...end).last { units[$0].canBreakBefore }
                let pushIn = (end + 1...min(units.count, end + GridLineBreaker.maxPushIn)).first {
                    $0 == units.count || units[$0].canBreakBefore
                }.flatMap { k in sum(start..<k, compressed) <= available + 0.01 ? k : nil }
                breakAt = pushIn ?? pushOut ?? max(end, start + 1)
            } else if end < units.count {
                breakAt = end
            }
            var last = breakAt
            while last > start, isSpace(last - 1) { last -= 1 }   // spaces at a line's end hang
            lines.append((start, last, breakAt, available))
            start = breakAt
        }
        return lines
    }

    /// Whether the mark at `i` loses its blank half next to its neighbour: a closing mark before
    /// any punctuation, an opening mark after an opening one.
    static func collapses(_ leads: [Unicode.Scalar?], at i: Int) -> Bool {
        guard let mark = leads[i], CharacterClass.isCompressible(mark) else { return false }
        if CharacterClass.isOpening(mark) {
            return i > 0 && leads[i - 1].map(CharacterClass.isOpening) == true
        }
        return i + 1 < leads.count && leads[i + 1].map(CharacterClass.isPunctuation) == true
    }

    /// A cluster's width on the grid: wide characters fill cells, others keep their own advance.
    func width(of cluster: PositionedCluster) -> Double {
        cluster.isWide ? cluster.advance * cell / size : cluster.advance
    }

    /// Places the units one after another, compressing punctuation from the line's end backwards
    /// only as far as needed to fit `available`; wide glyphs are centred in their cells.
    private func setLine(_ units: ArraySlice<BreakableText.Unit>, natural: [Double], compressed: [Double], halved: [Bool],
                         x: Double, available: Double) -> ShapedLine {
        var widths = units.indices.map { natural[$0] }
        var useCompressed = units.indices.map { halved[$0] }
        var excess = widths.reduce(0, +) - available
        for j in widths.indices.reversed() where excess > 0.01 {
            let saving = widths[j] - compressed[units.startIndex + j]
            if saving > 0.01 {
                widths[j] -= saving
                useCompressed[j] = true
                excess -= saving
            }
        }
        var placed: [(cluster: PositionedCluster, offset: Double)] = []
        var pen = 0.0
        for (j, unit) in units.enumerated() {
            let cluster = useCompressed[j] ? unit.compressed : unit.cluster
            let centring = cluster.isWide ? (widths[j] - cluster.advance) / 2 : 0
            placed.append((cluster, pen + centring))
            pen += widths[j]
        }
        return ShapedLine(placing: placed, x: x, width: pen)
    }
}
