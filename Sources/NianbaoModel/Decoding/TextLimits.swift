/// The longest text each field of a report may hold, in characters. Real reports stay far below
/// them; past them a value is a mistake (a paragraph pasted into a heading, a file pasted into a
/// cell) that would otherwise take unbounded memory to set or run off the page. docs/limits.md
/// lists them.
public enum TextLimits {
    /// The title, all its lines together: six lines of 二号.
    public static let title = 120
    /// A section heading (a run-in heading's paragraph counts as a paragraph).
    public static let heading = 200
    /// A paragraph, a note under a table.
    public static let paragraph = 20_000
    /// A figure's caption.
    public static let caption = 200
    /// A value in a table cell.
    public static let cell = 200
    /// A reworded table label.
    public static let label = 200
    /// A full-width line under a table (填报单位 …).
    public static let footer = 500
    /// The issuing body of the signature.
    public static let agency = 100
    /// A field of the header block (索引号, 发布机构 …).
    public static let header = 200
}
