import NianbaoLayout
import NianbaoModel
import NianbaoPDF
import NianbaoFonts
import NianbaoCairo
import NianbaoShaping
import NianbaoSystem

/// Makes a laid-out document a tagged PDF with nianbao's own writer (`TaggedPDFWriter`), given the
/// shaper's fonts, the report's decoded pictures and the Deflater's compression.
enum PDFWriter {
    /// `images`: the pictures by path, decoded when the report was read. `outputProfile`: an sRGB
    /// ICC profile, to make the file PDF/A-2b. Returns the file's bytes and the milliseconds spent
    /// on the pages' content and on finishing the file.
    static func bytes(of document: LaidOutDocument, shaper: PangoShaper, deflater: Deflater = Deflater(),
                             images: [String: RasterImage] = [:], outputProfile: [UInt8]? = nil)
        throws -> (content: Double, finish: Double, bytes: [UInt8]) {
        let writer = TaggedPDFWriter(fontSource: { shaper.fontSource(of: $0) }, openFace: { try FontFaces.shared.open($0) },
                                     loadImage: { images[$0] }, decodePNG: { try? RasterFile.decode($0).get() },
                                     deflate: deflater.deflate(_:effort:), producer: document.info.creator, outputProfile: outputProfile)
        do {
            let result = try writer.bytes(of: document)
            return (result.content, result.finish, result.pdf)
        } catch let error as PDFWriteError {
            throw PaintError(description: error.description, cause: error)
        }
    }
}
