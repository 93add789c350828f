/// How a run of text is set: a font fallback chain, a size and extra spacing between characters.
public struct TextStyle: Sendable, Hashable {
    public enum Weight: String, Sendable, Hashable { case regular, bold }

    /// Families in order of preference; the shaper falls back along them per character.
    public var families: [String]
    public var size: Double
    public var weight: Weight
    /// Added after every character (negative to tighten), in points.
    public var letterSpacing: Double
    /// OpenType features to turn on (tnum: tabular figures; vert: vertical forms).
    public var features: [String] = []

    public init(families: [String], size: Double, weight: Weight = .regular, letterSpacing: Double = 0) {
        self.families = families
        self.size = size
        self.weight = weight
        self.letterSpacing = letterSpacing
    }

    public func with(size: Double) -> TextStyle { var s = self; s.size = size; return s }
    public func with(letterSpacing: Double) -> TextStyle { var s = self; s.letterSpacing = letterSpacing; return s }
    public func with(features: [String]) -> TextStyle { var s = self; s.features = features; return s }
}

/// The typographic roles a layout assigns fonts to.
public enum FontRole: String, Sendable, CaseIterable {
    case title, body, heading1, heading2, heading3, heading4
    case tableTitle = "table-title", table, caption
    case pageNumber = "page-number"
    /// Digits and Latin letters inside 仿宋 text (body, levels 3 and 4): a font whose strokes match
    /// the 仿宋's weight; a layout that does not name it uses the body's chain.
    case latin

    /// Roles a layout may leave out, with the role standing in for them.
    public var standIn: FontRole? { self == .latin ? .body : nil }

    /// Roles set in 仿宋 whose digits and Latin letters take the `latin` role.
    public var takesLatinRole: Bool { self == .body || self == .heading3 || self == .heading4 }

    /// The role of a section heading at a depth of 1 to 4.
    public static func heading(level: Int) -> FontRole {
        [.heading1, .heading2, .heading3, .heading4][min(max(level, 1), 4) - 1]
    }
}
