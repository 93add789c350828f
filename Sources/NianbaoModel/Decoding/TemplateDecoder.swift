/// Reads a table template file (`layouts/templates/NAME.yaml`).
public enum TemplateDecoder {
    public static func decode(file path: String) throws -> TemplateSet {
        let root = try NodeReader.parse(try SourceText.read(path), file: path)
        let f = try root.fields(allowed: ["name", "description", "tables"])
        var tables: [String: TableTemplate] = [:]
        for entry in try f.required("tables").entries() {
            tables[entry.key] = try decodeTable(entry.value, id: entry.key)
        }
        return TemplateSet(name: try f.required("name").nonEmptyString(), tables: tables)
    }

    static func decodeTable(_ reader: NodeReader, id: String) throws -> TableTemplate {
        let f = try reader.fields(allowed: ["title", "columns", "header-rows", "kinds", "slots", "rows"])
        let widths = try f.required("columns").list().map { try $0.double() }
        let defaultSlots = try f["slots"]?.list().map { try $0.nonEmptyString() } ?? []
        var kinds: [String: CellKind] = [:]
        for entry in try f["kinds"]?.entries() ?? [] {
            let name = try entry.value.nonEmptyString()
            guard let kind = CellKind(rawValue: name) else {
                throw entry.value.error("unknown cell kind '\(name)' (one of: \(CellKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kinds[entry.key] = kind
        }
        let rows = try f.required("rows").list().map { try decodeRow($0, defaultSlots: defaultSlots) }
        let headerRows = try f["header-rows"]?.int() ?? 0
        guard (0...rows.count).contains(headerRows) else {
            throw f["header-rows"]!.error("must be between 0 and the number of rows (\(rows.count))")
        }
        return TableTemplate(id: id, title: try f.required("title").nonEmptyString(), columnWidths: widths,
                             headerRowCount: headerRows, rows: rows, kinds: kinds)
    }

    static func decodeRow(_ reader: NodeReader, defaultSlots: [String]) throws -> TemplateRow {
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
        let slots = try f["slots"]?.list().map { try $0.nonEmptyString() } ?? defaultSlots
        return TemplateRow(key: key, cells: cells, slots: slots)
    }

    static func decodeCell(_ reader: NodeReader, defaultID: String?) throws -> TemplateCell {
        guard reader.isMapping else { return TemplateCell(text: try reader.string(), labelID: defaultID) }
        let f = try reader.fields(allowed: ["text", "id", "colspan", "rowspan", "vertical", "align"])
        var cell = TemplateCell(text: try f["text"]?.string() ?? "", labelID: try f["id"]?.nonEmptyString() ?? defaultID)
        cell.colspan = try f["colspan"]?.int() ?? 1
        cell.rowspan = try f["rowspan"]?.int() ?? 1
        guard cell.colspan >= 1, cell.rowspan >= 1 else { throw reader.error("spans must be 1 or more") }
        cell.vertical = try f["vertical"]?.bool() ?? false
        if let align = f["align"] {
            guard let value = TemplateCell.Alignment(rawValue: try align.string()) else {
                throw align.error("align is left or center")
            }
            cell.alignment = value
        }
        return cell
    }
}
