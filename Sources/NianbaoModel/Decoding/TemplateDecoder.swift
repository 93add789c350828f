import Foundation

/// Reads a table template file (`layouts/templates/NAME.yaml`).
public enum TemplateDecoder {
    /// Most rows a table template may have (the national tables have under 30).
    public static let maxRows = 500

    public static func decode(file path: String) throws -> TemplateSet {
        let root = try NodeReader.parse(try SourceText.read(path), file: path)
        let f = try root.fields(allowed: ["name", "description", "tables", "parts", "placeholders"])
        var tables: [String: TableTemplate] = [:]
        let entries = try f.required("tables").entries()
        for entry in entries {
            tables[entry.key] = try decodeTable(entry.value, id: entry.key)
        }
        var set = TemplateSet(name: try f.required("name").nonEmptyString(), tables: tables, order: entries.map(\.key))
        for item in try f["parts"]?.list() ?? [] {
            guard item.isMapping else { set.parts.append(ReportPart(heading: try item.nonEmptyString())); continue }
            let p = try item.fields(allowed: ["part", "table", "also"])
            var key: String?
            if let table = p["table"] {
                key = try table.nonEmptyString()
                guard tables[key!] != nil else { throw table.error(Message("no table '\(key!)' in this template", "本模板没有表格 '\(key!)'")) }
            }
            set.parts.append(ReportPart(heading: try p.required("part").nonEmptyString(), table: key,
                                        variants: try p["also"]?.list().map { try $0.nonEmptyString() } ?? []))
        }
        set.placeholders += try f["placeholders"]?.list().map { try $0.nonEmptyString() } ?? []
        return set
    }

    static func decodeTable(_ reader: NodeReader, id: String) throws -> TableTemplate {
        let f = try reader.fields(allowed: ["name", "title", "columns", "header-rows", "kinds", "slots", "rows",
                                            "column-labels", "column-headers", "rules", "narrative", "year-over-year"])
        let widths = try f.required("columns").list().map { try $0.double() }
        let defaultSlots = try f["slots"]?.list().map(decodeSlot) ?? []
        var kinds: [String: CellKind] = [:]
        for entry in try f["kinds"]?.entries() ?? [] {
            let name = try entry.value.nonEmptyString()
            guard let kind = CellKind(rawValue: name) else {
                let kinds = CellKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw entry.value.error(Message("unknown cell kind '\(name)' (one of: \(kinds))", "没有单元格类型 '\(name)'（可用：\(kinds)）"))
            }
            kinds[entry.key] = kind
        }
        let rowReaders = try f.required("rows").list()
        if rowReaders.count > maxRows {
            throw try f.required("rows").error(Message("\(rowReaders.count) rows; a table has at most \(maxRows)",
                                                       "有 \(rowReaders.count) 行；一张表最多 \(maxRows) 行"))
        }
        var rows = try rowReaders.map { try decodeRow($0, defaultSlots: defaultSlots) }
        let headerRows = try f["header-rows"]?.int() ?? 0
        guard (0...rows.count).contains(headerRows) else {
            throw f["header-rows"]!.error(Message("must be between 0 and the number of rows (\(rows.count))", "应在 0 到行数（\(rows.count)）之间"))
        }
        var labels: [String: String] = [:]
        for entry in try f["column-labels"]?.entries() ?? [] { labels[entry.key] = try entry.value.nonEmptyString() }
        // A header cell that prints a column's label can be reworded by the column's key (unless a row
        // has that key: a row's label is reworded by its key).
        let rowKeys = Set(rows.compactMap(\.key))
        let keyByLabel = Dictionary(labels.filter { !rowKeys.contains($0.key) }.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for r in rows.indices where rows[r].isHeader {
            for c in rows[r].cells.indices where rows[r].cells[c].labelID == nil {
                rows[r].cells[c].labelID = keyByLabel[rows[r].cells[c].text]
            }
        }
        var textByID: [String: String] = [:]
        for cell in rows.flatMap(\.cells) {
            guard let id = cell.labelID else { continue }
            if let other = textByID[id], other != cell.text {
                throw reader.error(Message("label id '\(id)' names two different labels (\(other), \(cell.text)); a report could not reword one alone",
                                           "栏目编号 '\(id)' 对应两个不同的栏目（\(other)、\(cell.text)），年报无法只改其中一个"))
            }
            textByID[id] = cell.text
        }
        let rules = try f["rules"]?.list().map { try decodeRule($0, rows: rows) } ?? []
        var template = TableTemplate(id: id, name: try f.required("name").nonEmptyString(),
                                     title: try f.required("title").nonEmptyString(), columnWidths: widths,
                                     headerRowCount: headerRows, rows: rows, kinds: kinds, columnLabels: labels, rules: rules)
        for item in try f["narrative"]?.list() ?? [] {
            let n = try item.fields(allowed: ["cell", "pattern"])
            let cell = try n.required("cell").nonEmptyString()
            let pattern = try n.required("pattern").nonEmptyString()
            guard let dot = cell.lastIndex(of: "."), let row = template.row(String(cell[..<dot])),
                  row.slotKeys.contains(String(cell[cell.index(after: dot)...])) else {
                throw try n.required("cell").error(Message("'\(cell)' is not ROW.COLUMN of this table", "'\(cell)' 不是本表的“行.列”"))
            }
            guard let regex = try? NSRegularExpression(pattern: pattern), regex.numberOfCaptureGroups >= 1 else {
                throw try n.required("pattern").error(Message("not a regular expression with a group for the number", "不是带有数字分组的正则表达式"))
            }
            template.narrative.append(NarrativeFigure(row: row.key!, column: String(cell[cell.index(after: dot)...]), pattern: pattern))
        }
        for entry in try f["year-over-year"]?.entries() ?? [] {
            guard let rule = YearOverYearRule(column: entry.key, expression: try entry.value.string()),
                  rule.terms.allSatisfy({ term in rows.contains { $0.slotKeys.contains(term.column) } }) else {
                throw entry.value.error(Message("write it as 'last.COLUMN + COLUMN - COLUMN' with columns of this table",
                                                "请写作 'last.列 + 列 - 列'，列须为本表的列"))
            }
            template.yearOverYear.append(rule)
        }
        for entry in try f["column-headers"]?.entries() ?? [] {
            let id = try entry.value.nonEmptyString()
            guard template.labelText(id) != nil else { throw entry.value.error(Message("no label has the id '\(id)'", "没有编号为 '\(id)' 的栏目")) }
            template.columnHeaderIDs[entry.key] = id
        }
        return template
    }

    /// `{per: column, check: "a + b = c"}`; every term must name a row (per column) or a column (per row).
    static func decodeRule(_ reader: NodeReader, rows: [TemplateRow]) throws -> CrossCheck {
        let f = try reader.fields(allowed: ["per", "check"])
        let perReader = try f.required("per")
        guard let per = CrossCheck.Direction(rawValue: try perReader.string()) else {
            throw perReader.error(Message("per is column (terms are rows) or row (terms are columns)", "per 只能是 column（各项为行）或 row（各项为列）"))
        }
        let expression = try f.required("check")
        guard let rule = CrossCheck(per: per, expression: try expression.string()) else {
            throw expression.error(Message("a check reads 'a + b = c + d'", "校验式应写作 'a + b = c + d'"))
        }
        let known = per == .column ? rows.compactMap(\.key) : Array(Set(rows.flatMap(\.slotKeys)))
        for term in rule.left + rule.right {
            let matches = term.hasSuffix(".*") ? known.contains { $0.hasPrefix(String(term.dropLast(1))) } : known.contains(term)
            if !matches {
                throw expression.error(Message("'\(term)' names no \(per == .column ? "row" : "column") of the table",
                                               "'\(term)' 不是本表的\(per == .column ? "行" : "列")"))
            }
        }
        return rule
    }

    static func decodeSlot(_ reader: NodeReader) throws -> Slot {
        guard reader.isMapping else { return Slot(try reader.nonEmptyString()) }
        let f = try reader.fields(allowed: ["key", "colspan"])
        return Slot(try f.required("key").nonEmptyString(), colspan: try f["colspan"]?.int() ?? 1)
    }

    static func decodeRow(_ reader: NodeReader, defaultSlots: [Slot]) throws -> TemplateRow {
        let f = try reader.fields(allowed: ["header", "row", "label", "slots"])
        if let header = f["header"] {
            return TemplateRow(key: nil, cells: try header.list().map { try decodeCell($0, defaultID: nil) }, slots: [])
        }
        let key = try f.required("row").nonEmptyString()
        var cells: [TemplateCell] = []
        if let label = f["label"] {
            let readers = label.isSequence ? try label.list() : [label]
            cells = try readers.map { try decodeCell($0, defaultID: nil) }
            // The last label cell names the row; a report rewords it by the row's key.
            if cells[cells.count - 1].labelID == nil { cells[cells.count - 1].labelID = key }
        }
        let slots = try f["slots"]?.list().map(decodeSlot) ?? defaultSlots
        return TemplateRow(key: key, cells: cells, slots: slots)
    }

    static func decodeCell(_ reader: NodeReader, defaultID: String?) throws -> TemplateCell {
        guard reader.isMapping else { return TemplateCell(text: try reader.string(), labelID: defaultID) }
        let f = try reader.fields(allowed: ["text", "id", "colspan", "rowspan", "vertical", "align"])
        var cell = TemplateCell(text: try f["text"]?.string() ?? "", labelID: try f["id"]?.nonEmptyString() ?? defaultID)
        cell.colspan = try f["colspan"]?.int() ?? 1
        cell.rowspan = try f["rowspan"]?.int() ?? 1
        guard cell.colspan >= 1, cell.rowspan >= 1 else { throw reader.error(Message("spans must be 1 or more", "跨行跨列数至少为 1")) }
        cell.vertical = try f["vertical"]?.bool() ?? false
        if let align = f["align"] {
            guard let value = TemplateCell.Alignment(rawValue: try align.string()) else {
                throw align.error(Message("align is left or center", "align 只能是 left 或 center"))
            }
            cell.alignment = value
        }
        return cell
    }
}
