/// How a table is set: one type size for all its cells, the space inside each cell above and below
/// its text (`padding`) and at its sides (`sidePadding`), the line pitch in font sizes, and each
/// column's width.
struct TableSetting: Equatable {
    var size: Double
    var padding: Double
    var sidePadding: Double
    var leading: Double
    var columnWidths: [Double]
}

/// A table with every cell's text shaped and every row's height known.
struct MeasuredTable {
    var model: TableModel
    var setting: TableSetting
    /// Column boundaries relative to the block's left edge (columnCount + 1 values).
    var columnX: [Double]
    var rowHeights: [Double]
    /// Shaped lines per cell, index-aligned with `model.cells`.
    var cellLines: [[ShapedLine]]
    /// Characters of the cells that no font could draw.
    var missingCharacters: [Character] = []
    /// Per column span (first column and count): the width of its widest number, so that numbers
    /// align at the units digit in a centred column.
    var numberWidths: [ColumnSpan: Double]
    /// The document block the table is, for its structure elements.
    var block = 0
    /// "续表", set above the repeated header rows on each page the table continues on (the practice
    /// of Chinese publishing, CY/T 170-2019), right-aligned.
    var continuedLabel: ShapedLine?
    /// The notes under the table, each broken to the table's width, at its size.
    var noteLines: [[ShapedLine]] = []
    /// Height of the notes, `noteLines` at the table's line pitch with a little space above.
    var notesHeight: Double { noteLines.isEmpty ? 0 : Double(noteLines.flatMap { $0 }.count) * setting.size * setting.leading + setting.padding }
    var linePitch: Double { setting.size * setting.leading }

    var headerRowCount: Int { model.headerRowCount }
    var totalHeight: Double { rowHeights.reduce(0, +) }
    var headerHeight: Double { rowHeights.prefix(headerRowCount).reduce(0, +) }
    var size: Double { setting.size }
    var padding: Double { setting.padding }
    var sidePadding: Double { setting.sidePadding }

    /// Shapes every cell at the setting's size (labels broken between words, `WordLineSetter`) and
    /// finds row heights: a row is as tall as its tallest single-row cell; a spanning cell that needs
    /// more grows the rows it spans evenly.
    init(_ model: TableModel, setting: TableSetting, style: TextStyle, words: WordLineSetter) {
        self.model = model
        self.setting = setting
        var x = [0.0]
        for width in setting.columnWidths { x.append(x.last! + width) }
        columnX = x
        let text = style.with(size: setting.size)
        let numbers = text.with(features: ["tnum"])   // tabular figures: columns of numbers align

        var lines: [[ShapedLine]] = []
        var missing: [Character] = []
        var numberWidths: [ColumnSpan: Double] = [:]
        for cell in model.cells {
            let inner = max(setting.size, x[cell.column + cell.colspan] - x[cell.column] - 2 * setting.sidePadding)
            if cell.vertical {
                // Each character on a line of its own, in its vertical form (OpenType vert: 、 at the
                // upper right), the text itself unchanged.
                // Shaped as one run, so that a mark takes the script of the characters around it
                // (the font's vertical forms are those of its Chinese script), then stacked.
                let shaped = words.shaper.shapeForBreaking([StyledRun(cell.text, text.with(features: ["vert"]))])
                missing += shaped.missingCharacters
                lines.append(shaped.units.map { ShapedLine(clusters: [$0.cluster], x: 0) })
                continue
            }
            let isNumber = cell.isData && Self.isNumber(cell.text)
            let shaped = cell.text.isEmpty ? nil : words.lines([StyledRun(cell.text, isNumber ? numbers : text)], width: inner, shape: .balanced)
            missing += shaped?.missingCharacters ?? []
            lines.append(shaped?.lines ?? [])
            if isNumber, let line = shaped?.lines.first, shaped?.lines.count == 1 {
                numberWidths[ColumnSpan(cell), default: 0] = max(numberWidths[ColumnSpan(cell)] ?? 0, line.width)
            }
        }
        cellLines = lines
        self.numberWidths = numberWidths
        continuedLabel = words.shaper.shape(ShapeRequest(runs: [StyledRun("续表", text)], width: nil)).lines.first
        let noteWidth = x.last! - x.first!
        noteLines = model.notes.map { note in
            let shaped = words.shaper.shape(ShapeRequest(runs: [StyledRun(note, text)], width: noteWidth))
            missing += shaped.missingCharacters
            return shaped.lines
        }
        missingCharacters = missing

        var heights = Array(repeating: setting.size * setting.leading + 2 * setting.padding, count: model.rowCount)
        let order = model.cells.indices.sorted { model.cells[$0].rowspan < model.cells[$1].rowspan }
        for i in order {
            let cell = model.cells[i]
            let pitch = setting.size * (cell.vertical ? Self.verticalPitch : setting.leading)
            let need = Double(lines[i].count) * pitch + 2 * setting.padding
            let have = cell.rows.map { heights[$0] }.reduce(0, +)
            if need > have {
                for r in cell.rows { heights[r] += (need - have) / Double(cell.rowspan) }
            }
        }
        rowHeights = heights
    }

    /// Line pitch of vertical text's stacked characters, in font sizes.
    static let verticalPitch = 1.2

    /// Distance between baselines in cell `index`; vertical text stacks its characters closer.
    func linePitch(of index: Int) -> Double {
        setting.size * (model.cells[index].vertical ? Self.verticalPitch : setting.leading)
    }

    /// A count or an amount (digits, separators, a sign, a unit after them): set in tabular figures.
    static func isNumber(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("0"..."9").contains(first) || "+-−".unicodeScalars.contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ".,+-−%".unicodeScalars.contains($0) || !$0.isASCII }
    }

    /// Width of the longest run of characters that cannot be broken (Latin letters, digits, ASCII marks).
    static func widestUnbreakableRun(_ text: String, style: TextStyle, shaper: TextShaper) -> Double {
        let runs = text.split { $0 == " " || CharacterClass.isWide($0) }
        guard let longest = runs.max(by: { $0.count < $1.count }), longest.count > 2 else { return 0 }
        return shaper.shape(ShapeRequest(runs: [StyledRun(String(longest), style)], width: nil)).lines.first?.width ?? 0
    }
}


/// Where a cell sits across the columns: its first column and how many it spans.
struct ColumnSpan: Hashable {
    var column: Int
    var count: Int

    init(_ cell: TableCell) {
        column = cell.column
        count = cell.colspan
    }
}
