import NianbaoModel

/// A table as a grid of cells with spans, ready for layout.
public struct TableModel: Sendable, Equatable {
    /// Relative widths; the count is the number of columns.
    public var columnWeights: [Double]
    public var rowCount: Int
    /// Leading rows repeated at the top of each continuation page.
    public var headerRowCount: Int
    public var cells: [TableCell]
    /// Notes set right under the table in its type size (（注：……）).
    public var notes: [String] = []
    /// Empty data cells printed as 0 (true) or blank (false); nil: as the layout says.
    public var zeroInEmptyCells: Bool?
    /// The table's place in the report file, for messages.
    public var location: SourceLocation?

    public init(columnWeights: [Double], rowCount: Int, headerRowCount: Int, cells: [TableCell]) {
        self.columnWeights = columnWeights
        self.rowCount = rowCount
        self.headerRowCount = headerRowCount
        self.cells = cells
    }

    public var columnCount: Int { columnWeights.count }
}

/// One cell at its grid position.
public struct TableCell: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, center }

    public var row: Int
    public var column: Int
    public var rowspan: Int = 1
    public var colspan: Int = 1
    public var text: String
    public var vertical = false
    public var alignment: Alignment = .center
    /// A cell that holds one of the report's values (not a label).
    public var isData = false

    public init(row: Int, column: Int, rowspan: Int = 1, colspan: Int = 1, text: String, vertical: Bool = false,
                alignment: Alignment = .center, isData: Bool = false) {
        self.row = row
        self.column = column
        self.rowspan = rowspan
        self.colspan = colspan
        self.text = text
        self.vertical = vertical
        self.alignment = alignment
        self.isData = isData
    }

    public var rows: Range<Int> { row..<(row + rowspan) }
    public var columns: Range<Int> { column..<(column + colspan) }
}
