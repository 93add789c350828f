/// A table with every cell's text shaped and every row's height known.
struct MeasuredTable {
    var model: TableModel
    /// Column boundaries relative to the block's left edge (columnCount + 1 values).
    var columnX: [Double]
    var rowHeights: [Double]
    /// Shaped lines and font size per cell, index-aligned with `model.cells`.
    var cellLines: [[ShapedLine]]
    var cellSizes: [Double]
    /// Characters of the cells that no font could draw.
    var missingCharacters: [Character] = []
    var lineSpacing: Double
    var padding: Double
    /// The document block the table is, for its structure elements.
    var block = 0

    var headerRowCount: Int { model.headerRowCount }
    var totalHeight: Double { rowHeights.reduce(0, +) }
    var headerHeight: Double { rowHeights.prefix(headerRowCount).reduce(0, +) }

    /// Sets the table at the largest size, from the table style's down to `tableMinSize` in half
    /// points, at which it fits in `maxHeight` (a table the page could hold is never split).
    static func fitting(_ model: TableModel, width: Double, maxHeight: Double, style: TextStyle,
                        spacing: LayoutSpec.Spacing, words: WordLineSetter) -> MeasuredTable {
        var size = style.size
        var table = MeasuredTable(model, width: width, style: style, spacing: spacing, words: words)
        while table.totalHeight > maxHeight && size - 0.5 >= spacing.tableMinSize {
            size -= 0.5
            table = MeasuredTable(model, width: width, style: style.with(size: size), spacing: spacing, words: words)
        }
        return table
    }

    /// Shapes every cell and finds row heights: a row is as tall as its tallest single-row cell; a
    /// spanning cell that needs more grows the rows it spans evenly. A cell whose longest unbreakable
    /// run (a number, an index code) is wider than the cell gets a smaller size, down to the minimum.
    init(_ model: TableModel, width: Double, style: TextStyle, spacing: LayoutSpec.Spacing, words: WordLineSetter) {
        let shaper = words.shaper
        self.model = model
        self.lineSpacing = spacing.tableLineSpacing
        self.padding = spacing.tableCellPadding
        let total = model.columnWeights.reduce(0, +)
        var x = [0.0]
        for weight in model.columnWeights { x.append(x.last! + width * weight / total) }
        columnX = x

        var lines: [[ShapedLine]] = []
        var sizes: [Double] = []
        var missing: [Character] = []
        for cell in model.cells {
            let inner = max(style.size, x[cell.column + cell.colspan] - x[cell.column] - 2 * spacing.tableCellPadding)
            if cell.vertical {
                let shaped = cell.text.map { shaper.shape(ShapeRequest(runs: [StyledRun(String($0), style)], width: nil)) }
                missing += shaped.flatMap(\.missingCharacters)
                lines.append(shaped.map { $0.lines[0] })
                sizes.append(style.size)
                continue
            }
            let cellStyle = MeasuredTable.fittingStyle(cell.text, style: style, width: inner, minimum: spacing.tableMinSize, shaper: shaper)
            let shaped = cell.text.isEmpty ? nil : words.lines([StyledRun(cell.text, cellStyle)], width: inner, shape: .balanced)
            missing += shaped?.missingCharacters ?? []
            lines.append(shaped?.lines ?? [])
            sizes.append(cellStyle.size)
        }
        cellLines = lines
        cellSizes = sizes
        missingCharacters = missing
        rowHeights = []

        var heights = Array(repeating: style.size * lineSpacing + 2 * padding, count: model.rowCount)
        let order = model.cells.indices.sorted { model.cells[$0].rowspan < model.cells[$1].rowspan }
        for i in order {
            let cell = model.cells[i]
            let need = Double(lines[i].count) * linePitch(of: i) + 2 * padding
            let have = cell.rows.map { heights[$0] }.reduce(0, +)
            if need > have {
                for r in cell.rows { heights[r] += (need - have) / Double(cell.rowspan) }
            }
        }
        rowHeights = heights
    }

    /// Distance between baselines in cell `index`; vertical text stacks its characters closer.
    func linePitch(of index: Int) -> Double {
        cellSizes[index] * (model.cells[index].vertical ? 1.2 : lineSpacing)
    }

    /// The style a cell's text is set in: the table's, unless the text would wrap there but fits
    /// one line at a smaller size (down to `minimum`, in half points), or holds a number or code
    /// too long for the cell, which then shrinks as far as it must (to `minimum` at most).
    static func fittingStyle(_ text: String, style: TextStyle, width: Double, minimum: Double,
                             shaper: TextShaper) -> TextStyle {
        guard !text.isEmpty else { return style }
        func oneLine(_ size: Double) -> Double {
            shaper.shape(ShapeRequest(runs: [StyledRun(text, style.with(size: size))], width: nil)).lines.first?.width ?? 0
        }
        if oneLine(style.size) > width {
            var size = style.size - 0.5
            while size >= minimum {
                if oneLine(size) <= width { return style.with(size: size) }
                size -= 0.5
            }
        }
        let widest = widestUnbreakableRun(text, style: style, shaper: shaper)
        return widest > width ? style.with(size: max(minimum, style.size * width / widest)) : style
    }

    /// Width of the longest run of characters that cannot be broken (Latin letters, digits, ASCII marks).
    static func widestUnbreakableRun(_ text: String, style: TextStyle, shaper: TextShaper) -> Double {
        let runs = text.split { $0 == " " || CharacterClass.isWide($0) }
        guard let longest = runs.max(by: { $0.count < $1.count }), longest.count > 2 else { return 0 }
        return shaper.shape(ShapeRequest(runs: [StyledRun(String(longest), style)], width: nil)).lines.first?.width ?? 0
    }
}
