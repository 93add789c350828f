import Foundation
import NianbaoPDF
import Testing
@testable import NianbaoFonts

/// Faces read through HarfBuzz from the fonts of the README's packages: each outline format picks
/// the embedding a reader loads, codes and subsets agree, variable and colour fonts draw the
/// instance and picture asked for.
struct HarfBuzzFaceTests {
    static let serifCJK = FontSource(file: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", index: 2)
    static let fandol = FontSource(file: "/usr/local/share/fonts/fandol/FandolFang-Regular.otf")
    static let dejaVu = FontSource(file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    static let cantarell = FontSource(file: "/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf")
    static let inter = "/usr/share/fonts/truetype/inter-vf/Inter.var.ttf"
    static let emoji = FontSource(file: "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")

    /// A temporary copy of bytes as a font file.
    static func file(_ bytes: [UInt8], suffix: String = ".ttf") throws -> String {
        let path = NSTemporaryDirectory() + "nianbao-font-\(UUID().uuidString)\(suffix)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A CID-keyed CFF shows glyphs by CID: FandolFang's CIDs are not its glyph indices past 10,000.
    @Test func cidKeyedCFFShowsCIDs() throws {
        let face = try HarfBuzzFace(Self.fandol)
        #expect(face.format == .compact)
        let guo = try #require(face.glyph(for: "国"))
        #expect(face.code(of: guo) > 0)
        let codes = (1..<face.glyphCount).map(face.code(of:))
        #expect(Set(codes).count == codes.count, "one code per glyph")
        #expect(zip(1..<face.glyphCount, codes).contains { $0 != $1 }, "some CIDs differ from glyph indices")
        let subset = try #require(face.subset([0, guo]))
        #expect(subset.bytes.prefix(3) == [1, 0, 4], "a bare CFF table (major 1, header 4 bytes)")
        #expect(subset.bytes.count < 20_000)
    }

    /// TrueType: a subset maps each glyph to its new index, with its advance and outline intact;
    /// a composite's parts come along.
    @Test func trueTypeSubsetKeepsAdvancesAndOutlines() throws {
        let face = try HarfBuzzFace(Self.dejaVu)
        #expect(face.format == .trueType)
        let glyphs = try ["A", "Ä", "国", "g"].compactMap { face.glyph(for: $0) }.map { $0 } + [0]
        #expect(glyphs.count == 4, "DejaVu has no 国")
        let subset = try #require(face.subset(glyphs))
        let path = try Self.file(subset.bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reread = try HarfBuzzFace(FontSource(file: path))
        #expect(reread.glyphCount > 4, "Ä is a composite: its parts are in the subset")
        for glyph in glyphs {
            let new = try #require(subset.newGlyph[glyph])
            #expect(reread.advance(of: new) == face.advance(of: glyph))
            #expect(reread.drawing(of: new).outline == face.drawing(of: glyph).outline)
        }
    }

    /// A name-keyed CFF keeps its glyph indices in the subset, which are its CIDs in the PDF.
    @Test func nameKeyedCFFKeepsGlyphIndices() throws {
        let face = try HarfBuzzFace(Self.cantarell)
        #expect(face.format == .compact)
        let a = try #require(face.glyph(for: "a"))
        #expect(face.code(of: a) == a)
        #expect(face.subset([0, a]) != nil)
    }

    /// A named instance of a variable font: advances and outlines are the instance's, drawn as
    /// Type 3 glyphs (HarfBuzz 6's instancer is not safe on damaged fonts).
    @Test func variableFontDrawsTheNamedInstance() throws {
        let regular = try HarfBuzzFace(FontSource(file: Self.inter))
        // fontconfig's index for the 13th named instance (Bold), as `fc-query` lists it.
        let bold = try HarfBuzzFace(FontSource(file: Self.inter, index: 13 << 16))
        #expect(bold.metrics.postScriptName == "Inter-Bold")
        let h = try #require(bold.glyph(for: "H"))
        #expect(bold.advance(of: h) > regular.advance(of: h))
        #expect(bold.format == .drawn)
        let span = { (face: HarfBuzzFace) -> Double in
            let xs = face.drawing(of: h).outline.compactMap { element -> Double? in
                if case .line(let x, _) = element { return x }
                if case .move(let x, _) = element { return x }
                return nil
            }
            return (xs.max() ?? 0) - (xs.min() ?? 0)
        }
        #expect(span(bold) > span(regular), "the bold outline is the instance's")
    }

    /// A colour emoji font (CBDT) is drawn, each glyph by its PNG picture.
    @Test func colourFontGlyphsArePictures() throws {
        let face = try HarfBuzzFace(Self.emoji)
        #expect(face.format == .drawn)
        #expect(face.subset([0]) == nil)
        let smile = try #require(face.glyph(for: "😀"))
        let picture = try #require(face.drawing(of: smile).picture)
        #expect(picture.png.prefix(4) == [0x89, 0x50, 0x4E, 0x47])
        #expect(picture.width > 0 && picture.height > 0)
    }

    /// Files that are not fonts, or not the face asked for, are refused with their name.
    @Test func unreadableFilesAreRefusedByName() throws {
        let garbage = try Self.file(Array(repeating: 0x41, count: 100))
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        for source in [FontSource(file: garbage), FontSource(file: "/nonexistent.ttf"), FontSource(file: "/tmp"),
                       FontSource(file: Self.serifCJK.file, index: 40)] {
            #expect(throws: FontFileError.self) { try HarfBuzzFace(source) }
            do { _ = try HarfBuzzFace(source) } catch let error as FontFileError { #expect(error.file == source.file) }
        }
    }
}
