/// What an importer reads from a file, before anything is recognised: paragraphs and table rows in
/// the order of the source, each with where it was (a line for text, a paragraph's number for
/// Word, an element's line for HTML).
public struct SourceDocument: Sendable, Equatable {
    public var file: String
    public var items: [SourceItem]
    /// The page's own title (an HTML page's <title> or heading), when the format has one.
    public var title: String?

    public init(file: String, items: [SourceItem], title: String? = nil) {
        self.file = file
        self.items = items
        self.title = title
    }
}

public enum SourceItem: Sendable, Equatable {
    case paragraph(String, line: Int)
    /// A paragraph the source marks as a heading of a level (a Word heading style) without a number.
    case heading(String, level: Int, line: Int)
    /// A table's rows as the source holds them; a cell spanning columns or rows says so.
    case table([SourceRow], line: Int)

    /// A paragraph's or heading's text; nil for a table.
    var text: String? {
        switch self {
        case .paragraph(let text, _), .heading(let text, _, _): text
        case .table: nil
        }
    }

    var line: Int {
        switch self {
        case .paragraph(_, let line), .heading(_, _, let line), .table(_, let line): line
        }
    }
}

public struct SourceRow: Sendable, Equatable {
    public var cells: [SourceCell]
    public var line: Int
    /// Whether the source kept its empty cells in place (Word, HTML, a tab-separated row) or
    /// dropped them, as text copied from a portal page does: then the values are in order but
    /// their columns must be worked out.
    public var keepsEmptyCells: Bool

    public init(cells: [SourceCell], line: Int, keepsEmptyCells: Bool) {
        self.cells = cells
        self.line = line
        self.keepsEmptyCells = keepsEmptyCells
    }

    /// The cells that hold something.
    var filled: [SourceCell] { cells.filter { !$0.text.isEmpty } }
}

public struct SourceCell: Sendable, Equatable {
    public var text: String
    public var colspan: Int
    public var rowspan: Int

    public init(_ text: String, colspan: Int = 1, rowspan: Int = 1) {
        self.text = text
        self.colspan = colspan
        self.rowspan = rowspan
    }
}
