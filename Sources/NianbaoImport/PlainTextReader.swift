import Foundation

/// Text as copied from a portal page: a line is a paragraph, a line with `|` or a tab between cells
/// is a table row, and rows that follow one another are one table. Copied text drops a table's
/// empty cells and leaves their separators at the end of the row (`规章 | |||`); a tab-separated
/// row keeps every cell in its place.
public enum PlainTextReader {
    public static func read(_ text: String, file: String) -> SourceDocument {
        var items: [SourceItem] = []
        var rows: [SourceRow] = []
        func endTable() {
            if let first = rows.first { items.append(.table(rows, line: first.line)) }
            rows = []
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { endTable(); continue }
            if let row = row(raw, line: line) {
                rows.append(row)
            } else {
                endTable()
                items.append(.paragraph(text, line: line))
            }
        }
        endTable()
        return SourceDocument(file: file, items: items)
    }

    /// A table row, or nil for a paragraph.
    static func row(_ raw: Substring, line: Int) -> SourceRow? {
        let trimmed = raw.trimmingCharacters(in: .newlines)
        if trimmed.contains("\t") {
            let cells = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map { SourceCell(clean($0)) }
            return SourceRow(cells: cells, line: line, keepsEmptyCells: true)
        }
        guard trimmed.contains("|") else { return nil }
        var cells = trimmed.split(separator: "|", omittingEmptySubsequences: false).map { SourceCell(clean($0)) }
        while cells.last?.text.isEmpty == true { cells.removeLast() }
        // The separators at the end stand for the cells the copy dropped; those between filled
        // cells are where a cell was empty but kept.
        return SourceRow(cells: cells, line: line, keepsEmptyCells: false)
    }

    /// A cell's text without the spaces around it, and a label spelled out with spaces between its
    /// characters (三 、 本 年 度) closed up.
    static func clean(_ cell: Substring) -> String {
        cell.trimmingCharacters(in: .whitespaces)
    }
}
