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

    /// The first scalar, by which the cluster is classed.
    public var lead: Unicode.Scalar? { text.unicodeScalars.first }

    /// Set in a grid cell of its own.
    public var isWide: Bool { lead.map(CharacterClass.isWide) ?? false }
}
