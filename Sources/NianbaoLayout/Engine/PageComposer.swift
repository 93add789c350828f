/// Fills pages in order. Grid lines sit on the block's 22 baseline slots; tables and images take
/// their own height, after which the text goes back onto the next free slot.
struct PageComposer {
    /// The page style in use; a landscape table swaps in its turned version for its pages.
    private(set) var spec: LayoutSpec
    private(set) var pages: [Page] = []
    private(set) var outline: [OutlineEntry] = []
    /// Pages that ended with empty grid lines because the next block could not start there.
    private(set) var shortPages: [ShortPage] = []
    /// The flow item being placed, so that a short page can name the blocks it holds.
    var currentItem = 0
    private var wholeItemsOnPage: [Int] = []
    private var items: [PageItem] = []
    /// Distance from the block's top to the first free point on the current page.
    private var y = 0.0

    init(spec: LayoutSpec) { self.spec = spec }

    private var pitch: Double { spec.linePitch }
    private var slot: Int { Int((y / pitch - 1e-6).rounded(.up)) }
    private var freeSlots: Int { spec.gridLines - slot }
    private var freeHeight: Double { spec.blockHeight - y }
    private var pageIsEmpty: Bool { items.isEmpty }

    /// Closes the current page and starts a new one.
    mutating func newPage() {
        pages.append(Page(number: pages.count + 1, width: spec.pageWidth, height: spec.pageHeight, items: items))
        items = []
        wholeItemsOnPage = []
        y = 0
    }

    /// Finishes the last page and returns all pages.
    mutating func finish() -> [Page] {
        if !pageIsEmpty || pages.isEmpty { newPage() }
        return pages
    }

    /// Places lines on the grid. `lead` is the height the next block needs on the same page when
    /// this one keeps with it. Paragraphs break leaving at least two lines on each page.
    mutating func place(_ block: GridBlock, lead: Double) {
        var block = block
        while true {
            let blank = pageIsEmpty ? 0 : block.blankBefore
            let need = blank + block.lines.count
            let keep = block.keepWithNext ? Int((lead / pitch).rounded(.up)) : 0
            if need + keep <= freeSlots || (pageIsEmpty && need + keep > spec.gridLines && need <= freeSlots) {
                put(block, skipping: blank)
                wholeItemsOnPage.append(currentItem)
                return
            }
            let fit = freeSlots - blank
            let n = block.lines.count
            // One line would be left over for the next page: try to take it back by compressing punctuation.
            if n - fit == 1, block.splittable, !block.keepWithNext, let tightened = block.tightened?()?.lines, tightened.count <= fit {
                block.lines = tightened
                block.tightened = nil
                continue
            }
            if block.splittable && !block.keepWithNext && n >= 4 && fit >= 2 {
                let k = min(fit, n - 2)
                var head = block
                head.lines = Array(block.lines.prefix(k))
                head.blankAfter = 0
                put(head, skipping: blank)
                block.lines.removeFirst(k)
                block.blankBefore = 0
                block.bookmark = nil
                newPage()
                continue
            }
            if pageIsEmpty {   // taller than a page and not breakable here: break it anyway
                let k = max(1, fit)
                var head = block
                head.lines = Array(block.lines.prefix(k))
                put(head, skipping: 0)
                block.lines.removeFirst(min(k, n))
                block.bookmark = nil
                newPage()
                if block.lines.isEmpty { return }
                continue
            }
            shortPages.append(ShortPage(missingSlots: need + keep - freeSlots, emptySlots: freeSlots, items: wholeItemsOnPage))
            newPage()
        }
    }

    private mutating func put(_ block: GridBlock, skipping blank: Int) {
        var s = slot + blank
        if let bookmark = block.bookmark {
            outline.append(OutlineEntry(title: bookmark.title, level: bookmark.level, page: pages.count + 1,
                                        y: spec.blockTop + Double(s) * pitch))
        }
        for gridLine in block.lines {
            let origin = Point(x: spec.blockLeft + gridLine.x, y: spec.baseline(slot: s, size: gridLine.size))
            items.append(.text(PlacedLine(origin: origin, line: gridLine.line, role: gridLine.role, structure: gridLine.structure)))
            s += 1
        }
        y = min(spec.blockHeight, Double(s + block.blankAfter) * pitch)
    }

    /// Places a table and its notes. One that fits on a page is never split: it moves to the next
    /// page if it does not fit here. A taller one breaks between rows (not where a vertical label
    /// would be left too short for its characters), repeats its header rows on each new page under
    /// a right-aligned 续表, and its notes follow its last row in its type size.
    mutating func place(_ table: MeasuredTable) {
        let bodyRows = Array(table.headerRowCount..<table.model.rowCount)
        var next = 0
        var first = true
        alignToSlot()
        let whole = table.totalHeight + table.notesHeight
        if !pageIsEmpty && whole > freeHeight && whole <= spec.blockHeight {
            newPage()
        }
        while next < bodyRows.count || (first && bodyRows.isEmpty) {
            let label = first ? 0 : table.linePitch
            var count = splitCount(table, from: next, rows: bodyRows, rowsFitting(table, from: next, rows: bodyRows, reserving: label))
            if count == 0 && !pageIsEmpty { newPage(); continue }
            count = max(count, min(1, bodyRows.count - next))
            if !first, let continued = table.continuedLabel {
                let right = spec.blockLeft + table.columnX.last!
                items.append(.text(PlacedLine(origin: Point(x: right - continued.width, y: spec.blockTop + y + 0.88 * table.size),
                                              line: continued, role: .tableContinued)))
                y += label
            }
            let fragment = TableFragment(rows: Array(0..<table.headerRowCount) + bodyRows[next..<(next + count)], repeatsHeader: !first)
            items += fragment.items(for: table, left: spec.blockLeft, top: spec.blockTop + y, spec: spec)
            y += fragment.height(in: table)
            next += count
            first = false
            if next < bodyRows.count { newPage() }
        }
        placeNotes(of: table)
        alignToSlot()
    }

    /// The notes under a table, each a paragraph of the structure tree.
    private mutating func placeNotes(of table: MeasuredTable) {
        guard !table.noteLines.isEmpty else { return }
        y += table.padding
        for (index, lines) in table.noteLines.enumerated() {
            let element = StructureElement(.paragraph, block: table.block, part: table.model.cells.count + 1 + index)
            for line in lines {
                if y + table.linePitch > spec.blockHeight + 0.01 { newPage() }
                let clusters = line.runs.reduce(0) { $0 + $1.clusters.count }
                items.append(.text(PlacedLine(origin: Point(x: spec.blockLeft + line.x, y: spec.blockTop + y + (table.linePitch - table.size) / 2 + 0.88 * table.size),
                                              line: line, role: .note, structure: [StructureRun(clusters: clusters, path: [element])])))
                y += table.linePitch
            }
        }
    }

    /// How many body rows from `start` fit under the header rows in the free height (less `reserving`).
    private func rowsFitting(_ table: MeasuredTable, from start: Int, rows: [Int], reserving: Double = 0) -> Int {
        var height = table.headerHeight + reserving
        var count = 0
        for r in rows[start...] {
            height += table.rowHeights[r]
            if height > freeHeight + 0.01 { break }
            count += 1
        }
        return count
    }

    /// `count` rows, or fewer when breaking after them would leave a vertical label (三、本年度办理结果)
    /// too short for its characters on either page; as many as fit when the label is taller than a page.
    private func splitCount(_ table: MeasuredTable, from start: Int, rows: [Int], _ count: Int) -> Int {
        guard start + count < rows.count, count > 0 else { return count }
        let boundary = rows[start + count]
        for (index, cell) in table.model.cells.enumerated() where cell.vertical && cell.rows.contains(boundary) && cell.row < boundary {
            let need = Double(table.cellLines[index].count) * table.size + 2 * table.padding
            let head = (max(cell.row, rows[start])..<boundary).reduce(0) { $0 + table.rowHeights[$1] }
            let tail = (boundary..<cell.rows.upperBound).reduce(0) { $0 + table.rowHeights[$1] }
            guard head < need || tail < need else { continue }
            let before = rows.firstIndex(of: cell.row).map { $0 - start } ?? 0
            if before > 0 { return before }
        }
        return count
    }

    /// Places a table too wide for the upright block on pages of its own, turned to landscape, with
    /// the heading that names it at the top of the first; the text goes on on a new upright page.
    mutating func placeTurned(_ table: MeasuredTable, heading: GridBlock?) {
        if !pageIsEmpty { newPage() }
        let upright = spec
        spec = upright.landscape
        if let heading { place(heading, lead: 0) }
        place(table)
        if !pageIsEmpty { newPage() }
        spec = upright
    }

    /// Places an image centred in the block; a new page if it does not fit.
    mutating func place(image path: String, size: Size, captionHeight: Double, structure: [StructureElement]) {
        alignToSlot()
        if !pageIsEmpty && size.height + captionHeight > freeHeight { newPage() }
        let frame = Rect(x: spec.blockLeft + (spec.blockWidth - size.width) / 2, y: spec.blockTop + y,
                         width: size.width, height: size.height)
        items.append(.image(PlacedImage(path: path, frame: frame, structure: structure)))
        y += size.height
        alignToSlot()
    }

    /// Moves the cursor down to the next grid slot boundary.
    private mutating func alignToSlot() {
        y = min(spec.blockHeight, Double(slot) * pitch)
        if y >= spec.blockHeight - 0.01 && !pageIsEmpty { newPage() }
    }
}

/// A page that ended early: how many more grid lines the next block needed, how many it left
/// empty, and the flow items placed whole on the page (those that could give a line back or take
/// one more).
struct ShortPage {
    var missingSlots: Int
    /// Grid lines left empty at the page's foot.
    var emptySlots: Int
    var items: [Int]
}
