import Foundation
import Testing
@testable import NianbaoPDF

/// The font subsetters on real fonts from the README's set-up, read back with the same parsers.
struct FontSubsetTests {
    static let notoSans = FontSource(file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", index: 0)
    static let dejaVu = FontSource(file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

    /// Each subset glyph is the original's program with its subroutines inlined, under the
    /// original's private DICT; the subset has no subroutines left to call.
    @Test func cffSubsetKeepsEachGlyphWithItsPrivateDict() throws {
        let original = try FontProgram(Self.notoSans)
        guard case .compact(let cff) = original.outlines else { Issue.record("Noto Sans CJK is not CFF"); return }
        let glyphs = [0, 100, 5000, 20000, 40000]
        let subset = cff.subset(glyphs, name: "ABCDEF+Test", cache: FlattenedGlyphs())
        let bytes = FontBytes(Data(subset))
        let reread = try CFFFont(bytes, table: 0..<subset.count, glyphCount: glyphs.count, file: "subset")
        #expect(reread.charStrings.count == glyphs.count)
        #expect(reread.globalSubrs.count == 0)
        #expect(reread.fontDicts.allSatisfy { $0.localSubrs == nil })
        #expect(Set(glyphs.map { cff.fontDictOfGlyph[$0] }).count == reread.fontDicts.count, "only the font DICTs used")
        for (new, old) in glyphs.enumerated() {
            let program = bytes.slice(reread.charStrings.range(new))
            #expect(program == cff.flatten(old), "glyph \(old)")
            #expect(reread.flatten(new) == program, "glyph \(old) still calls a subroutine")
            #expect(reread.fontDicts[Int(reread.fontDictOfGlyph[new])].privateEntries
                    == cff.fontDicts[Int(cff.fontDictOfGlyph[old])].privateEntries)
            #expect(program.last == 14, "glyph \(old) does not end with endchar")
        }
    }

    /// Calls to local and global subroutines (with their number biases) are replaced by the
    /// bodies, `return`s dropped; a hint mask is as long as the stems, implicit vstems counted.
    @Test func flattenerInlinesSubroutinesAndSizesHintMasks() throws {
        // Global subrs: [2 2 rlineto return]; local subrs: [1 1 rmoveto return].
        func index(_ object: [UInt8]) -> [UInt8] { [0, 1, 1, 1, UInt8(1 + object.count)] + object }
        let global = index([141, 141, 5, 11]), local = index([140, 140, 21, 11])
        // 10 20 30 40 hstemhm (2 stems), 50 60 hintmask (an implicit vstem: 3 stems, 1 byte),
        // -107 callsubr (local 0), -107 callgsubr (global 0), endchar.
        let glyph: [UInt8] = [149, 159, 169, 179, 18, 189, 199, 19, 0xE0, 32, 10, 32, 29, 14]
        let bytes = FontBytes(Data(global + local + glyph))
        var flattener = CharstringFlattener(bytes: bytes, globalSubrs: try CFFIndex(bytes, at: 0, limit: bytes.count),
                                            localSubrs: try CFFIndex(bytes, at: global.count, limit: bytes.count))
        let start = global.count + local.count
        flattener.run(start..<(start + glyph.count), depth: 0)
        #expect(flattener.output == [149, 159, 169, 179, 18, 189, 199, 19, 0xE0, 140, 140, 21, 141, 141, 5, 14])
    }

    /// A composite glyph's parts come along, renumbered; outlines and advances are the original's.
    @Test func trueTypeSubsetRenumbersCompositeParts() throws {
        let original = try FontProgram(Self.dejaVu)
        let bytes = original.bytes
        let glyf = original.tables["glyf"]!.lowerBound, loca = original.tables["loca"]!.lowerBound
        let long = bytes.i16(original.tables["head"]!.lowerBound + 50) != 0
        func offset(_ glyph: Int) -> Int { long ? Int(bytes.u32(loca + 4 * glyph)) : 2 * Int(bytes.u16(loca + 2 * glyph)) }
        let composite = try #require((1..<original.glyphCount).first { offset($0 + 1) > offset($0) && bytes.i16(glyf + offset($0)) < 0 })
        let part = Int(bytes.u16(glyf + offset(composite) + 12))

        let subset = TrueTypeSubsetter(program: original).subset([0, 36, composite])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("subset-\(UUID()).ttf")
        try Data(subset).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let reread = try FontProgram(FontSource(file: file.path))
        #expect(reread.glyphCount >= 4)
        let newGlyf = reread.tables["glyf"]!.lowerBound, newLoca = reread.tables["loca"]!.lowerBound
        func newOutline(_ glyph: Int) -> [UInt8] {
            reread.bytes.slice((newGlyf + Int(reread.bytes.u32(newLoca + 4 * glyph)))..<(newGlyf + Int(reread.bytes.u32(newLoca + 4 * glyph + 4))))
        }
        func oldOutline(_ glyph: Int) -> [UInt8] { bytes.slice((glyf + offset(glyph))..<(glyf + offset(glyph + 1))) }
        #expect(newOutline(1).prefix(oldOutline(36).count) == oldOutline(36)[...])
        let renumbered = Int(reread.bytes.u16(newGlyf + Int(reread.bytes.u32(newLoca + 8)) + 12))
        #expect(renumbered == 3, "the first part of the composite is the subset's next glyph")
        #expect(newOutline(3).prefix(oldOutline(part).count) == oldOutline(part)[...])
        for (new, old) in [(0, 0), (1, 36), (2, composite), (3, part)] {
            #expect(reread.advance(new) == original.advance(old))
        }
    }
}
