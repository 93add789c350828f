import Foundation
import NianbaoCairo
import Testing

/// One report set in each kind of font file a clerk may put in fonts/: TrueType, a collection,
/// CID-keyed CFF, name-keyed CFF, a variable font's bold instance, a colour emoji font. Each PDF is
/// checked by independent readers (pdffonts, pdftotext, MuPDF, Ghostscript) and rasterised by
/// poppler, pixel by pixel against cairo's own painting of the same pages (the PNG preview).
@Suite(.serialized, .pinnedFonts) struct FontMatrixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var family: String
        /// What pdffonts lists for it: a part of its name and its type (a Type 3 font has no name).
        var embeddedName: String
        var embeddedType: String
        /// Left out of the chains, found by fontconfig's fallback as an emoji font is (fontconfig
        /// would otherwise take its keycap digits for the text's digits).
        var fallbackOnly = false
        var testDescription: String { (file as NSString).lastPathComponent }
    }

    static let cases = [
        Case(file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", family: "DejaVu Sans", embeddedName: "DejaVuSans", embeddedType: "CID TrueType"),
        Case(file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "Noto Sans CJK SC", embeddedName: "NotoSansCJKsc", embeddedType: "CID Type 0C"),
        Case(file: "/usr/local/share/fonts/fandol/FandolFang-Regular.otf", family: "FandolFang", embeddedName: "FandolFang", embeddedType: "CID Type 0C"),
        Case(file: "/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf", family: "Cantarell", embeddedName: "Cantarell", embeddedType: "CID Type 0C"),
        Case(file: "/usr/share/fonts/truetype/inter-vf/Inter.var.ttf", family: "Inter", embeddedName: "[none]", embeddedType: "Type 3"),
        Case(file: "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", family: "Noto Color Emoji", embeddedName: "[none]", embeddedType: "Type 3", fallbackOnly: true),
    ]

    static let report = """
    template: gov-2019
    title: Haicheng 2024 年度政府信息公开工作年度报告
    body:
      - section: 总体情况
        content:
          - Report ABC xyz 2024 正文😀，年月日。
    signature: {agency: 某局, date: 2025-01-20}

    """

    /// A project whose fonts/ holds the font and whose layout puts its family first for the
    /// title, the body and Latin text.
    static func project(for font: Case) throws -> String {
        let home = try fontProject(firstFamilies: font.fallbackOnly ? nil : font.family, linking: [font.file])
        try report.write(toFile: "\(home)/report.yaml", atomically: true, encoding: .utf8)
        return home
    }

    /// Gray values of a PPM (P6) or PGM (P5) file as pdftoppm writes it.
    static func grayPixels(ppm data: [UInt8]) -> (width: Int, height: Int, gray: [UInt8])? {
        var fields: [String] = [], at = 0
        while fields.count < 4, at < data.count {
            while at < data.count, data[at] == 0x20 || data[at] == 0x0A { at += 1 }
            var field = ""
            while at < data.count, data[at] != 0x20, data[at] != 0x0A { field.append(Character(Unicode.Scalar(data[at]))); at += 1 }
            fields.append(field)
        }
        at += 1
        guard fields.count == 4, let width = Int(fields[1]), let height = Int(fields[2]) else { return nil }
        let channels = fields[0] == "P6" ? 3 : 1
        guard data.count - at >= width * height * channels else { return nil }
        let gray = (0..<(width * height)).map { i in
            UInt8((0..<channels).reduce(0) { $0 + Int(data[at + channels * i + $1]) } / channels)
        }
        return (width, height, gray)
    }

    /// The largest difference of mean gray (of 255) over the 8×8 blocks of two pictures:
    /// anti-aliasing differs by single pixels and stays under 45, a wrong, missing or misplaced
    /// glyph changes whole blocks by 80 or more.
    static func largestBlockDifference(_ a: [UInt8], _ b: [UInt8], width: Int, height: Int) -> Double {
        var largest = 0
        for by in stride(from: 0, through: height - 8, by: 8) {
            for bx in stride(from: 0, through: width - 8, by: 8) {
                var sa = 0, sb = 0
                for y in by..<(by + 8) { for x in bx..<(bx + 8) { sa += Int(a[y * width + x]); sb += Int(b[y * width + x]) } }
                largest = max(largest, abs(sa - sb))
            }
        }
        return Double(largest) / 64
    }

    @Test(arguments: cases)
    func everyKindOfFontIsEmbeddedReadAndDrawnAlike(font: Case) throws {
        guard FileManager.default.fileExists(atPath: font.file) else {
            Issue.record("\(font.file) is missing: install the README's test packages")
            return
        }
        let home = try Self.project(for: font)
        defer { try? FileManager.default.removeItem(atPath: home) }
        for engine in ["nianbao", "cairo"] {
            try check(font, in: home, engine: engine)
        }
    }

    func check(_ font: Case, in home: String, engine: String) throws {
        let out = "\(home)/\(engine)"
        let result = try run([nianbaoBinary, "render", "\(home)/report.yaml", "-o", out, "--png", "--engine", engine], in: home,
                             environment: ["NIANBAO_HOME": home])
        #expect(result.status == 0, "\(engine): \(result.error)")
        let pdf = "\(out)/report.pdf"

        let fonts = try run(["pdffonts", pdf]).output.split(separator: "\n").dropFirst(2)
        #expect(fonts.allSatisfy { $0.contains(" yes yes yes ") || $0.contains("Type 3") }, "\(fonts)")
        let own = fonts.filter { $0.contains(font.embeddedName) }
        // cairo picks its own embeddings (simple TrueType and Type 1C fonts besides CID ones, a
        // colour glyph as an image); ours are checked exactly.
        if engine == "nianbao" { #expect(!own.isEmpty && own.allSatisfy { $0.contains(font.embeddedType) }, "\(fonts)") }

        // The text in reading order (the structure tree), and every piece of it on the page. (pdftotext
        // orders by position, and takes an emoji picture glyph for a taller line.)
        // cairo 1.16 paints a colour glyph as an image with no text: the emoji is lost from its text.
        let emoji = engine == "cairo" && font.fallbackOnly ? "" : "😀"
        let structure = squeezed(try run(["pdfinfo", "-struct-text", pdf]).output)
        #expect(structure.contains("\"Haicheng2024年度政府信息公开工作年度报告\"") && structure.contains("\"ReportABCxyz2024正文\(emoji)，年月日。\""))
        let text = squeezed(try run(["pdftotext", pdf, "-"]).output)
        for piece in ["Haicheng2024年度", "ReportABCxyz2024正文", "\(emoji)，年月日。"] { #expect(text.contains(piece), "\(text)") }

        try expectReadersQuiet(pdf)

        // poppler's raster of our PDF against cairo's painting of the same page, at 96 dpi.
        _ = try run(["pdftoppm", "-r", "96", "-f", "1", "-l", "1", "-gray", pdf, "\(out)/poppler"])
        let popplerFile = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasPrefix("poppler") })
        let poppler = try #require(Self.grayPixels(ppm: [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(popplerFile)")))))
        let png = try RasterFile.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(out)/report-1.png")))).get()
        #expect(png.width == poppler.width && png.height == poppler.height)
        let cairo = (0..<(png.width * png.height)).map { i in
            // Over white, as the page is.
            let alpha = png.alpha.map { Int($0[i]) } ?? 255
            let value = (Int(png.rgb[3 * i]) + Int(png.rgb[3 * i + 1]) + Int(png.rgb[3 * i + 2])) / 3
            return UInt8((value * alpha + 255 * (255 - alpha)) / 255)
        }
        let difference = Self.largestBlockDifference(poppler.gray, cairo, width: png.width, height: png.height)
        #expect(difference < 64, "an 8×8 block differs by \(difference) of 255")
        print("font matrix: \(font.testDescription), \(engine): largest 8×8 block difference \(String(format: "%.1f", difference)); \(own.count) embedded fonts of its own")
    }
}
