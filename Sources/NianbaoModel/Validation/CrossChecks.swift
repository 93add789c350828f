import Foundation

/// Checks a table's arithmetic (勾稽关系) as its template states it. Empty cells count as 0.
/// A wrong cell breaks every rule that reads it, so the checker looks for the cells to blame: the
/// one whose correction mends the most broken rules while breaking none that held (e.g. the seed's
/// empty （七）总计, which both its column sum and 一+二=三+四 point at), reports it with the value it
/// should have, and goes on with that value. Rules that no single cell explains are reported as they are.
struct CrossChecks {
    struct Cell: Hashable {
        var row: String
        var column: String
    }

    /// One checked equation: the cells of the left side sum to those of the right side. Cells are
    /// numbered (see `cells`): the culprit search sums them many times over.
    struct Line {
        var rule: CrossCheck
        var left: [Int]
        var right: [Int]
        var cells: [Int] { left + right }
    }

    let table: TableBlock
    let template: TableTemplate
    let reader: CellReader
    /// The cells the lines read, by number, and their values (corrected ones as corrected).
    private var cells: [Cell] = []
    private var values: [Int] = []
    /// Cells found wrong so far, with the values they should have.
    private var assumed: [Int: Int] = [:]

    static func check(_ table: TableBlock, against template: TableTemplate, reader: CellReader = CellReader()) -> [Diagnostic] {
        var checker = CrossChecks(table: table, template: template, reader: reader)
        return checker.run()
    }

    private init(table: TableBlock, template: TableTemplate, reader: CellReader) {
        self.table = table
        self.template = template
        self.reader = reader
    }

    private mutating func run() -> [Diagnostic] {
        var number: [Cell: Int] = [:]
        let lines = template.rules.flatMap { rule in Self.equations(of: rule, in: template) }
            .compactMap { line -> Line? in
                // Values that are not numbers are reported elsewhere.
                guard (line.left + line.right).allSatisfy({ value(of: $0) != nil }) else { return nil }
                func numbered(_ side: [Cell]) -> [Int] {
                    side.map { cell in
                        if let known = number[cell] { return known }
                        number[cell] = cells.count
                        cells.append(cell)
                        values.append(value(of: cell)!)
                        return cells.count - 1
                    }
                }
                return Line(rule: line.rule, left: numbered(line.left), right: numbered(line.right))
            }
        var blamed: [Int] = []
        while true {
            let failing = lines.filter { !holds($0) }
            guard !failing.isEmpty, let (cell, corrected) = culprit(among: lines, failing: failing) else { break }
            assumed[cell] = corrected
            values[cell] = corrected
            blamed.append(cell)
        }
        func position(_ keys: [String]) -> [String: Int] {
            Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let rowOrder = position(template.rows.compactMap(\.key))
        let columnOrder = position(template.rows.flatMap(\.slotKeys))
        func place(_ cell: Int) -> (Int, Int) { (rowOrder[cells[cell].row] ?? 0, columnOrder[cells[cell].column] ?? 0) }
        var problems = blamed.sorted { place($0) < place($1) }.map(blame)
        problems += lines.filter { !holds($0) }.map(unexplained)
        for i in problems.indices { problems[i].isInconsistency = true }
        return problems
    }

    /// The sum of one side, with `cell` (if given) taken as `value`.
    private func sum(_ side: [Int], taking cell: Int = -1, as value: Int = 0) -> Int {
        side.reduce(0) { $0 + ($1 == cell ? value : values[$1]) }
    }

    private func holds(_ line: Line, taking cell: Int = -1, as value: Int = 0) -> Bool {
        sum(line.left, taking: cell, as: value) == sum(line.right, taking: cell, as: value)
    }

    /// The cell whose one corrected value mends the most failing lines minus the holding lines it
    /// would break; ties go to totals (a cell alone on one side), then to reading order.
    private func culprit(among lines: [Line], failing: [Line]) -> (Int, Int)? {
        var best: (cell: Int, value: Int, score: Int, isTotal: Bool)?
        for cell in failing.flatMap(\.cells).uniqued() {
            // Each failing line that reads the cell asks for the value that would make it hold.
            let wanted = failing.filter { $0.cells.contains(cell) }.map { line -> Int in
                let onLeft = line.left.contains(cell)
                let own = onLeft ? sum(line.left) : sum(line.right)
                return values[cell] + (onLeft ? sum(line.right) : sum(line.left)) - own
            }.uniqued()
            let touched = lines.filter { $0.cells.contains(cell) }
            let isTotal = touched.contains { $0.left == [cell] || $0.right == [cell] }
            for corrected in wanted where corrected >= 0 || template.kind(ofColumn: cells[cell].column) == .signed {
                let mended = touched.filter { !holds($0) && holds($0, taking: cell, as: corrected) }.count
                let broken = touched.filter { holds($0) && !holds($0, taking: cell, as: corrected) }.count
                let score = mended - broken
                if score > 0, best == nil || (score, isTotal ? 1 : 0) > (best!.score, best!.isTotal ? 1 : 0) {
                    best = (cell, corrected, score, isTotal)
                }
            }
        }
        return best.map { ($0.cell, $0.value) }
    }

    private func blame(_ number: Int) -> Diagnostic {
        let cell = cells[number]
        let written = table.values[cell.row]?[cell.column]
        let actual = written.map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        let name = "\(template.name) \(template.cellLabel(row: cell.row, column: cell.column, in: table))"
        let expected = assumed[number]!
        let message = written?.isComputed == true
            ? Message("\(name): should be \(expected), but its terms add up to \(actual ?? "0") (it was left out and computed)",
                      "\(name)：应为 \(expected)，按各分项计算为 \(actual ?? "0")（未填写，由 nianbao 计算）")
            : Message("\(name): should be \(expected), is \(actual ?? "empty")", "\(name)：应为 \(expected)，实为 \(actual ?? "空")")
        return .error(at: written?.location ?? table.location, field: "\(table.id).values.\(cell.row).\(cell.column)", message)
    }

    private func unexplained(_ line: Line) -> Diagnostic {
        let first = cells[line.left[0]]
        let what = line.rule.per == .column ? template.columnLabel(first.column) : template.rowLabel(first.row, in: table)
        let left = "\(terms(line.left, line.rule)) = \(sum(line.left))", right = "\(terms(line.right, line.rule)) = \(sum(line.right))"
        return .error(at: table.location, field: "\(table.id).values",
                      Message("\(template.name) \(what): \(left), but \(right)", "\(template.name) \(what)：\(left)，但 \(right)"))
    }

    /// The cells each side of the rule adds up, once per column (terms are rows) or per row.
    static func equations(of rule: CrossCheck, in template: TableTemplate) -> [(rule: CrossCheck, left: [Cell], right: [Cell])] {
        switch rule.per {
        case .column:
            let rows = template.rows.compactMap(\.key)
            let left = expand(rule.left, among: rows), right = expand(rule.right, among: rows)
            let slotSets = (left + right).map { Set(template.row($0)?.slotKeys ?? []) }
            let shared = slotSets.dropFirst().reduce(slotSets.first ?? []) { $0.intersection($1) }
            let columns = template.rows.flatMap(\.slotKeys).filter(shared.contains).uniqued()
                .filter { [.count, .signed].contains(template.kind(ofColumn: $0)) }
            return columns.map { c in (rule, left.map { Cell(row: $0, column: c) }, right.map { Cell(row: $0, column: c) }) }
        case .row:
            return template.rows.compactMap { row -> (CrossCheck, [Cell], [Cell])? in
                guard let key = row.key else { return nil }
                let left = expand(rule.left, among: row.slotKeys), right = expand(rule.right, among: row.slotKeys)
                guard !left.isEmpty, !right.isEmpty, (left + right).allSatisfy(row.slotKeys.contains) else { return nil }
                return (rule, left.map { Cell(row: key, column: $0) }, right.map { Cell(row: key, column: $0) })
            }
        }
    }

    private static func expand(_ terms: [String], among keys: [String]) -> [String] {
        terms.flatMap { term in term.hasSuffix(".*") ? keys.filter { $0.hasPrefix(String(term.dropLast(1))) } : [term] }
    }

    /// The number written in a cell (0 when empty); nil for a value that is not a number.
    private func value(of cell: Cell) -> Int? {
        guard let text = table.values[cell.row]?[cell.column]?.text else { return 0 }
        return reader.read(text, kind: template.kind(ofColumn: cell.column)).number
    }

    /// "a + b", or "first … last（共N项）" for a long sum.
    private func terms(_ side: [Int], _ rule: CrossCheck) -> String {
        let names = side.map { cells[$0] }.map { rule.per == .column ? template.rowLabel($0.row, in: table) : template.columnLabel($0.column) }
        return names.count > 4 ? "\(names[0]) … \(names[names.count - 1])（共\(names.count)项）" : names.joined(separator: " + ")
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    package func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
