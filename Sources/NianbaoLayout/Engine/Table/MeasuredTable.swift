/// A table with every cell's text shaped and every row's height known.
struct MeasuredTable {
    var model: TableModel
    /// Column boundaries relative to the block's left edge (columnCount + 1 values).
    var columnX: [Double]
    var rowHeights: [Double]
    /// Shaped lines per cell, index-aligned with `model.cells`.
    var cellLines: [[ShapedLine]]
    var style: TextStyle
    var linePitch: Double
    var padding: Double

    var headerRowCount: Int { model.headerRowCount }
    var totalHeight: Double { rowHeights.reduce(0, +) }
    var headerHeight: Double { rowHeights.prefix(headerRowCount).reduce(0, +) }

    /// Sets every cell's text at the table style and finds row heights: a row is as tall as its
    /// tallest single-row cell; a spanning cell that needs more grows the rows it spans evenly.
    init(_ model: TableModel, width: Double, style: TextStyle, spacing: LayoutSpec.Spacing, shaper: TextShaper) {
        self.model = model
        self.style = style
        self.linePitch = style.size * spacing.tableLineSpacing
        self.padding = spacing.tableCellPadding
        let total = model.columnWeights.reduce(0, +)
        var x = [0.0]
        for weight in model.columnWeights { x.append(x.last! + width * weight / total) }
        columnX = x

        var lines: [[ShapedLine]] = []
        for cell in model.cells {
            let inner = max(style.size, x[cell.column + cell.colspan] - x[cell.column] - 2 * padding)
            if cell.vertical {
                lines.append(cell.text.map { shaper.shape(ShapeRequest(runs: [StyledRun(String($0), style)], width: nil)).lines.first! })
            } else if cell.text.isEmpty {
                lines.append([])
            } else {
                lines.append(shaper.shape(ShapeRequest(runs: [StyledRun(cell.text, style)], width: inner)).lines)
            }
        }
        cellLines = lines

        let minimum = linePitch + 2 * padding
        var heights = Array(repeating: minimum, count: model.rowCount)
        let order = model.cells.indices.sorted { model.cells[$0].rowspan < model.cells[$1].rowspan }
        for i in order {
            let cell = model.cells[i]
            let need = Double(lines[i].count) * (cell.vertical ? style.size * 1.2 : linePitch) + 2 * padding
            let have = cell.rows.map { heights[$0] }.reduce(0, +)
            if need > have {
                for r in cell.rows { heights[r] += (need - have) / Double(cell.rowspan) }
            }
        }
        rowHeights = heights
    }
}
