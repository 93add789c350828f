import Foundation

/// Checks a table's arithmetic (勾稽关系) as its template states it. Empty cells count as 0.
/// When a total is wrong, later rules go on with the value it should have, so that one wrong
/// cell is reported once, not again by every rule that reads it.
enum CrossChecks {
    struct Cell: Hashable {
        var row: String
        var column: String
    }

    static func check(_ table: TableBlock, against template: TableTemplate) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var assumed: [Cell: Int] = [:]
        let rowLabel = { (key: String) -> String in
            table.labels[key] ?? template.row(key)?.label?.text ?? key
        }
        /// "（七）总计 / 自然人", or just the column for a table whose data row has no label.
        let cellLabel = { (cell: Cell) -> String in
            let column = columnLabel(cell.column)
            return template.row(cell.row)?.label == nil ? column : "\(rowLabel(cell.row)) / \(column)"
        }
        let columnLabel = { (key: String) -> String in template.columnLabels[key] ?? key }

        /// The number in a cell; nil for a value that is not a number (reported elsewhere).
        func value(_ cell: Cell) -> Int?? {
            if let corrected = assumed[cell] { return .some(corrected) }
            guard let text = table.values[cell.row]?[cell.column]?.text.trimmingCharacters(in: .whitespaces),
                  !text.isEmpty else { return .some(0) }
            return Int(text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: "")).map { .some($0) } ?? .none
        }

        for rule in template.rules {
            let dataRows = template.rows.compactMap(\.key)
            func expand(_ terms: [String], among keys: [String]) -> [String] {
                terms.flatMap { term in
                    term.hasSuffix(".*") ? keys.filter { $0.hasPrefix(String(term.dropLast(1))) } : [term]
                }
            }
            // Each check line: the cells of the left side and of the right side.
            var lines: [(left: [Cell], right: [Cell])] = []
            switch rule.per {
            case .column:
                let left = expand(rule.left, among: dataRows), right = expand(rule.right, among: dataRows)
                let slotSets = (left + right).map { Set(template.row($0)?.slotKeys ?? []) }
                let shared = slotSets.dropFirst().reduce(slotSets.first ?? []) { $0.intersection($1) }
                let columns = template.rows.flatMap(\.slotKeys).filter(shared.contains).uniqued()
                    .filter { [.count, .signed].contains(template.kind(ofColumn: $0)) }
                lines = columns.map { c in (left.map { Cell(row: $0, column: c) }, right.map { Cell(row: $0, column: c) }) }
            case .row:
                for row in template.rows where row.key != nil {
                    let keys = row.slotKeys
                    let left = expand(rule.left, among: keys), right = expand(rule.right, among: keys)
                    guard !left.isEmpty, !right.isEmpty, (left + right).allSatisfy(keys.contains) else { continue }
                    lines.append((left.map { Cell(row: row.key!, column: $0) }, right.map { Cell(row: row.key!, column: $0) }))
                }
            }
            for line in lines {
                let leftValues = line.left.map(value), rightValues = line.right.map(value)
                guard (leftValues + rightValues).allSatisfy({ $0 != nil }) else { continue }
                let leftSum = leftValues.reduce(0) { $0 + $1!! }, rightSum = rightValues.reduce(0) { $0 + $1!! }
                guard leftSum != rightSum else { continue }
                // A side of one cell is a total: it is the cell that is wrong.
                let (target, expected) = line.left.count == 1 ? (line.left[0], rightSum)
                    : line.right.count == 1 ? (line.right[0], leftSum) : (nil, 0)
                var diagnostic: Diagnostic
                if let target {
                    let written = table.values[target.row]?[target.column]
                    let actual = written.map(\.text).flatMap { $0.isEmpty ? nil : $0 } ?? "空"
                    diagnostic = .error(at: written?.location ?? table.location,
                                        field: "\(table.id).values.\(target.row).\(target.column)",
                                        "\(template.name) \(cellLabel(target))：应为 \(expected)，实为 \(actual)")
                    assumed[target] = expected
                } else {
                    let what = rule.per == .column ? columnLabel(line.left[0].column) : rowLabel(line.left[0].row)
                    func terms(_ cells: [Cell]) -> String {
                        cells.map { rule.per == .column ? rowLabel($0.row) : columnLabel($0.column) }.joined(separator: " + ")
                    }
                    diagnostic = .error(at: table.location, field: "\(table.id).values",
                                        "\(template.name) \(what)：\(terms(line.left)) = \(leftSum)，但 \(terms(line.right)) = \(rightSum)")
                }
                diagnostic.isInconsistency = true
                problems.append(diagnostic)
            }
        }
        return problems
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
