/// Which font file (and face in a collection) draws a font, as fontconfig chose it.
public struct FontSource: Hashable, Sendable {
    public var file: String
    /// fontconfig's index: the face in a collection (`.ttc`) in the low 16 bits, and for a
    /// variable font the named instance plus one above them (0: the default instance).
    public var index: Int
    /// fontconfig asks for synthetic bold (a bold style of a family without a bold face).
    public var embolden: Bool

    public init(file: String, index: Int = 0, embolden: Bool = false) {
        self.file = file
        self.index = index
        self.embolden = embolden
    }

    /// The face's index in its file.
    public var faceIndex: Int { index & 0xFFFF }
    /// The named instance of a variable font (0-based), nil for its default instance.
    public var namedInstance: Int? { index >> 16 > 0 ? (index >> 16) - 1 : nil }
}

/// How a face's glyphs go into the PDF.
public enum FaceFormat: Sendable, Equatable {
    /// A TrueType subset (FontFile2), glyphs chosen by CIDToGIDMap.
    case trueType
    /// A bare CFF subset (FontFile3 /CIDFontType0C); codes are CIDs when it is CID-keyed, glyph
    /// indices otherwise (the subset keeps them).
    case compact
    /// Drawn from the outlines or pictures of its glyphs as Type 3 fonts: CFF2, colour and bitmap
    /// fonts, variable fonts that cannot be instanced, and fonts whose glyphs a reader would reject.
    case drawn
}

/// The metrics a font descriptor needs, in font units.
public struct FaceMetrics: Sendable, Equatable {
    public var unitsPerEm: Int
    public var ascent: Int
    public var descent: Int
    public var capHeight: Int
    public var italicAngle: Double
    /// xMin, yMin, xMax, yMax.
    public var boundingBox: [Int]
    /// The PostScript name, letters, digits, - and _ only, at most 63 bytes.
    public var postScriptName: String

    public init(unitsPerEm: Int, ascent: Int, descent: Int, capHeight: Int, italicAngle: Double, boundingBox: [Int], postScriptName: String) {
        self.unitsPerEm = unitsPerEm
        self.ascent = ascent
        self.descent = descent
        self.capHeight = capHeight
        self.italicAngle = italicAngle
        self.boundingBox = boundingBox
        self.postScriptName = postScriptName
    }
}

/// A font program made for one document: its bytes, and for TrueType the subset's glyph index
/// of each original glyph.
public struct FontSubset: Sendable {
    public var bytes: [UInt8]
    public var newGlyph: [Int: Int]

    public init(bytes: [UInt8], newGlyph: [Int: Int] = [:]) {
        self.bytes = bytes
        self.newGlyph = newGlyph
    }
}

/// One element of a glyph's outline, in font units, y up.
public enum OutlineElement: Sendable, Equatable {
    case move(Double, Double)
    case line(Double, Double)
    case quadratic(Double, Double, Double, Double)
    case cubic(Double, Double, Double, Double, Double, Double)
    case close
}

/// A glyph as a Type 3 font draws it: its outline, or the picture a colour or bitmap font holds
/// for it (PNG bytes) with the rectangle it fills, in font units.
public struct GlyphDrawing: Sendable {
    public var outline: [OutlineElement]
    public var picture: (png: [UInt8], x: Double, y: Double, width: Double, height: Double)?

    public init(outline: [OutlineElement] = [], picture: (png: [UInt8], x: Double, y: Double, width: Double, height: Double)? = nil) {
        self.outline = outline
        self.picture = picture
    }
}

/// A font face as the writer needs it, read by a font library the writer does not see (HarfBuzz,
/// injected as `TaggedPDFWriter.openFace`). Shared by every worker of a batch, so thread-safe.
public protocol EmbeddableFace: AnyObject, Sendable {
    var metrics: FaceMetrics { get }
    var format: FaceFormat { get }
    /// The code a glyph has in content streams: its CID in a CID-keyed CFF, its index otherwise.
    func code(of glyph: Int) -> Int
    /// Whether a reader can load the glyph from an embedded subset (its data is sound).
    func canEmbed(_ glyph: Int) -> Bool
    /// The advance in font units, of the instance the shaper used.
    func advance(of glyph: Int) -> Int
    /// A subset with these glyphs, checked the way a reader will load it; nil when it cannot be
    /// made or would not load (the writer then draws the face as Type 3).
    func subset(_ glyphs: [Int]) -> FontSubset?
    /// What a Type 3 font paints for a glyph.
    func drawing(of glyph: Int) -> GlyphDrawing
}

/// A face read from a font file, or why it cannot be.
public typealias FaceOpener = @Sendable (FontSource) throws -> any EmbeddableFace

/// A font file the writer cannot use.
public struct FontFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var reason: String
    /// The error this one reports, when it comes from another (HarfBuzz's or FreeType's reader).
    public var cause: (any Error)?
    public var description: String { "\(file): \(reason)" }

    public init(file: String, reason: String, cause: (any Error)? = nil) {
        self.file = file
        self.reason = reason
        self.cause = cause
    }
}
