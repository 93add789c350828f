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
    public var isWide: Bool { text.unicodeScalars.first.map(CharacterClass.isWide) ?? false }
}
