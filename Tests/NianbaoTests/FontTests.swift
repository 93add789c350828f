import Foundation
import Testing
import Nianbao

/// Which font draws what: `nianbao fonts`, rare characters, characters no font has, and glyphs that
/// come from a font of another style.
@Suite(.pinnedFonts) struct FontTests {
    let binary = nianbaoBinary

    func report(_ body: String) throws -> (folder: String, file: String) {
        let folder = try temporaryFolder()
        let text = BadInputTests.valid.replacingOccurrences(of: "正文。", with: body)
        try text.write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        return (folder, "\(folder)/report.yaml")
    }

    @Test func everyRoleNamesTheFaceItUsesAndItsFile() throws {
        let result = try run([binary, "fonts"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let roles = lines.filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != " " }) }
        #expect(roles == ["title", "body", "heading1", "heading2", "heading3", "heading4", "table-title", "table", "caption", "page-number", "latin"])
        let used = lines.filter { $0.hasPrefix("  used:") }
        #expect(used.count == roles.count)
        for line in used {
            let file = String(line.split(separator: " ").last ?? "")
            #expect(FileManager.default.fileExists(atPath: file), "\(line)")
        }
        #expect(lines.contains { $0.contains("asked: 仿宋_GB2312, FangSong_GB2312") })
        #expect(used[1].contains("FandolFang"), "body is not set in FandolFang here: \(used[1])")
    }

    /// 𠮷 (U+20BB7, Ext-B) is in Noto Serif CJK, the body chain's last font: it renders, no warning.
    @Test func aRareCharacterRendersWithAFontOfItsChain() throws {
        let (folder, file) = try report("正文𠮷。")
        let result = try run([binary, "render", file, "-o", "\(folder)/out"])
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.error.contains("another style"), "\(result.error)")
        #expect(squeezed(try run(["pdftotext", "\(folder)/out/report.pdf", "-"]).output).contains("正文𠮷。"))
        #expect(try run([binary, "fonts", file]).status == 0)
    }

    /// U+2A6D6 is in no font here: render fails naming it, where it is and the chain, writes nothing;
    /// `fonts FILE` says the same; `--allow-missing-glyphs` renders and lists it, but not as PDF/A.
    @Test func aCharacterNoFontHasFailsWithWhereItIs() throws {
        let (folder, file) = try report("正文\u{2A6D6}。")
        let result = try run([binary, "render", file, "-o", "\(folder)/out"])
        #expect(result.status == 1)
        for words in ["report.yaml:12:9", "no font has \u{2A6D6} (U+2A6D6)", "“正文\u{2A6D6}。…”", "body (仿宋_GB2312", "Noto Serif CJK SC"] {
            #expect(result.error.contains(words), "no “\(words)” in \(result.error)")
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")) ?? []).isEmpty)

        let fonts = try run([binary, "fonts", file])
        #expect(fonts.status == 1 && fonts.error.contains("U+2A6D6"))

        let allowed = try run([binary, "render", file, "-o", "\(folder)/out", "--allow-missing-glyphs"])
        #expect(allowed.status == 0 && allowed.error.contains("warning") && allowed.error.contains("U+2A6D6"))
        let archive = try run([binary, "render", file, "-o", "\(folder)/archive", "--allow-missing-glyphs", "--pdfa"])
        #expect(archive.status == 1 && archive.error.contains("U+2A6D6"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/archive")) ?? []).isEmpty)
    }

    /// An emoji is in none of the CJK chains: fontconfig finds another font for it, which is a
    /// glyph of another style in the text, so a warning names it, the font and the place.
    @Test func aFallbackOutsideTheChainIsAWarning() throws {
        let (folder, file) = try report("正文😀。")
        let result = try run([binary, "render", file, "-o", "\(folder)/out"])
        #expect(result.status == 0, "\(result.error)")
        for words in ["warning", "😀 (U+1F600)", "“正文😀。…”", "a font of another style", "FandolFang"] {
            #expect(result.error.contains(words), "no “\(words)” in \(result.error)")
        }
        let fonts = try run([binary, "fonts", file])
        #expect(fonts.status == 0 && fonts.output.contains("1 drawn in a font of another style"))
    }

    /// A worker renders many reports with one shaper, whose cache must not swallow the warning.
    @Test func theWarningComesBackForEveryReportOfABatch() throws {
        let (folder, file) = try report("正文😀。")
        let renderer = Renderer(locator: ResourceLocator(roots: [repositoryRoot]))
        var options = RenderOptions()
        options.outputDirectory = "\(folder)/out"
        for _ in 0..<2 {
            let result = try renderer.render(file, options: options)
            #expect(result.warnings.contains { $0.contains("😀 (U+1F600)") && $0.contains("another style") }, "\(result.warnings)")
        }
    }
}
