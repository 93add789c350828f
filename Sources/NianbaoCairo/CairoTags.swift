import NianbaoLayout

extension StructureRole {
    /// cairo's tag attributes: a link's `uri='…'`, quotes and backslashes escaped.
    var cairoAttributes: String {
        guard case .link(let url) = self else { return "" }
        return "uri='" + url.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
