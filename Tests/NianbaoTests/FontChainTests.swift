import Foundation
import Testing

/// fonts/ as a clerk uses it: a chain's first font may lack characters (a space too), and a font
/// file replaced in place is the one the next run uses.
@Suite(.serialized, .pinnedFonts) struct FontChainTests {
    /// A project whose chains start with `families`, with `fonts` in its fonts/ and the matrix's report.
    static func project(families: String, fonts: [(name: String, bytes: [UInt8])]) throws -> String {
        let home = try fontProject(firstFamilies: families, fonts: fonts)
        try FontMatrixTests.report.write(toFile: "\(home)/report.yaml", atomically: true, encoding: .utf8)
        return home
    }

    static func seed(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/fuzz/fonts/\(name)")))
    }

    /// Tests/Fixtures/latin-without-space.ttf (DejaVu Sans's letters and digits, made once with
    /// hb-subset) has no U+0020: Pango keeps a space in it even so; the space is set without a
    /// glyph at a word space's width instead of failing the render.
    @Test func aSpaceTheFirstFontLacksIsStillASpace() throws {
        let font = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Tests/Fixtures/latin-without-space.ttf")))
        let home = try Self.project(families: "DejaVu Sans", fonts: [("no-space.ttf", font)])
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try run([nianbaoBinary, "render", "\(home)/report.yaml", "-o", "\(home)/out"], in: home, environment: ["NIANBAO_HOME": home])
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.error.contains("U+0020"))
        let text = try run(["pdftotext", "\(home)/out/report.pdf", "-"]).output
        #expect(text.contains("Report ABC xyz 2024"), "\(text)")
    }

    /// The same file name, other bytes: the next run reads the new font (fontconfig's cache is not
    /// used for fonts/).
    @Test func aFontReplacedInPlaceIsUsedNextRun() throws {
        let home = try Self.project(families: "Cantarell", fonts: [("latin.ttf", try Self.seed("dejavu-sans.ttf"))])
        defer { try? FileManager.default.removeItem(atPath: home) }
        func embedded() throws -> String {
            let result = try run([nianbaoBinary, "render", "\(home)/report.yaml", "-o", "\(home)/out"], in: home, environment: ["NIANBAO_HOME": home])
            #expect(result.status == 0, "\(result.error)")
            return try run(["pdffonts", "\(home)/out/report.pdf"]).output
        }
        let before = try embedded()
        #expect(before.contains("DejaVuSans") && !before.contains("Cantarell"), "\(before)")
        try Data(try Self.seed("cantarell.otf")).write(to: URL(fileURLWithPath: "\(home)/fonts/latin.ttf"))
        let after = try embedded()
        #expect(after.contains("Cantarell"), "\(after)")
    }
}
