/// Breaks and measures text. The layout engine asks; the Pango shaper (or a test's fake) answers.
public protocol TextShaper {
    /// Shapes one paragraph of styled runs into lines no wider than `request.width`.
    func shape(_ request: ShapeRequest) -> ShapedParagraph
    /// Shapes a paragraph on one endless line, for the grid line breaker: every cluster with its
    /// natural and its compressed (half-width punctuation) glyphs, and where a line may break.
    func shapeForBreaking(_ runs: [StyledRun]) -> BreakableText
}

/// A span of text in one style.
public struct StyledRun: Sendable, Hashable {
    public var text: String
    public var style: TextStyle

    public init(_ text: String, _ style: TextStyle) {
        self.text = text
        self.style = style
    }
}

/// What to shape: runs of text, the measure, and the first line's indent.
public struct ShapeRequest: Sendable, Hashable {
    public var runs: [StyledRun]
    /// The measure in points; nil sets everything on one line.
    public var width: Double?
    public var firstLineIndent: Double

    public init(runs: [StyledRun], width: Double?, firstLineIndent: Double = 0) {
        self.runs = runs
        self.width = width
        self.firstLineIndent = firstLineIndent
    }

    public var text: String { runs.map(\.text).joined() }
}
