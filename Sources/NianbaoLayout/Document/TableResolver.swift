import NianbaoModel

/// Places a template's cells on a grid (as HTML tables do: each cell takes the next free column,
/// skipping columns held by row spans from above) and fills in the report's values and wording.
public enum TableResolver {
    public static func resolve(_ template: TableTemplate, with data: TableBlock) throws -> TableModel {
        let columns = template.columnWidths.count
        var taken: [[Bool]] = []
        var cells: [TableCell] = []

        func fail(_ row: Int, _ message: String) -> InputError {
            InputError(.error(at: nil, field: "template \(template.id), row \(row + 1)", Message(verbatim: message)))
        }
        func place(_ cell: TableCell) throws {
            guard cell.column + cell.colspan <= columns else {
                throw fail(cell.row, "cells reach past the table's \(columns) columns")
            }
            while taken.count < cell.row + cell.rowspan { taken.append(Array(repeating: false, count: columns)) }
            for r in cell.rows { for c in cell.columns { taken[r][c] = true } }
            cells.append(cell)
        }
        func nextFree(_ row: Int, from column: Int) -> Int {
            var c = column
            while row < taken.count, c < columns, taken[row][c] { c += 1 }
            return c
        }

        for (row, templateRow) in template.rows.enumerated() {
            var column = 0
            for label in templateRow.cells {
                column = nextFree(row, from: column)
                let text = label.labelID.flatMap { data.labels[$0] } ?? label.text
                try place(TableCell(row: row, column: column, rowspan: label.rowspan, colspan: label.colspan,
                                    text: TextNormalizer.normalize(text), vertical: label.vertical,
                                    alignment: label.alignment == .left ? .left : .center))
                column += label.colspan
            }
            let values = templateRow.key.flatMap { data.values[$0] } ?? [:]
            for slot in templateRow.slots {
                column = nextFree(row, from: column)
                try place(TableCell(row: row, column: column, colspan: slot.colspan, text: values[slot.key]?.text ?? "", isData: true))
                column += slot.colspan
            }
            column = nextFree(row, from: column)
            while column < columns {   // empty cells fill the rest of the row
                try place(TableCell(row: row, column: column, text: ""))
                column = nextFree(row, from: column + 1)
            }
        }
        var rowCount = template.rows.count
        guard taken.count <= rowCount else { throw fail(rowCount - 1, "a row span reaches past the last row") }
        for line in data.footer {
            try place(TableCell(row: rowCount, column: 0, colspan: columns, text: TextNormalizer.normalize(line),
                                alignment: .left))
            rowCount += 1
        }
        return TableModel(columnWeights: template.columnWidths, rowCount: rowCount,
                          headerRowCount: template.headerRowCount, cells: cells)
    }
}
