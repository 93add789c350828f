/// A block measured for the page loop.
enum FlowItem {
    /// Lines on the baseline grid.
    case grid(GridBlock)
    /// A ruled table, breakable between rows.
    case table(MeasuredTable)
    /// A picture of fixed height, kept with the caption after it.
    case image(path: String, size: Size)
}
