/// The report's text in reading order, one paragraph, heading or table cell per line: what a
/// reader (or pdftotext) should find in the PDF.
public enum PlainText {
    /// With `tableCells` false, statistical tables give only their titles: text extractors read
    /// ruled tables column by column, so their cells have no one reading order to compare with.
    public static func lines(of blocks: [DocumentBlock], tableCells: Bool = true) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .headerBlock(let table): return cells(of: table)
            case .title(let lines): return [lines.joined()]
            case .paragraph(let text): return [text.text]
            case .figure(let figure): return [figure.caption]
            case .table(let title, let table): return (title.map { [$0] } ?? []) + (tableCells ? cells(of: table) : []) + table.notes
            case .signature(let agency, let date): return [agency, date]
            }
        }
    }

    /// Non-empty cells, row by row, left to right.
    static func cells(of table: TableModel) -> [String] {
        table.cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map(\.text).filter { !$0.isEmpty }
    }
}
