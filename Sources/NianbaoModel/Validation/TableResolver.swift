/// One table read against its template: rows and columns keyed by key or by printed label, each
/// cell read once (CellReader) and rewritten in the table's form, an all-zero table filled, and the
/// totals a clerk left out computed from their terms.
struct TableResolver {
    let template: TableTemplate
    let reader: CellReader

    func resolve(_ table: inout TableBlock) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var resolved: [String: [String: CellValue]] = [:]
        let rowNames = names(template.rows.compactMap { row in row.key.map { ($0, row.label?.text ?? $0) } }, table: table)
        for (writtenRow, cells) in table.values.sorted(by: { $0.key < $1.key }) {
            let location = table.rowLocations[writtenRow]
                ?? cells.values.compactMap(\.location).min { ($0.line, $0.column) < ($1.line, $1.column) }
            let rowKey: String
            switch find(writtenRow, in: rowNames) {
            case .found(let key): rowKey = key
            case .ambiguous(let keys):
                problems.append(ambiguous(Message("row", "行"), writtenRow, keys, at: location, field: "\(table.id).values.\(writtenRow.shortened)"))
                continue
            case .missing:
                problems.append(.error(at: location, field: "\(table.id).values.\(writtenRow.shortened)",
                                       ReportValidator.unknown(Message("row", "行"), writtenRow, among: template.rowKeys + rowNames.map(\.name))))
                continue
            }
            let row = template.row(rowKey)!
            let columnNames = names(row.slotKeys.map { ($0, template.columnLabel($0)) }, table: nil)
            for (writtenColumn, value) in cells.sorted(by: { $0.key < $1.key }) {
                let field = "\(table.id).values.\(rowKey).\(writtenColumn.shortened)"
                let columnKey: String
                switch find(writtenColumn, in: columnNames) {
                case .found(let key): columnKey = key
                case .ambiguous(let keys):
                    problems.append(ambiguous(Message("column", "列"), writtenColumn, keys, at: value.location, field: field))
                    continue
                case .missing:
                    problems.append(.error(at: value.location, field: field, ReportValidator.unknown(
                        Message("column", "列"), writtenColumn, among: row.slotKeys + columnNames.map(\.name))))
                    continue
                }
                if resolved[rowKey]?[columnKey] != nil {
                    problems.append(.error(at: value.location, field: field, Message(
                        "\(template.name) \(template.cellLabel(row: rowKey, column: columnKey, in: table)) is written twice (by key and by label)",
                        "\(template.name) \(template.cellLabel(row: rowKey, column: columnKey, in: table)) 填写了两次（按键名和按栏目名称）")))
                    continue
                }
                let money = MoneyFormat(label: template.printedLabel(ofColumn: columnKey, in: table))
                switch reader.read(value.text, kind: template.kind(ofColumn: columnKey), money: money) {
                case .invalid(let why):
                    let cell = template.cellLabel(row: rowKey, column: columnKey, in: table)
                    problems.append(.error(at: value.location, field: "\(table.id).values.\(rowKey).\(columnKey)",
                                           Message(verbatim: "\(template.name) \(cell)：") + why))
                case let reading:
                    resolved[rowKey, default: [:]][columnKey] = CellValue(reading.printed ?? value.text, at: value.location)
                }
            }
        }
        for id in table.labels.keys.sorted() where !template.labelIDs.contains(id) {
            problems.append(.error(at: table.location, field: "\(table.id).labels.\(id.shortened)",
                                   ReportValidator.unknown(Message("label", "栏目"), id, among: template.labelIDs)))
        }
        table.values = resolved
        if table.allZero { fillZeros(&table) }
        computeTotals(&table)
        return problems
    }

    /// A key, and the name a clerk may write instead (the printed label, without its number).
    private struct Name {
        var key: String
        var name: String
    }

    private enum Found { case found(String), ambiguous([String]), missing }

    private func names(_ pairs: [(key: String, label: String)], table: TableBlock?) -> [Name] {
        pairs.flatMap { pair -> [Name] in
            let printed = table.map { template.rowLabel(pair.key, in: $0) } ?? pair.label
            return [Name(key: pair.key, name: Self.normalized(pair.label)), Name(key: pair.key, name: Self.normalized(printed))]
        }
    }

    /// The key written, or the one row or column whose label reads the same.
    private func find(_ written: String, in names: [Name]) -> Found {
        if names.contains(where: { $0.key == written }) { return .found(written) }
        let keys = names.filter { $0.name == Self.normalized(written) }.map(\.key).uniqued()
        switch keys.count {
        case 0: return .missing
        case 1: return .found(keys[0])
        default: return .ambiguous(keys)
        }
    }

    private func ambiguous(_ what: Message, _ written: String, _ keys: [String], at location: SourceLocation?, field: String) -> Diagnostic {
        let list = keys.joined(separator: ", ")
        return .error(at: location, field: field, Message(
            "\(written.quoted) names several \(what.en)s of \(template.name) (\(list)); write the key",
            "\(written.quoted) 在\(template.name)中对应多个\(what.zh)（\(list)），请写键名"))
    }

    /// A label as a clerk may type it: without its number (（一） 1. 三、), spaces, and with
    /// parentheses of either width.
    static func normalized(_ label: String) -> String {
        var text = ""
        text.reserveCapacity(label.utf8.count)
        for character in label where !character.isWhitespace {
            switch character {
            case "(": text.append("（")
            case ")": text.append("）")
            default: text.append(character)
            }
        }
        // The regular expression only where a number can start (it is most of the time otherwise).
        if let first = text.unicodeScalars.first, "一二三四五六七八九十（".unicodeScalars.contains(first) || first.properties.numericType == .decimal,
           let number = text.firstMatch(of: ReportValidator.leadingNumber) {
            text.removeSubrange(number.range)
        }
        return text
    }

    /// Every numeric data cell not written is 0, shown as computed.
    private func fillZeros(_ table: inout TableBlock) {
        for row in template.rows {
            guard let key = row.key else { continue }
            for column in row.slotKeys where template.kind(ofColumn: column) != .text && table.values[key]?[column] == nil {
                table.values[key, default: [:]][column] = CellValue("0", at: table.location, computed: true)
            }
        }
    }

    /// A total (a cell alone on one side of a rule) that was not written, while some of its terms
    /// were, is their sum. Repeated until nothing changes, as a row's total may feed a column's.
    private func computeTotals(_ table: inout TableBlock) {
        let equations = template.rules.flatMap { CrossChecks.equations(of: $0, in: template) }
        var changed = true
        while changed {
            changed = false
            for equation in equations {
                for (total, terms) in [(equation.left, equation.right), (equation.right, equation.left)] where total.count == 1 {
                    let target = total[0]
                    guard table.values[target.row]?[target.column] == nil,
                          terms.contains(where: { !(table.values[$0.row]?[$0.column]?.text.isEmpty ?? true) }) else { continue }
                    let numbers = terms.map { cell in
                        table.values[cell.row]?[cell.column].map { reader.read($0.text, kind: template.kind(ofColumn: cell.column)).number } ?? 0
                    }
                    guard numbers.allSatisfy({ $0 != nil }) else { continue }
                    let sum = numbers.reduce(0) { $0 + $1! }
                    let printed = template.kind(ofColumn: target.column) == .signed && sum > 0 ? "+\(sum)" : String(sum)
                    table.values[target.row, default: [:]][target.column] = CellValue(printed, at: table.location, computed: true)
                    changed = true
                }
            }
        }
    }
}
