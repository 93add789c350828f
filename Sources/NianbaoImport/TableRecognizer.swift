import NianbaoModel

/// Reads the rows of one national table against its template: the title row, header rows (their
/// reworded labels kept as `labels:` overrides), data rows found by their labels, values put in
/// their columns, and what follows the last data row as the table's footer.
struct TableRecognizer {
    let template: TableTemplate

    /// Whether `row` is the title row of this template's table (一、主动公开政府信息情况).
    func isTitle(_ row: SourceRow) -> Bool {
        guard let first = row.filled.first, row.filled.count == 1 else { return false }
        return LabelText.key(first.text) == LabelText.key(template.title)
    }

    /// How many of `rows` are rows of this template (header rows by their words, data rows by
    /// their labels).
    func matchedRows(_ rows: [SourceRow]) -> Int {
        var from = 0
        return rows.reduce(0) { count, row in
            guard let index = templateRow(for: row, from: from) else { return count }
            from = index + 1
            return count + 1
        }
    }

    /// `notes`: what was placed by a guess; `leftOver`: rows that could not be placed.
    func recognize(_ rows: [SourceRow], notes: inout [LeftOver], leftOver: inout [LeftOver]) -> ImportedTable {
        var table = ImportedTable(id: template.id, line: rows.first?.line ?? 0)
        var labels: [String: String] = [:]
        var next = 0
        var inFooter = false
        for row in rows where !row.filled.isEmpty {
            table.cellsFound += row.filled.count
            if next == 0, isTitle(row) { table.cellsPlaced += 1; continue }
            if !inFooter, let index = templateRow(for: row, from: next) {
                next = index + 1
                let templateRow = template.rows[index]
                table.cellsPlaced += templateRow.isHeader ? header(row, as: templateRow, labels: &labels)
                    : place(row, as: templateRow, labels: &labels, into: &table, notes: &notes)
                continue
            }
            if next > 0 {
                // After the table's rows: 填报单位, 单位负责人 … as its footer, a line each.
                inFooter = true
                table.footer.append(Self.footerLine(row.filled.map(\.text)))
                table.cellsPlaced += row.filled.count
                continue
            }
            let cells = row.filled.map(\.text).joined(separator: " | ")
            leftOver.append(LeftOver(line: row.line, Message("not a row of \(template.name): \(cells)", "不是\(template.name)的一行：\(cells)")))
        }
        var seen = Set<String>()
        let order = (template.labelIDs + template.rowKeys).filter { seen.insert($0).inserted }
        table.labels = order.compactMap { key in labels[key].map { (key, $0) } }
        return table
    }

    /// The template row `row` is: the first from `start` on that is a header row sharing at least
    /// half of its words, or a data row whose label reads the same; else the data row whose label
    /// is most alike (at least 0.6); else such a row before `start`.
    func templateRow(for row: SourceRow, from start: Int) -> Int? {
        let rows = template.rows
        let label = dataLabel(row)
        for i in rows.indices where i >= start {
            let matches = rows[i].isHeader ? headerScore(row, rows[i]) >= 0.5 : label == labelKey(rows[i])
            if matches { return i }
        }
        if label == nil, !row.filled.isEmpty {
            // A row of numbers only: the template's data row without a label (表三's cases).
            return rows.indices.first { rows[$0].key != nil && rows[$0].cells.isEmpty }
        }
        guard let label else { return nil }
        let data = rows.indices.filter { !rows[$0].isHeader }
        for candidates in [data.filter { $0 >= start }, data.filter { $0 < start }] {
            if let exact = candidates.first(where: { labelKey(rows[$0]) == label }) { return exact }
            let scored = candidates.map { ($0, LabelText.similarity(labelKey(rows[$0]), label)) }.filter { $0.1 >= 0.6 }
            if let best = scored.max(by: { $0.1 < $1.1 }) { return best.0 }
        }
        return nil
    }

    /// The comparison key of a source row's own label (its last label cell), nil when it has none.
    private func dataLabel(_ row: SourceRow) -> String? {
        let labelCells = row.filled.prefix { !LabelText.isValue($0.text) }
        return labelCells.last.map { LabelText.key($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private func labelKey(_ row: TemplateRow) -> String { row.label.map { LabelText.key($0.text) } ?? "" }

    /// The share of the row's cells whose words are those of one of the header row's cells.
    private func headerScore(_ row: SourceRow, _ header: TemplateRow) -> Double {
        let keys = Set(header.cells.map { LabelText.key($0.text) })
        let filled = row.filled
        guard !filled.isEmpty else { return 0 }
        return Double(filled.filter { keys.contains(LabelText.key($0.text)) }.count) / Double(filled.count)
    }

    /// A header row: each template cell with an id whose text the source words differently gets
    /// an override. Returns the cells placed.
    private func header(_ row: SourceRow, as templateRow: TemplateRow, labels: inout [String: String]) -> Int {
        var placed = 0
        for (cell, templateCell) in zip(row.filled, templateRow.cells) {
            placed += 1
            guard let id = templateCell.labelID, LabelText.display(cell.text) != LabelText.display(templateCell.text) else { continue }
            labels[id] = cell.text
        }
        return placed
    }

    /// A data row: its label (an override when reworded) and its values. Returns the cells placed.
    private func place(_ row: SourceRow, as templateRow: TemplateRow, labels: inout [String: String],
                       into table: inout ImportedTable, notes: inout [LeftOver]) -> Int {
        guard let key = templateRow.key else { return 0 }
        let filled = row.filled
        let labelCells = filled.prefix { !LabelText.isValue($0.text) }
        let values = filled.dropFirst(labelCells.count).map(\.text)
        let placed = labelCells.count
        if let written = labelCells.last, let label = templateRow.label, LabelText.display(written.text) != LabelText.display(label.text) {
            labels[key] = written.text
        }
        // A group label before the row's own (（三）不予公开) reworded: its id's override.
        if labelCells.count > 1 {
            for (cell, templateCell) in zip(labelCells.dropLast(), templateRow.cells.dropLast()) {
                if let id = templateCell.labelID, LabelText.display(cell.text) != LabelText.display(templateCell.text) { labels[id] = cell.text }
            }
        }
        let slots = templateRow.slotKeys
        guard !values.isEmpty else { return placed }
        var columns: [String]
        let positional = row.keepsEmptyCells ? Array(row.cells.drop { !LabelText.isValue($0.text) && !$0.text.isEmpty }) : []
        if row.keepsEmptyCells, positional.count == slots.count {
            columns = []
            var cells: [(column: String, text: String)] = []
            for (slot, cell) in zip(slots, positional) where !cell.text.isEmpty { cells.append((slot, cell.text)); columns.append(slot) }
            table.values.append((key, cells))
            return placed + cells.count
        }
        if values.count == slots.count {
            columns = slots
        } else if values.count < slots.count, let total = totalSlot(slots), values.count >= 2,
                  let sum = Self.sum(values.dropLast()), let last = Self.number(values.last!), abs(sum - last) < 0.0001 {
            // Copied text drops empty cells: the last value is the row's total when it is the sum of the others.
            columns = Array(slots.filter { $0 != total }.prefix(values.count - 1)) + [total]
        } else if values.count < slots.count {
            columns = Array(slots.prefix(values.count))
            notes.append(LeftOver(line: row.line, Message("\(template.name) \(key): \(values.count) values for \(slots.count) columns, placed from the first column; check them",
                                                          "\(template.name) \(key)：\(slots.count) 列只有 \(values.count) 个数，已从第一列起依次填入，请核对")))
        } else {
            columns = slots
            let extra = values.suffix(values.count - slots.count).joined(separator: " ")
            notes.append(LeftOver(line: row.line, Message("\(template.name) \(key): \(values.count) values for \(slots.count) columns; the last \(values.count - slots.count) are left out: \(extra)",
                                                          "\(template.name) \(key)：\(slots.count) 列却有 \(values.count) 个数；最后 \(values.count - slots.count) 个未填入：\(extra)")))
        }
        let cells = zip(columns, values).map { (column: $0, text: $1) }
        table.values.append((key, cells))
        return placed + cells.count
    }

    /// A footer's fields (单位负责人: 胡益峰 审核人: 方赛平) as the printed form sets them: a space
    /// after a colon goes, the spaces between fields become one ideographic space (the renderer
    /// drops plain spaces between Chinese characters).
    static func footerLine(_ cells: [String]) -> String {
        let text = cells.joined(separator: " ")
        var out = ""
        var pendingSpace = false
        for character in text {
            if character == " " || character == "　" { pendingSpace = true; continue }
            if pendingSpace, let last = out.last, last != ":", last != "：" { out.append("　") }
            pendingSpace = false
            out.append(character)
        }
        return out
    }

    /// The column a row-sum rule makes the total of its row (`total = a + b + …`).
    private func totalSlot(_ slots: [String]) -> String? {
        for rule in template.rules where rule.per == .row && rule.left.count == 1 {
            if let total = rule.left.first, slots.contains(total), rule.right.allSatisfy(slots.contains) { return total }
        }
        return nil
    }

    static func number(_ text: String) -> Double? {
        let digits = text.filter { $0.isNumber || $0 == "." || $0 == "-" }
        return Double(digits)
    }

    static func sum(_ values: some Collection<String>) -> Double? {
        var total = 0.0
        for value in values { guard let n = number(value) else { return nil }; total += n }
        return total
    }
}
