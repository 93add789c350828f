import NianbaoModel

/// Lays out typeset content on pages: measures every block with the shaper, then runs the page loop.
/// The result is plain data; nothing here draws.
public struct LayoutEngine {
    public let spec: LayoutSpec
    public let shaper: TextShaper
    /// Word boundaries for breaking titles, headings, labels and the issuing body by meaning.
    public let segmenter: WordSegmenter

    public init(spec: LayoutSpec, shaper: TextShaper, segmenter: WordSegmenter = CharacterSegmenter()) {
        self.spec = spec
        self.shaper = shaper
        self.segmenter = segmenter
    }

    private var words: WordLineSetter { WordLineSetter(shaper: shaper, segmenter: segmenter, rules: spec.breaking) }

    public func layout(_ blocks: [DocumentBlock], info: DocumentInfo) -> LaidOutDocument {
        var missingGlyphs: [MissingGlyph] = []
        var overflows: [Overflow] = []
        var measured: [FlowItem] = []
        let tables = upright(blocks)
        let tableSize = tables.values.map(\.table.size).min()
        for (index, block) in blocks.enumerated() {
            var missing: [Character] = []
            // A table already set at the report's table size is not set again.
            let fitted = tables[index].flatMap { $0.table.size == tableSize ? $0 : nil }
            let items = measure(block, index: index, tableSize: tableSize, fitted: fitted, missing: &missing)
            measured += items
            overflows += items.compactMap { oversize($0, of: block) }
            guard !missing.isEmpty else { continue }
            let origin = block.origin
            missingGlyphs += missing.uniqued().map {
                MissingGlyph(character: $0, roles: origin.roles, location: origin.location, place: origin.what)
            }
        }
        var items = turnHeadings(measured)
        var composer = compose(items)
        for _ in 0..<3 {
            guard takeBackLines(for: composer.shortPages, in: &items) else { break }
            composer = compose(items)
        }
        var pages = composer.finish()
        for i in pages.indices { pages[i].items.append(.text(pageNumber(on: pages[i]))) }
        return LaidOutDocument(pages: pages, outline: composer.outline, info: info, missingGlyphs: missingGlyphs,
                               overflows: overflows)
    }

    /// A measured item the page cannot hold: an unbreakable block taller than the text block, or a
    /// table row that with the header rows above it is taller than a page (it would be cut).
    private func oversize(_ item: FlowItem, of block: DocumentBlock) -> Overflow? {
        let origin = block.origin
        func overflow(_ detail: Message) -> Overflow { Overflow(location: origin.location, place: origin.what, detail: detail) }
        switch item {
        case .grid(let grid) where !grid.splittable && grid.lines.count > spec.gridLines:
            return overflow(Message("it takes \(grid.lines.count) lines and a page holds \(spec.gridLines)",
                                    "需要 \(grid.lines.count) 行，一页只有 \(spec.gridLines) 行"))
        case .table(let table):
            return oversize(table, room: spec.blockHeight).map(overflow)
        case .turnedTable(let table, _):
            return oversize(table, room: spec.landscape.blockHeight).map(overflow)
        case .grid, .image:
            return nil
        }
    }

    private func oversize(_ table: MeasuredTable, room: Double) -> Message? {
        let header = 0..<table.headerRowCount, body = table.headerRowCount..<table.model.rowCount
        let tooTall = table.headerHeight > room + 0.01 ? header.max { table.rowHeights[$0] < table.rowHeights[$1] }
            : body.first { table.headerHeight + table.rowHeights[$0] > room + 0.01 }
        guard let row = tooTall else { return nil }
        let longest = table.model.cells.filter { $0.rows.contains(row) }.max { $0.text.count < $1.text.count }
        let mm = { (points: Double) in Int((points / 72 * 25.4).rounded()) }
        let height = row < table.headerRowCount ? table.headerHeight : table.headerHeight + table.rowHeights[row]
        return Message("with its row \(row + 1) (and the header rows) it is \(mm(height)) mm tall, and a page holds \(mm(room)) mm",
                       "连同表头，第 \(row + 1) 行高 \(mm(height)) mm，一页只有 \(mm(room)) mm")
            + (longest.map { Message("; its longest cell is \($0.text.count) characters: \($0.text.quoted)",
                                     "；其中最长的单元格有 \($0.text.count) 个字：\($0.text.quoted)") } ?? Message(verbatim: ""))
    }

    /// A page that ends early because the next block must keep with what follows it: the paragraphs
    /// placed whole on that page each give back a line (half-width punctuation) until the block fits.
    /// Returns whether anything changed.
    /// Or, as many paragraphs take one more line each as the page has empty lines, so that it ends
    /// full and the block starts the next page. Of the paragraphs on the page, those that suffer
    /// least do it (a line that holds numbers hides the change best), and of the two ways the
    /// cheaper is taken.
    private func takeBackLines(for shortPages: [ShortPage], in items: inout [FlowItem]) -> Bool {
        var changed = false
        for short in shortPages {
            func cheapest(_ count: Int, _ variant: (GridBlock) -> (() -> GridBlock.Rebroken?)?) -> (cost: Double, blocks: [(Int, GridBlock)])? {
                guard count > 0 else { return nil }
                var options: [(cost: Double, index: Int, block: GridBlock)] = []
                for index in short.items {
                    guard case .grid(var block) = items[index], let rebroken = variant(block)?() ?? nil else { continue }
                    block.lines = rebroken.lines
                    block.tightened = nil
                    block.loosened = nil
                    options.append((rebroken.extraCost, index, block))
                }
                guard options.count >= count else { return nil }
                let chosen = options.sorted { $0.cost < $1.cost }.prefix(count)
                return (chosen.reduce(0) { $0 + $1.cost }, chosen.map { ($0.index, $0.block) })
            }
            let ways = [cheapest(short.missingSlots, \.tightened), cheapest(short.emptySlots, \.loosened)].compactMap { $0 }
            guard let best = ways.min(by: { $0.cost < $1.cost }) else { continue }
            for (index, block) in best.blocks { items[index] = .grid(block) }
            changed = true
        }
        return changed
    }

    /// The page loop: each measured item in turn, on as many pages as it takes.
    private func compose(_ items: [FlowItem]) -> PageComposer {
        var composer = PageComposer(spec: spec)
        for (index, item) in items.enumerated() {
            composer.currentItem = index
            switch item {
            case .grid(let block):
                composer.place(block, lead: index + 1 < items.count ? lead(of: items[index + 1]) : 0)
            case .table(let table):
                composer.place(table)
            case .turnedTable(let table, let heading):
                composer.placeTurned(table, heading: heading)
            case .image(let path, let size, let figure):
                composer.place(image: path, size: size, captionHeight: spec.linePitch, structure: [figure])
            }
        }
        return composer
    }

    /// The height the start of `item` needs, for the block before it that keeps with it.
    private func lead(of item: FlowItem) -> Double {
        switch item {
        case .grid(let block):
            let lines = block.splittable && block.lines.count >= 4 ? 2 : block.lines.count
            return Double(lines + block.blankBefore) * spec.linePitch
        case .table(let table) where table.totalHeight + table.notesHeight <= spec.blockHeight:
            return table.totalHeight + table.notesHeight
        case .table(let table):   // taller than a page: it starts wherever its header and a row fit
            let firstRow = table.headerRowCount < table.rowHeights.count ? table.rowHeights[table.headerRowCount] : 0
            return table.headerHeight + firstRow
        case .image(_, let size, _):
            return size.height + spec.linePitch
        case .turnedTable:   // goes on pages of its own, with its heading
            return 0
        }
    }

    /// A section heading right before a turned table goes onto the table's landscape page with it.
    private func turnHeadings(_ items: [FlowItem]) -> [FlowItem] {
        var out: [FlowItem] = []
        for item in items {
            if case .turnedTable(let table, nil) = item, case .grid(let heading)? = out.last, heading.keepWithNext {
                out[out.count - 1] = .turnedTable(table, heading: heading)
            } else {
                out.append(item)
            }
        }
        return out
    }

    // MARK: - Measuring blocks

    /// `index` numbers the block's structure elements; `fitted` is the block's table if it is one
    /// and is already set at `tableSize`.
    private func measure(_ block: DocumentBlock, index: Int, tableSize: Double?, fitted: (table: MeasuredTable, turned: Bool)?,
                         missing: inout [Character]) -> [FlowItem] {
        switch block {
        case .headerBlock(let table):
            let measured = measureTable(table, block: index, size: nil).table
            missing += measured.missingCharacters
            return [.table(measured)]
        case .title(let lines):
            let structure = StructuredText([(lines.joined(), [StructureElement(.heading(level: 1), block: index)])])
            var grid = GridBlock(lines: titleLines(lines, structure: structure, missing: &missing))
            grid.blankBefore = 1
            grid.blankAfter = spec.spacing.linesAfterTitle
            grid.splittable = false
            grid.keepWithNext = true
            grid.bookmark = Bookmark(title: lines.joined(), level: 1)
            return [.grid(grid)]
        case .paragraph(let text):
            return [.grid(paragraph(text, structure: structure(of: text, block: index), missing: &missing))]
        case .figure(let figure):
            var caption = TextBlock(spans: [TextSpan(figure.caption, .caption)], role: .caption)
            caption.alignment = .centered
            caption.indented = false
            let structure = StructuredText([(figure.caption, [StructureElement(.caption, block: index, part: 1)])])
            var grid = paragraph(caption, structure: structure, missing: &missing)
            grid.splittable = false
            guard let path = figure.image, let natural = figure.imageSize else { return [.grid(grid)] }
            let scale = min(1, spec.blockWidth / natural.width, spec.spacing.figureMaxHeight / natural.height)
            let element = StructureElement(.figure, block: index, alternateText: figure.caption)
            return [.image(path: path, size: Size(width: natural.width * scale, height: natural.height * scale), figure: element),
                    .grid(grid)]
        case .table(let title, let table):
            var heading: GridBlock?
            if let title {
                var block = TextBlock(spans: [TextSpan(title, .tableTitle)], role: .tableTitle)
                block.keepWithNext = true
                block.bookmark = Bookmark(title: title, level: 1)
                let structure = StructuredText([(title, [StructureElement(.heading(level: 1), block: index, part: 1)])])
                heading = paragraph(block, structure: structure, missing: &missing)
                heading?.blankBefore = 1
            }
            let (measured, turned) = fitted ?? measureTable(table, block: index, size: tableSize)
            missing += measured.missingCharacters
            if turned { return [.turnedTable(measured, heading: heading)] }
            return (heading.map { [FlowItem.grid($0)] } ?? []) + [.table(measured)]
        case .signature(let agency, let date):
            return [.grid(signature(agency: agency, date: date, block: index, missing: &missing))]
        }
    }

    /// The elements of a paragraph or heading: a heading is H1–H4 with its number as Lbl; a run-in
    /// heading's paragraph follows as a P of its own.
    private func structure(of text: TextBlock, block: Int) -> StructuredText {
        let paragraph = StructureElement(.paragraph, block: block, part: text.headingLevel == nil ? 0 : 1)
        guard let level = text.headingLevel, let first = text.spans.first else {
            return StructuredText.text(text.text, in: paragraph)
        }
        let heading = StructureElement(.heading(level: level), block: block)
        let label = String(first.text.prefix(text.labelLength))
        var parts: [(text: String, path: [StructureElement])] = []
        if !label.isEmpty { parts.append((label, [heading, StructureElement(.label, block: block, part: 1)])) }
        let title = String(first.text.dropFirst(text.labelLength))
        parts.append((title, label.isEmpty ? [heading] : [heading, StructureElement(.span, block: block, part: 2)]))
        let rest = text.spans.dropFirst().map(\.text).joined()
        if !rest.isEmpty { parts += StructuredText.parts(of: rest, in: paragraph).map { ($0.text, $0.path) } }
        return StructuredText(parts)
    }

    /// Body-size roles sit on the character grid; other sizes keep their natural spacing.
    private func style(_ role: FontRole) -> TextStyle {
        let style = spec.style(role)
        return style.size == spec.style(.body).size ? style.with(letterSpacing: spec.gridLetterSpacing(for: style.size)) : style
    }

    /// A span's runs: in a 仿宋 role, its digits and Latin words in the `latin` role (at the span's
    /// size and spacing), the rest in the span's own.
    private func runs(_ span: TextSpan, style: (FontRole) -> TextStyle) -> [StyledRun] {
        let own = style(span.role)
        guard span.role.takesLatinRole, span.text.unicodeScalars.contains(where: { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return [StyledRun(span.text, own)] }
        var latin = spec.style(.latin)
        latin.size = own.size
        latin.letterSpacing = own.letterSpacing
        var runs: [StyledRun] = []
        var current = ""
        var currentIsLatin = false
        for character in span.text {
            // A Latin word takes its ASCII marks (1,036 12.5% A-3) with it; a Chinese text its spaces.
            let isLatin = character.isASCII && (character.isLetter || character.isNumber
                || (currentIsLatin && !character.isWhitespace && !current.isEmpty))
            if isLatin != currentIsLatin, !current.isEmpty {
                runs.append(StyledRun(current, currentIsLatin ? latin : own))
                current = ""
            }
            currentIsLatin = isLatin
            current.append(character)
        }
        if !current.isEmpty { runs.append(StyledRun(current, currentIsLatin ? latin : own)) }
        return latin == own ? [StyledRun(span.text, own)] : runs
    }

    /// A paragraph or heading on the grid. Justified text goes through the grid line breaker (and
    /// can give a line back later, see `GridBlock.tightened`); centred text is shaped as it is.
    private func paragraph(_ block: TextBlock, structure: StructuredText, missing: inout [Character]) -> GridBlock {
        let size = block.spans.map { spec.style($0.role).size }.max() ?? spec.style(.body).size
        func gridLines(_ lines: [ShapedLine], x: (ShapedLine) -> Double = { _ in 0 }) -> [GridLine] {
            var structure = structure
            return lines.map { GridLine(line: $0, x: x($0), size: size, role: block.role, structure: structure.runs(for: $0)) }
        }
        var grid: GridBlock
        switch block.alignment {
        case .justified:
            var text = shaper.shapeForBreaking(block.spans.flatMap { runs($0, style: spec.style) })
            missing += text.missingCharacters
            let cell = spec.characterPitch * size / spec.style(.body).size
            var breaker = GridLineBreaker(measure: spec.blockWidth, cell: cell, size: size,
                                          indent: block.indented ? spec.spacing.firstLineIndent * cell : 0)
            breaker.unitsAfterNumbers = spec.breaking.unitsAfterNumbers
            if block.role == .heading {
                text = headingBreaks(text)
                breaker.justifies = false   // a heading broken between words keeps its natural spacing
            }
            let prepared = GridLineBreaker.Prepared(text, breaker: breaker)   // once, for both passes
            grid = GridBlock(lines: gridLines(breaker.lines(prepared)))
            grid.splittable = block.role == .paragraph || block.role == .note
            if grid.splittable {
                // Each is broken once, when first asked: the page loop asks again on every pass.
                grid.tightened = Remembered { breaker.takingBackOne(prepared).map { GridBlock.Rebroken(lines: gridLines($0.lines), extraCost: $0.extraCost) } }.value
                grid.loosened = Remembered { breaker.givingOneMore(prepared).map { GridBlock.Rebroken(lines: gridLines($0.lines), extraCost: $0.extraCost) } }.value
            }
        case .centered:
            let runs = block.spans.flatMap { self.runs($0, style: style) }
            let shaped = shaper.shape(ShapeRequest(runs: runs, width: spec.blockWidth))
            missing += shaped.missingCharacters
            grid = GridBlock(lines: gridLines(shaped.lines) { (spec.blockWidth - $0.width) / 2 - $0.x })
            grid.splittable = false
        }
        grid.keepWithNext = block.keepWithNext
        grid.bookmark = block.bookmark
        return grid
    }

    /// A heading on its own line breaks only between words (GB/T 9704 7.3.1: 词意完整), and never
    /// leaves a single character on its last line.
    private func headingBreaks(_ text: BreakableText) -> BreakableText {
        let breaks = WordBreaks(units: text.units, widths: text.units.map(\.cluster.advance), segmenter: segmenter,
                                rules: spec.breaking, title: false)
        var restricted = text
        var tail = 0
        for i in restricted.units.indices.reversed() {
            restricted.units[i].canBreakBefore = breaks.cost[i] != nil && tail >= 2
            tail += breaks.characters[i]
        }
        return restricted
    }

    /// Title lines as given; a single string too long for one line is broken by meaning: between
    /// words, best after the agency, the year or before 政府信息公开工作年度报告, in a trapezoid or diamond.
    private func titleLines(_ given: [String], structure: StructuredText, missing: inout [Character]) -> [GridLine] {
        let style = self.style(.title)
        let lines = given.flatMap { text -> [ShapedLine] in
            let shaped = words.lines([StyledRun(text, style)], width: spec.blockWidth, shape: .title)
            missing += shaped.missingCharacters
            return shaped.lines
        }
        var structure = structure
        return lines.map { GridLine(line: $0, x: (spec.blockWidth - $0.width) / 2 - $0.x, size: style.size, role: .title,
                                    structure: structure.runs(for: $0)) }
    }

    /// GB/T 9704 signature without seal: the issuing body ends `signatureInset` characters before the
    /// block's right edge; the date starts `signatureDateOffset` characters right of the body's first
    /// character, unless it is the longer one, in which case the date takes the inset and the name moves.
    /// A name too long for the line is broken into balanced lines, centred on one another.
    private func signature(agency: String, date: String, block: Int, missing: inout [Character]) -> GridBlock {
        let style = self.style(.body)
        let char = spec.characterPitch
        let right = spec.blockWidth - spec.spacing.signatureInset * char
        let offset = spec.spacing.signatureDateOffset * char
        // The name keeps a margin at the left as wide as the inset at the right, and room for the date's offset.
        let nameRoom = max(4 * char, right - spec.spacing.signatureInset * char - offset)
        let name = words.lines([StyledRun(agency, style)], width: nameRoom, shape: .title)
        let day = shaper.shape(ShapeRequest(runs: [StyledRun(date, style)], width: nil))
        missing += name.missingCharacters + day.missingCharacters
        let widest = name.lines.map(\.width).max() ?? 0
        let dateLine = day.lines[0]
        var nameX = right - widest
        var dateX = nameX + offset
        if dateX + dateLine.width > right {
            dateX = right - dateLine.width
            nameX = dateX - offset
        }
        var structure = StructuredText([(agency + date, [StructureElement(.paragraph, block: block)])])
        var lines = name.lines.map { line in
            GridLine(line: line, x: nameX + (widest - line.width) / 2 - line.x, size: style.size, role: .signature,
                     structure: structure.runs(for: line))
        }
        lines.append(GridLine(line: dateLine, x: dateX, size: style.size, role: .signature, structure: structure.runs(for: dateLine)))
        var grid = GridBlock(lines: lines)
        grid.blankBefore = spec.spacing.linesBeforeSignature
        grid.splittable = false
        return grid
    }

    /// `block` numbers the table's structure elements. A statistical table is set upright at the
    /// report's table size (`tableSize`) if it can be (`TableFitter`), else on a landscape page;
    /// the header block at its own size.
    private func measureTable(_ table: TableModel, block: Int, size: Double?) -> (table: MeasuredTable, turned: Bool) {
        let table = withZeros(table)
        for (page, turned) in [(spec, false), (spec.landscape, true)] {
            // Room for the table under its title on an otherwise empty page.
            let fitter = TableFitter(style: page.style(.table), spacing: page.spacing, words: words)
            if var measured = fitter.fit(table, width: page.blockWidth, maxHeight: page.blockHeight - 2 * page.linePitch,
                                         largestSize: size ?? .infinity) {
                measured.block = block
                return (measured, turned)
            }
        }
        // Not even landscape holds its numbers: the smallest landscape setting, numbers overflowing their cells.
        let fitter = TableFitter(style: spec.style(.table), spacing: spec.spacing, words: words)
        let widths = table.columnWeights.map { spec.landscape.blockWidth * $0 / table.columnWeights.reduce(0, +) }
        var measured = MeasuredTable(table, setting: TableSetting(size: fitter.sizes.last ?? spec.spacing.tableMinSize, padding: 1, sidePadding: 2, leading: 1.15,
                                                                  columnWidths: widths), style: spec.style(.table), words: words)
        measured.block = block
        return (measured, true)
    }

    /// Empty data cells as 0 when the report or else the layout says so.
    private func withZeros(_ table: TableModel) -> TableModel {
        var table = table
        if table.zeroInEmptyCells ?? spec.spacing.zeroInEmptyCells {
            for i in table.cells.indices where table.cells[i].isData && table.cells[i].text.isEmpty { table.cells[i].text = "0" }
        }
        return table
    }

    /// The statistical tables of a report, by block index, each at the largest size it can take
    /// (upright if it can be, else landscape): the smallest of those sizes is the one type size
    /// for all of them.
    private func upright(_ blocks: [DocumentBlock]) -> [Int: (table: MeasuredTable, turned: Bool)] {
        var tables: [Int: (table: MeasuredTable, turned: Bool)] = [:]
        for (index, block) in blocks.enumerated() {
            guard case .table(_, let table) = block else { continue }
            tables[index] = measureTable(table, block: index, size: nil)
        }
        return tables
    }

    /// "— N —" in the page-number font, its dash line `belowBlock` under the block; odd pages at the
    /// right, even pages at the left, `inset` characters in from the block's edge. On a landscape
    /// table page it keeps that place on the sheet held upright: turned a quarter, at the table's
    /// lower left on odd pages and upper left on even ones.
    private func pageNumber(on page: Page) -> PlacedLine {
        let number = page.number
        let style = spec.style(.pageNumber)
        let line = shaper.shape(ShapeRequest(runs: [StyledRun("— \(number) —", style)], width: nil)).lines[0]
        let inset = spec.pageNumber.inset * style.size
        let x = number % 2 == 1 ? spec.blockRight - inset - line.width : spec.blockLeft + inset
        // A CJK font centres the dash on the em box: 0.38 em above the baseline.
        let baseline = spec.blockBottom + spec.pageNumber.belowBlock + 0.38 * style.size
        guard page.isLandscape else { return PlacedLine(origin: Point(x: x, y: baseline), line: line, role: .pageNumber) }
        // The upright sheet turned a quarter clockwise: (x, y) lands on (height − y, x).
        return PlacedLine(origin: Point(x: spec.pageHeight - baseline, y: x), line: line, role: .pageNumber, quarterTurns: 1)
    }
}
