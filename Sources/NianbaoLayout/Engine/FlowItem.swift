/// A block measured for the page loop.
enum FlowItem {
    /// Lines on the baseline grid.
    case grid(GridBlock)
    /// A ruled table, breakable between rows.
    case table(MeasuredTable)
    /// A table too wide for the upright block, set on landscape pages with the heading naming it.
    case turnedTable(MeasuredTable, heading: GridBlock?)
    /// A picture of fixed height, kept with the caption after it.
    case image(path: String, size: Size, figure: StructureElement)
}
