import NianbaoLayout

/// A raster picture as pixels: 8-bit RGB, and 8-bit alpha when it is not opaque.
public struct RasterImage: Sendable {
    public var width: Int
    public var height: Int
    public var rgb: [UInt8]
    public var alpha: [UInt8]?

    public init(width: Int, height: Int, rgb: [UInt8], alpha: [UInt8]?) {
        self.width = width
        self.height = height
        self.rgb = rgb
        self.alpha = alpha
    }
}

/// Writes a laid-out document as a tagged PDF 1.7 of our own, without cairo: fonts subset by
/// HarfBuzz through `openFace` (CFF, TrueType, or Type 3 drawn from outlines and pictures), every piece of text in its
/// structure element, page furniture as artifacts, links, bookmarks, page labels, Info with the
/// report's date (output is reproducible), and for PDF/A-2b the XMP metadata and an sRGB output
/// intent.
public struct TaggedPDFWriter {
    /// Which font file draws each font id (the shaper knows).
    public var fontSource: (FontID) -> FontSource
    /// Reads a font file (a font library the writer does not see: HarfBuzz).
    public var openFace: FaceOpener
    /// The pixels of a PNG, for the pictures of colour-font glyphs.
    public var decodePNG: ([UInt8]) -> RasterImage?
    /// The pixels of an image file; nil is an error (a figure is never left out silently).
    public var loadImage: (String) -> RasterImage?
    public var deflate: Deflate
    /// Named in Info and XMP as the producer.
    public var producer: String
    /// An sRGB ICC profile, to make the file PDF/A-2b.
    public var outputProfile: [UInt8]?

    public init(fontSource: @escaping (FontID) -> FontSource, openFace: @escaping FaceOpener, loadImage: @escaping (String) -> RasterImage?,
                decodePNG: @escaping ([UInt8]) -> RasterImage?, deflate: @escaping Deflate, producer: String, outputProfile: [UInt8]? = nil) {
        self.fontSource = fontSource
        self.openFace = openFace
        self.decodePNG = decodePNG
        self.loadImage = loadImage
        self.deflate = deflate
        self.producer = producer
        self.outputProfile = outputProfile
    }

    /// The PDF's bytes, and the milliseconds spent on the pages' content and on finishing (fonts,
    /// compression, the file's structure).
    public func bytes(of document: LaidOutDocument) throws -> (pdf: [UInt8], content: Double, finish: Double) {
        for page in document.pages {
            for case .image(let image) in page.items where loadImage(image.path) == nil {
                throw PDFWriteError(description: "the picture \(image.path) on page \(page.number) could not be read")
            }
        }
        let builder = PDFDocumentBuilder(writer: self)
        return try builder.build(document)
    }
}
