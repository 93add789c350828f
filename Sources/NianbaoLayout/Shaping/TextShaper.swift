/// Breaks and measures text. The layout engine asks; the Pango shaper (or a test's fake) answers.
public protocol TextShaper {
    /// Shapes one paragraph of styled runs into lines no wider than `request.width`.
    func shape(_ request: ShapeRequest) -> ShapedParagraph
    /// Shapes a paragraph on one endless line, for the grid line breaker: every cluster with its
    /// natural and its compressed (half-width punctuation) glyphs, and where a line may break.
    func shapeForBreaking(_ runs: [StyledRun]) -> BreakableText
}

/// A paragraph's clusters ready for line breaking.
public struct BreakableText: Sendable, Equatable {
    /// A cluster as set normally and with its punctuation compressed (the same when it has none).
    public struct Unit: Sendable, Equatable {
        public var cluster: PositionedCluster
        public var compressed: PositionedCluster
        /// A line may start with this cluster (Pango's UAX #14 rules: kinsoku included).
        public var canBreakBefore: Bool

        public init(cluster: PositionedCluster, compressed: PositionedCluster, canBreakBefore: Bool) {
            self.cluster = cluster
            self.compressed = compressed
            self.canBreakBefore = canBreakBefore
        }
    }

    public var units: [Unit]
    public var missingCharacters: [Character]

    public init(units: [Unit], missingCharacters: [Character] = []) {
        self.units = units
        self.missingCharacters = missingCharacters
    }
}

/// One cluster with its glyphs placed from the cluster's own left edge.
public struct PositionedCluster: Sendable, Equatable {
    public var text: String
    public var font: FontID
    public var size: Double
    public var glyphs: [Glyph]
    public var advance: Double

    public init(text: String, font: FontID, size: Double, glyphs: [Glyph], advance: Double) {
        self.text = text
        self.font = font
        self.size = size
        self.glyphs = glyphs
        self.advance = advance
    }
}

/// A span of text in one style.
public struct StyledRun: Sendable, Equatable {
    public var text: String
    public var style: TextStyle

    public init(_ text: String, _ style: TextStyle) {
        self.text = text
        self.style = style
    }
}

/// What to shape: runs of text, the measure, and the first line's indent.
public struct ShapeRequest: Sendable, Equatable {
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

/// Lines as the shaper broke them, with every glyph's position.
public struct ShapedParagraph: Sendable, Equatable {
    public var lines: [ShapedLine]
    /// Characters no font of the chain could draw.
    public var missingCharacters: [Character]

    public init(lines: [ShapedLine], missingCharacters: [Character] = []) {
        self.lines = lines
        self.missingCharacters = missingCharacters
    }
}

/// One line of glyphs, positioned from the line's left edge at x = 0 on its baseline.
public struct ShapedLine: Sendable, Equatable {
    public var runs: [GlyphRun]
    /// Where the line starts relative to the paragraph's left edge (the first line's indent).
    public var x: Double
    /// Natural advance width of the line, from `x`.
    public var width: Double
    /// Extents above and below the baseline of the largest font on the line.
    public var ascent: Double
    public var descent: Double

    public init(runs: [GlyphRun], x: Double, width: Double, ascent: Double, descent: Double) {
        self.runs = runs
        self.x = x
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// A line of clusters set one after another from `x`.
    public init(clusters: [PositionedCluster], x: Double) {
        var pen = 0.0
        var placed: [(PositionedCluster, Double)] = []
        for cluster in clusters {
            placed.append((cluster, pen))
            pen += cluster.advance
        }
        self.init(placing: placed, x: x, width: pen)
    }

    /// A line of clusters each at its own offset from the line's start. Clusters without glyphs keep
    /// their text in the cluster before them (a mark drawn as nothing) or are dropped (white space).
    public init(placing placed: [(cluster: PositionedCluster, offset: Double)], x: Double, width: Double) {
        var runs: [GlyphRun] = []
        var size = 0.0
        for (cluster, offset) in placed {
            size = max(size, cluster.size)
            guard !cluster.glyphs.isEmpty else {
                if !cluster.text.allSatisfy(\.isWhitespace), !runs.isEmpty, !runs[runs.count - 1].clusters.isEmpty {
                    runs[runs.count - 1].clusters[runs[runs.count - 1].clusters.count - 1].text += cluster.text
                }
                continue
            }
            let glyphs = cluster.glyphs.map { Glyph(id: $0.id, x: $0.x + offset, y: $0.y, advance: $0.advance) }
            let mapped = GlyphCluster(text: cluster.text, glyphCount: glyphs.count)
            if let last = runs.last, last.font == cluster.font, last.size == cluster.size {
                runs[runs.count - 1].glyphs += glyphs
                runs[runs.count - 1].clusters.append(mapped)
            } else {
                runs.append(GlyphRun(font: cluster.font, size: cluster.size, glyphs: glyphs, clusters: [mapped]))
            }
        }
        self.init(runs: runs, x: x, width: width, ascent: 0.88 * size, descent: 0.12 * size)
    }

    /// The characters of the line.
    public var text: String { runs.map { $0.clusters.map(\.text).joined() }.joined() }

    /// Number of characters (grapheme clusters) on the line.
    public var characterCount: Int { text.count }
}

/// A font the shaper picked, known to the painter by this id; ids count up in order of first use.
public struct FontID: Sendable, Hashable {
    public var rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
}

/// Consecutive glyphs of one font.
public struct GlyphRun: Sendable, Equatable {
    public var font: FontID
    public var size: Double
    public var glyphs: [Glyph]
    /// Text-to-glyph mapping, in order; keeps the PDF's text exactly as written.
    public var clusters: [GlyphCluster]

    public init(font: FontID, size: Double, glyphs: [Glyph], clusters: [GlyphCluster]) {
        self.font = font
        self.size = size
        self.glyphs = glyphs
        self.clusters = clusters
    }
}

/// A glyph at a position relative to its line's start and baseline.
public struct Glyph: Sendable, Equatable {
    public var id: UInt32
    public var x: Double
    public var y: Double
    public var advance: Double

    public init(id: UInt32, x: Double, y: Double = 0, advance: Double) {
        self.id = id
        self.x = x
        self.y = y
        self.advance = advance
    }
}

/// Characters drawn by a group of glyphs (usually one character, one glyph).
public struct GlyphCluster: Sendable, Equatable {
    public var text: String
    public var glyphCount: Int

    public init(text: String, glyphCount: Int) {
        self.text = text
        self.glyphCount = glyphCount
    }

    /// CJK ideographs, kana and full-width marks take justification space; Latin letters and digits don't.
    public var isWide: Bool { text.first.map(CharacterClass.isWide) ?? false }
}

/// Classifies characters for justification and punctuation rules.
public enum CharacterClass {
    public static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(isWide) ?? false
    }

    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        case 0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7:   // — … “ ” ‘ ’ · set full width in Chinese
            return true
        default:
            return false
        }
    }

    /// Full-width marks with a blank half that may be taken out (标点挤压): closing marks inked on
    /// their left, opening marks on their right. ！ and ？ are left alone, and so are quotation marks,
    /// whose width differs between fonts.
    public static func isCompressible(_ character: Character) -> Bool { compressible.contains(character) }

    /// Opening brackets and quotation marks.
    public static func isOpening(_ character: Character) -> Bool { opening.contains(character) }

    /// Full-width punctuation of Chinese text.
    public static func isPunctuation(_ character: Character) -> Bool { punctuation.contains(character) }

    private static let compressible = Set<Character>("，。、；：）》」』〕】（《「『〔【")
    private static let opening = Set<Character>("（《「『〔【“‘")
    private static let punctuation = Set<Character>("，。、；：？！）》」』〕】（《「『〔【“”‘’—…·")

}
