/// Draws a run of table rows (plus repeated header rows) at a place on a page: cell text and rules.
/// Rules are drawn per grid line, only where two different cells meet, so merged cells stay open.
struct TableFragment {
    /// Row indices in drawing order (header rows first on continuation pages).
    var rows: [Int]
    /// A continuation: its header rows repeat those of the first page, so they stay out of the
    /// structure tree (a screen reader reads the header once).
    var repeatsHeader = false

    func height(in table: MeasuredTable) -> Double {
        rows.map { table.rowHeights[$0] }.reduce(0, +)
    }

    func items(for table: MeasuredTable, left: Double, top: Double, spec: LayoutSpec) -> [PageItem] {
        var rowTop: [Double] = []
        var y = top
        for r in rows { rowTop.append(y); y += table.rowHeights[r] }
        let bottom = y
        let position = Dictionary(rows.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

        // Which cell covers each (fragment row, column).
        var owner = Array(repeating: Array(repeating: -1, count: table.model.columnCount), count: rows.count)
        var items: [PageItem] = []
        for (index, cell) in table.model.cells.enumerated() {
            let visible = cell.rows.compactMap { position[$0] }
            guard let first = visible.min(), let last = visible.max() else { continue }
            for i in visible { for c in cell.columns { owner[i][c] = index } }
            let frame = Rect(x: left + table.columnX[cell.column], y: rowTop[first],
                             width: table.columnX[cell.column + cell.colspan] - table.columnX[cell.column],
                             height: rowTop[last] + table.rowHeights[rows[last]] - rowTop[first])
            items += text(of: index, in: frame, table: table)
        }
        items += rules(owner: owner, rowTop: rowTop, bottom: bottom, left: left, table: table, spec: spec)
        return items
    }

    /// The cell's lines, centred vertically in its frame; vertical text tightens to fit a short frame.
    private func text(of index: Int, in frame: Rect, table: MeasuredTable) -> [PageItem] {
        let cell = table.model.cells[index]
        let lines = table.cellLines[index]
        let element = StructureElement(.table, block: table.block)
        let row = StructureElement(.row, block: table.block, part: cell.row)
        let leaf = StructureElement(cell.row < table.headerRowCount ? .headerCell : .cell, block: table.block, part: index)
        let tagged = !(repeatsHeader && cell.row < table.headerRowCount)
        guard !lines.isEmpty else { return tagged ? [.emptyElement([element, row, leaf])] : [] }
        let size = table.size
        let naturalPitch = table.linePitch(of: index)
        // Vertical text closes up in a short frame (a continuation), but its characters never overlap.
        let pitch = cell.vertical ? max(size, min(naturalPitch, (frame.height - 2 * table.padding) / Double(lines.count))) : naturalPitch
        // Numbers align at the units digit: right-aligned on the widest number of their column, centred.
        let numberWidth = cell.isData && MeasuredTable.isNumber(cell.text) ? table.numberWidths[ColumnSpan(cell)] : nil
        let blockHeight = pitch * Double(lines.count)
        var baseline = frame.y + (frame.height - blockHeight) / 2 + (pitch - size) / 2 + 0.88 * size
        var items: [PageItem] = []
        for line in lines {
            let x: Double
            switch cell.alignment {
            case .left where !cell.vertical: x = frame.x + table.sidePadding
            case _ where numberWidth != nil: x = frame.x + (frame.width + numberWidth!) / 2 - line.width
            default: x = frame.x + (frame.width - line.width) / 2
            }
            let structure = tagged ? [StructureRun(clusters: line.runs.reduce(0) { $0 + $1.clusters.count }, path: [element, row, leaf])] : []
            items.append(.text(PlacedLine(origin: Point(x: x, y: baseline), line: line, role: .tableCell, structure: structure)))
            baseline += pitch
        }
        return items
    }

    private func rules(owner: [[Int]], rowTop: [Double], bottom: Double, left: Double, table: MeasuredTable,
                       spec: LayoutSpec) -> [PageItem] {
        let thin = spec.spacing.tableRule
        let x = table.columnX.map { left + $0 }
        var segments: [Rule] = []
        // Horizontal rules between fragment rows, where the cells above and below differ.
        for i in 1..<max(rows.count, 1) {
            var start: Int?
            for c in 0...table.model.columnCount {
                let open = c < table.model.columnCount && owner[i - 1][c] != owner[i][c]
                if open, start == nil { start = c }
                if !open, let s = start {
                    segments.append(Rule(from: Point(x: x[s], y: rowTop[i]), to: Point(x: x[c], y: rowTop[i]), width: thin))
                    start = nil
                }
            }
        }
        // Vertical rules between columns, where the cells left and right differ.
        for c in 1..<table.model.columnCount {
            var start: Int?
            for i in 0...rows.count {
                let open = i < rows.count && owner[i][c - 1] != owner[i][c]
                if open, start == nil { start = i }
                if !open, let s = start {
                    let end = i < rows.count ? rowTop[i] : bottom
                    segments.append(Rule(from: Point(x: x[c], y: rowTop[s]), to: Point(x: x[c], y: end), width: thin))
                    start = nil
                }
            }
        }
        let frame = spec.spacing.tableFrame
        let top = rowTop.first ?? bottom
        let (l, r) = (x.first!, x.last!)
        segments += [
            Rule(from: Point(x: l, y: top), to: Point(x: r, y: top), width: frame),
            Rule(from: Point(x: l, y: bottom), to: Point(x: r, y: bottom), width: frame),
            Rule(from: Point(x: l, y: top), to: Point(x: l, y: bottom), width: frame),
            Rule(from: Point(x: r, y: top), to: Point(x: r, y: bottom), width: frame),
        ]
        return segments.map { .rule($0) }
    }
}
