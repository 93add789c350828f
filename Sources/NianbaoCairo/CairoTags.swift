import NianbaoLayout

extension StructureRole {
    /// The tag cairo's PDF surface writes for the role (its names are the PDF structure types).
    var cairoTag: String {
        switch self {
        case .document: "Document"
        case .heading(let level): "H\(min(max(level, 1), 6))"
        case .paragraph: "P"
        case .label: "Lbl"
        case .span: "Span"
        case .link: "Link"
        case .table: "Table"
        case .row: "TR"
        case .headerCell: "TH"
        case .cell: "TD"
        case .figure: "Figure"
        case .caption: "Caption"
        }
    }

    /// cairo's tag attributes: a link's `uri='…'`, quotes and backslashes escaped.
    var cairoAttributes: String {
        guard case .link(let url) = self else { return "" }
        return "uri='" + url.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
