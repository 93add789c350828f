import NianbaoLayout

extension StructureRole {
    /// The standard structure type (ISO 32000-1, 14.8.4) the writer gives the role.
    var pdfType: String {
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
}
