import Foundation

/// Checks a table's arithmetic (勾稽关系) as its template states it. Empty cells count as 0.
/// When a total is wrong, later rules go on with the value it should have, so that one wrong
/// cell is reported once, not again by every rule that reads it.
struct CrossChecks {
    struct Cell: Hashable {
        var row: String
        var column: String
    }

    let table: TableBlock
    let template: TableTemplate
    /// Totals found wrong so far, with the values they should have.
    private var assumed: [Cell: Int] = [:]

    static func check(_ table: TableBlock, against template: TableTemplate) -> [Diagnostic] {
        var checker = CrossChecks(table: table, template: template)
        return template.rules.flatMap { checker.check($0) }
    }

    private init(table: TableBlock, template: TableTemplate) {
        self.table = table
        self.template = template
    }

    private mutating func check(_ rule: CrossCheck) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for line in lines(of: rule) {
            let leftValues = line.left.map(value), rightValues = line.right.map(value)
            guard (leftValues + rightValues).allSatisfy({ $0 != nil }) else { continue }   // not numbers: reported elsewhere
            let leftSum = leftValues.reduce(0) { $0 + $1! }, rightSum = rightValues.reduce(0) { $0 + $1! }
            guard leftSum != rightSum else { continue }
            var diagnostic: Diagnostic
            // A side of one cell is a total: that cell is the wrong one.
            if let (target, expected) = line.left.count == 1 ? (line.left[0], rightSum)
                : line.right.count == 1 ? (line.right[0], leftSum) : nil {
                let written = table.values[target.row]?[target.column]
                let actual = written.map(\.text).flatMap { $0.isEmpty ? nil : $0 } ?? "空"
                diagnostic = .error(at: written?.location ?? table.location,
                                    field: "\(table.id).values.\(target.row).\(target.column)",
                                    "\(template.name) \(label(of: target))：应为 \(expected)，实为 \(actual)")
                assumed[target] = expected
            } else {
                let what = rule.per == .column ? columnLabel(line.left[0].column) : rowLabel(line.left[0].row)
                diagnostic = .error(at: table.location, field: "\(table.id).values",
                                    "\(template.name) \(what)：\(terms(line.left, rule)) = \(leftSum)，但 \(terms(line.right, rule)) = \(rightSum)")
            }
            diagnostic.isInconsistency = true
            problems.append(diagnostic)
        }
        return problems
    }

    /// The cells each side of the rule adds up, once per column (terms are rows) or per row.
    private func lines(of rule: CrossCheck) -> [(left: [Cell], right: [Cell])] {
        switch rule.per {
        case .column:
            let rows = template.rows.compactMap(\.key)
            let left = expand(rule.left, among: rows), right = expand(rule.right, among: rows)
            let slotSets = (left + right).map { Set(template.row($0)?.slotKeys ?? []) }
            let shared = slotSets.dropFirst().reduce(slotSets.first ?? []) { $0.intersection($1) }
            let columns = template.rows.flatMap(\.slotKeys).filter(shared.contains).uniqued()
                .filter { [.count, .signed].contains(template.kind(ofColumn: $0)) }
            return columns.map { c in (left.map { Cell(row: $0, column: c) }, right.map { Cell(row: $0, column: c) }) }
        case .row:
            return template.rows.compactMap { row -> (left: [Cell], right: [Cell])? in
                guard let key = row.key else { return nil }
                let left = expand(rule.left, among: row.slotKeys), right = expand(rule.right, among: row.slotKeys)
                guard !left.isEmpty, !right.isEmpty, (left + right).allSatisfy(row.slotKeys.contains) else { return nil }
                return (left.map { Cell(row: key, column: $0) }, right.map { Cell(row: key, column: $0) })
            }
        }
    }

    private func expand(_ terms: [String], among keys: [String]) -> [String] {
        terms.flatMap { term in term.hasSuffix(".*") ? keys.filter { $0.hasPrefix(String(term.dropLast(1))) } : [term] }
    }

    /// The number in a cell (0 when empty); nil for a value that is not a number.
    private func value(_ cell: Cell) -> Int? {
        if let corrected = assumed[cell] { return corrected }
        guard let text = table.values[cell.row]?[cell.column]?.text.trimmingCharacters(in: .whitespaces),
              !text.isEmpty else { return 0 }
        return Int(text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: ""))
    }

    private func rowLabel(_ key: String) -> String {
        table.labels[key] ?? template.row(key)?.label?.text ?? key
    }

    private func columnLabel(_ key: String) -> String { template.columnLabels[key] ?? key }

    /// "（七）总计 / 自然人", or just the column for a table whose data row has no label.
    private func label(of cell: Cell) -> String {
        let column = columnLabel(cell.column)
        return template.row(cell.row)?.label == nil ? column : "\(rowLabel(cell.row)) / \(column)"
    }

    private func terms(_ cells: [Cell], _ rule: CrossCheck) -> String {
        cells.map { rule.per == .column ? rowLabel($0.row) : columnLabel($0.column) }.joined(separator: " + ")
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
