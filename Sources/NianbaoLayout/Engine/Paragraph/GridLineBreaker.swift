/// Breaks a paragraph into lines on the character grid (28 cells of 156/28 mm) the way Chinese
/// typesetting does (W3C clreq), choosing the breaks of the whole paragraph at once:
///
/// - every Chinese character takes one cell; two marks side by side take 1.5 em (one blank half
///   goes), and a line that ends in a closing mark ends flush at the measure (its blank half goes);
/// - a line whose end cannot take the next character (a closing mark must not start a line) is
///   filled by moving a character down and spreading the slack between Chinese characters, at
///   most a quarter em a gap; squeezing single marks mid-line to take one more in is the last
///   resort, spread evenly over the line;
/// - numbers, Latin words, URLs and phone numbers keep their natural spacing; a number keeps its
///   unit, a document number and a short quoted term stay whole, and a URL breaks only after
///   / . ? & = - (`KeepTogether`), each unless nothing else fills the line;
/// - lines of Chinese text only keep exactly the grid's cells where they can, so the paragraph's
///   unavoidable adjustments go to lines that hold numbers or Latin, and a last line of one
///   character is avoided.
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
    /// Words a number keeps after it (from the layout's breaking rules).
    public var unitsAfterNumbers = BreakingRules().unitsAfterNumbers

    public init(measure: Double, cell: Double, size: Double, indent: Double) {
        self.measure = measure
        self.cell = cell
        self.size = size
        self.indent = indent
    }

    /// What each kind of adjustment costs a line; the paragraph's breaks minimise their sum.
    enum Cost {
        /// Per gap stretched by a whole em (squared): a quarter em costs 6.25.
        static let stretch = 100.0
        /// Per cell of a line's slack (squared): a line a character short costs 1, one five short 25,
        /// so that a line already off the grid is not made looser to spare the next ones.
        static let slack = 1.0
        /// The most a gap between Chinese characters stretches before the line counts as letter-spaced.
        static let maxStretch = 0.25
        static let letterSpaced = 1000.0
        /// A line that cannot be stretched (no Chinese character in it) and ends short: by less
        /// than a cell (a URL broken inside a word), and by more.
        static let unstretchable = 20.0
        static let ragged = 2000.0
        /// A single mark mid-line squeezed to take one more character in.
        static let squeeze = 30.0
        /// A line of Chinese text only that does not hold exactly the grid's cells: dearer than one
        /// squeeze in a paragraph's last line, which is not justified, cheaper than one in a full line.
        static let offGrid = 35.0
        /// A last line of one character (孤字).
        static let loneCharacter = 40.0
        /// Each line, when a paragraph is asked to give one back (for the page's sake).
        static let line = 1_000_000.0
    }

    /// Lines of `text`.
    public func lines(_ text: BreakableText) -> [ShapedLine] {
        lines(Prepared(text, breaker: self))
    }

    /// The same paragraph one line shorter, squeezing as few marks as that takes; nil when even
    /// squeezing every mark would not save a line.
    public func linesTakingBackOne(_ text: BreakableText) -> [ShapedLine]? {
        takingBackOne(Prepared(text, breaker: self))?.lines
    }

    /// Lines broken again for the page's sake, and what they cost beyond the paragraph's best.
    struct Rebroken {
        var lines: [ShapedLine]
        var extraCost: Double
    }

    func lines(_ prepared: Prepared) -> [ShapedLine] {
        set(prepared, prepared.normal)
    }

    /// The same paragraph one line longer, its lines as good as one more line allows; nil when
    /// that would letter-space a line (or the paragraph is too long to weigh so).
    public func linesGivingOneMore(_ text: BreakableText) -> [ShapedLine]? {
        givingOneMore(Prepared(text, breaker: self))?.lines
    }

    func givingOneMore(_ prepared: Prepared) -> Rebroken? {
        let normal = prepared.normal
        let target = normal.count + 1
        guard prepared.units.count <= 3_000, target > 1 else { return nil }
        // Least cost by lines: best[k][i] for the first i units on k lines.
        let count = prepared.units.count
        var best = Array(repeating: [Double](repeating: .infinity, count: count + 1), count: target + 1)
        var from = Array(repeating: [Int](repeating: -1, count: count + 1), count: target + 1)
        best[0][0] = 0
        for k in 0..<target {
            for start in 0..<count where best[k][start] < .infinity && (start == 0 || prepared.breakCost[start] != nil) {
                for (next, cost) in prepared.candidates(from: start) where best[k][start] + cost < best[k + 1][next] {
                    best[k + 1][next] = best[k][start] + cost
                    from[k + 1][next] = start
                }
            }
        }
        // Worth it only when the longer paragraph is about as good: at most one more line off the
        // grid or a few quarter-em gaps, never letter-spaced.
        let extra = best[target][count] - cost(of: normal, prepared)
        guard best[target][count] < Cost.letterSpaced, extra <= Cost.offGrid + 5 else { return nil }
        var bounds = [count]
        var at = count
        for k in stride(from: target, to: 0, by: -1) { at = from[k][at]; bounds.append(at) }
        bounds.reverse()
        return Rebroken(lines: set(prepared, (0..<target).map { line(prepared, from: bounds[$0], to: bounds[$0 + 1]) }), extraCost: extra)
    }

    func takingBackOne(_ prepared: Prepared) -> Rebroken? {
        let normal = prepared.normal
        let fewest = breaks(prepared, fewestLines: true)
        guard fewest.count < normal.count else { return nil }
        return Rebroken(lines: set(prepared, fewest), extraCost: cost(of: fewest, prepared) - cost(of: normal, prepared))
    }

    /// Widths and flags of a paragraph's units, worked out once for any number of breaks.
    struct Prepared {
        var units: [BreakableText.Unit]
        /// Widths on the grid: natural, and with the mark's blank half taken out.
        var natural: [Double]
        var compressed: [Double]
        /// A mark next to another mark: always at half width.
        var collapses: [Bool]
        /// A closing mark: at half width when it ends a line.
        var closesLine: [Bool]
        var isSpace: [Bool]
        var isWide: [Bool]
        /// Cost of starting a line at each unit; nil where no line may start.
        var breakCost: [Double?]
        /// Sums over units 0..<i, so that a line's measures take no pass over its units: widths
        /// with mandatory half widths taken, what squeezing the other marks saves, characters,
        /// units that are not wide, and stretchable gaps (between units j−1 and j, for j < i).
        var widthSums: [Double]
        var savingSums: [Double]
        var characterSums: [Int]
        var narrowSums: [Int]
        var gapSums: [Int]
        /// The lines that can start at each unit (`candidateNext`/`candidateCost` in the range
        /// `candidateRanges[start]`), worked out once: every way of breaking reads them.
        var candidateRanges: [Range<Int>] = []
        var candidateNext: [Int] = []
        var candidateCost: [Double] = []
        /// The paragraph's own breaks (least total cost).
        var normal: [Line] = []

        init(_ text: BreakableText, breaker: GridLineBreaker) {
            units = text.units
            natural = units.map { breaker.width(of: $0.cluster) }
            compressed = units.map { breaker.width(of: $0.compressed) }
            let units = self.units
            let leads = units.map(\.cluster.lead)
            collapses = units.indices.map { GridLineBreaker.collapses(leads, at: $0) }
            closesLine = leads.map { lead in lead.map { CharacterClass.isCompressible($0) && !CharacterClass.isOpening($0) } ?? false }
            isSpace = units.map { $0.cluster.text.unicodeScalars.allSatisfy(CharacterClass.isWhitespace) }
            isWide = units.map(\.cluster.isWide)
            let together = KeepTogether(units: units.map(\.cluster.text), rules: {
                var rules = BreakingRules()
                rules.unitsAfterNumbers = breaker.unitsAfterNumbers
                return rules
            }())
            breakCost = units.indices.map { i in
                let insideAddress = [KeepTogether.Cost.insideAddress, KeepTogether.Cost.insideAddressWord].contains(together.extraCost[i] ?? 0)
                guard i > 0, units[i].canBreakBefore || insideAddress else { return nil }
                return together.extraCost[i]
            }
            widthSums = [0]; savingSums = [0]; characterSums = [0]; narrowSums = [0]; gapSums = [0, 0]
            for i in units.indices {
                let half = collapses[i]
                widthSums.append(widthSums[i] + (half ? compressed[i] : natural[i]))
                savingSums.append(savingSums[i] + (!half && compressed[i] < natural[i] - 0.01 ? natural[i] - compressed[i] : 0))
                characterSums.append(characterSums[i] + units[i].cluster.text.count)
                narrowSums.append(narrowSums[i] + (isWide[i] ? 0 : 1))
                if i > 0 { gapSums.append(gapSums[i] + (isWide[i - 1] || isWide[i] ? 1 : 0)) }
            }
            breaker.tabulateCandidates(&self)
            normal = breaker.breaks(self, fewestLines: false)
        }

        func candidates(from start: Int) -> Zip2Sequence<ArraySlice<Int>, ArraySlice<Double>> {
            let range = candidateRanges[start]
            return zip(candidateNext[range], candidateCost[range])
        }
    }

    /// One line of the paragraph: its units, where the next line starts, and which single marks
    /// are squeezed to make it fit.
    struct Line {
        var start: Int
        /// End of the line's visible units (spaces at a break hang, unset).
        var last: Int
        var next: Int
        var squeezed: Set<Int>
    }

    /// The paragraph's lines of least total cost (Knuth and Plass's method on the grid's costs);
    /// with `fewestLines`, the fewest lines first, then the least cost.
    func breaks(_ prepared: Prepared, fewestLines: Bool) -> [Line] {
        let count = prepared.units.count
        guard count > 0 else { return [] }
        var best = [Double](repeating: .infinity, count: count + 1)
        var from = [Int](repeating: -1, count: count + 1)
        best[0] = 0
        for start in 0..<count where best[start] < .infinity && (start == 0 || prepared.breakCost[start] != nil) {
            var found = false
            for (next, cost) in prepared.candidates(from: start) {
                let total = best[start] + cost + (fewestLines ? Cost.line : 0)
                if total < best[next] { best[next] = total; from[next] = start }
                found = true
            }
            if !found {   // nothing fits (a word wider than the line): it goes alone, overflowing
                let next = ((start + 1)..<count).first { prepared.breakCost[$0] != nil } ?? count
                let total = best[start] + Cost.ragged * 10
                if total < best[next] { best[next] = total; from[next] = start }
            }
        }
        var starts: [Int] = []
        var at = count
        while at > 0 {
            starts.append(from[at])
            at = from[at]
        }
        let bounds = starts.reversed() + [count]
        return (0..<(bounds.count - 1)).map { line(prepared, from: bounds[$0], to: bounds[$0 + 1]) }
    }

    /// What the lines cost, as the breaks weigh them.
    private func cost(of lines: [Line], _ prepared: Prepared) -> Double {
        lines.reduce(0) { total, line in
            let available = measure - (line.start == 0 ? indent : 0)
            return total + cost(metrics(prepared, from: line.start, to: line.next), available: available,
                                isLast: line.next == prepared.units.count, startsParagraph: line.start == 0)
                + (line.next < prepared.units.count ? prepared.breakCost[line.next] ?? 0 : 0)
        }
    }

    /// The lines that can start at each unit where a line may start, each with where the next
    /// begins and what it costs, into `prepared`'s candidate table.
    fileprivate func tabulateCandidates(_ prepared: inout Prepared) {
        let count = prepared.units.count
        var ranges = [Range<Int>](repeating: 0..<0, count: count)
        var nexts: [Int] = [], costs: [Double] = []
        nexts.reserveCapacity(count * 8)
        costs.reserveCapacity(count * 8)
        for start in 0..<count where start == 0 || prepared.breakCost[start] != nil {
            let first = nexts.count
            let available = measure - (start == 0 ? indent : 0)
            var next = start + 1
            while next <= count {
                let metrics = self.metrics(prepared, from: start, to: next)
                if metrics.width - metrics.savings > available + 0.01 { break }
                if next == count || prepared.breakCost[next] != nil {
                    nexts.append(next)
                    costs.append(cost(metrics, available: available, isLast: next == count, startsParagraph: start == 0)
                                 + (next < count ? prepared.breakCost[next]! : 0))
                }
                next += 1
            }
            ranges[start] = first..<nexts.count
        }
        prepared.candidateRanges = ranges
        prepared.candidateNext = nexts
        prepared.candidateCost = costs
    }

    /// A line's width as set (mandatory half widths taken), what squeezing its other marks would
    /// save, its stretchable gaps, and whether it holds Chinese text only.
    struct Metrics {
        var width = 0.0
        var savings = 0.0
        var gaps = 0
        var characters = 0
        var allWide = true
        var last = 0
    }

    private func metrics(_ prepared: Prepared, from start: Int, to next: Int) -> Metrics {
        var m = Metrics()
        var last = next
        while last > start, prepared.isSpace[last - 1] { last -= 1 }   // spaces at a break hang
        m.last = last
        guard last > start else { return m }
        let end = last - 1   // the line's last unit: at half width if it is a closing mark
        let endHalf = prepared.collapses[end] || prepared.closesLine[end]
        m.width = prepared.widthSums[end] - prepared.widthSums[start] + (endHalf ? prepared.compressed[end] : prepared.natural[end])
        m.savings = prepared.savingSums[end] - prepared.savingSums[start]
        m.gaps = prepared.gapSums[last] - prepared.gapSums[start + 1]
        m.characters = prepared.characterSums[last] - prepared.characterSums[start]
        m.allWide = prepared.narrowSums[last] == prepared.narrowSums[start]
        return m
    }

    /// The marks of units start..<end that squeezing could set at half width.
    private func squeezable(_ prepared: Prepared, from start: Int, to end: Int) -> [Int] {
        (start..<end).filter { !prepared.collapses[$0] && prepared.compressed[$0] < prepared.natural[$0] - 0.01 }
    }

    private func cost(_ m: Metrics, available: Double, isLast: Bool, startsParagraph: Bool) -> Double {
        if isLast {
            return m.width > available + 0.01 ? squeezeCost(m, available: available)
                : (m.characters == 1 && !startsParagraph ? Cost.loneCharacter : 0)
        }
        var cost = 0.0
        if m.width > available + 0.01 {
            cost += squeezeCost(m, available: available)
        } else if !justifies {
            // A heading's lines stay ragged; the fuller the better.
            let slack = (available - m.width) / measure
            cost += Cost.stretch * slack * slack
        } else {
            let slack = available - m.width
            if slack > 0.01 {
                if m.gaps == 0 {
                    // A line of a URL alone ends where its characters do: a little short is fine.
                    let cells = slack / cell
                    cost += cells < 1 ? Cost.unstretchable + Cost.stretch * cells * cells : Cost.ragged
                } else {
                    let perGap = slack / Double(m.gaps) / cell
                    let cells = slack / cell
                    cost += perGap > Cost.maxStretch ? Cost.letterSpaced * (1 + perGap)
                        : Cost.stretch * perGap * perGap + Cost.slack * cells * cells
                }
            }
        }
        let indentCells = startsParagraph ? Int((indent / cell).rounded()) : 0
        if justifies && m.allWide && m.characters + indentCells != Int((measure / cell).rounded()) { cost += Cost.offGrid }
        return cost
    }

    /// Single marks squeezed to fit: each costs, as the last resort.
    private func squeezeCost(_ m: Metrics, available: Double) -> Double {
        Cost.squeeze * (squeezeCount(m, available: available).map(Double.init) ?? 100)
    }

    /// How many of the line's marks must be set at half width for it to fit (each saves half a cell).
    private func squeezeCount(_ m: Metrics, available: Double) -> Int? {
        let excess = m.width - available
        guard excess <= m.savings + 0.01 else { return nil }
        return max(0, Int((excess / (cell / 2) - 0.001).rounded(.up)))
    }

    private func line(_ prepared: Prepared, from start: Int, to next: Int) -> Line {
        let m = metrics(prepared, from: start, to: next)
        let available = measure - (start == 0 ? indent : 0)
        var squeezed = Set<Int>()
        if m.width > available + 0.01, let count = squeezeCount(m, available: available), count > 0 {
            // Spread over the line: the marks nearest to evenly spaced places.
            let candidates = squeezable(prepared, from: start, to: m.last - 1)
            for j in 0..<count { squeezed.insert(candidates[min(candidates.count - 1, (2 * j + 1) * candidates.count / (2 * count))]) }
            var k = 0
            while squeezed.count < count, k < candidates.count { squeezed.insert(candidates[k]); k += 1 }
        }
        return Line(start: start, last: m.last, next: next, squeezed: squeezed)
    }

    /// The lines set: mandatory and chosen half widths, wide glyphs centred in their cells, every
    /// line but the last stretched to the measure.
    private func set(_ prepared: Prepared, _ lines: [Line]) -> [ShapedLine] {
        lines.enumerated().map { index, line in
            var placed: [(cluster: PositionedCluster, offset: Double)] = []
            var pen = 0.0
            for i in line.start..<line.last {
                let half = prepared.collapses[i] || line.squeezed.contains(i) || (i == line.last - 1 && prepared.closesLine[i])
                let cluster = half ? prepared.units[i].compressed : prepared.units[i].cluster
                let width = half ? prepared.compressed[i] : prepared.natural[i]
                let centring = cluster.isWide ? (width - cluster.advance) / 2 : 0
                placed.append((cluster, pen + centring))
                pen += width
            }
            let shaped = ShapedLine(placing: placed, x: index == 0 ? indent : 0, width: pen)
            return justifies && line.next < prepared.units.count ? Justification.justify(shaped, to: measure) : shaped
        }
    }

    /// Whether the mark at `i` loses its blank half next to its neighbour (clreq: two marks side by
    /// side take 1.5 em): a closing mark before any punctuation, an opening mark after an opening one.
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
}
