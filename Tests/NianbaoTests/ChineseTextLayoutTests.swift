import Foundation
import Testing
import Nianbao
import NianbaoLayout

/// The W3C's Requirements for Chinese Text Layout (clreq) on real fonts (FandolFang, the body's
/// 仿宋): pairs of marks, line ends, and lines holding a URL or a phone number, measured on the
/// laid-out glyphs (what the PDF's text operators position) in ems of the 16 pt body.
@Suite(.pinnedFonts) struct ChineseTextLayoutTests {
    let renderer = Renderer(locator: ResourceLocator(roots: [repositoryRoot]))
    static let em = 16.0
    /// One grid cell: 156 mm / 28.
    static let cell = 156 * 72 / 25.4 / 28

    /// The body lines of a report whose one paragraph is `text`: each cluster with its x on the page.
    func bodyLines(_ text: String) throws -> [[(text: String, x: Double)]] {
        let folder = try temporaryFolder()
        try BadInputTests.replacing("      - 正文。", "      - \"\(text)\"").write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let pages = try renderer.layout("\(folder)/report.yaml").pages
        return pages.flatMap(\.lines).filter { $0.role == .paragraph }.map { placed in
            var out: [(String, Double)] = []
            for run in placed.line.runs {
                var glyph = 0
                for cluster in run.clusters {
                    out.append((cluster.text, placed.origin.x + placed.line.x + run.glyphs[glyph].x))
                    glyph += cluster.glyphCount
                }
            }
            return out
        }
    }

    /// clreq 3.1.6: two marks side by side take 1.5 em: from the first mark to the character after
    /// the second, 1.5 em (on a paragraph's last line, which is not stretched).
    @Test(arguments: ["”“", "”，", "”、", "）“", "。”", "》（", "，“", "”。", "：“", "；“"])
    func twoMarksTakeOneAndAHalfEm(_ pair: String) throws {
        let line = try bodyLines("文\(pair)文")[0]
        let advance = (line[3].x - line[1].x) / Self.cell
        #expect(abs(advance - 1.5) < 0.01, "\(pair): \(advance) em")
    }

    /// A line that ends in a closing mark ends flush: the mark keeps only its inked half, which ends
    /// at the block's right edge, and the line is otherwise exactly 28 cells.
    @Test func aLineEndingInAMarkEndsFlushAtTheMeasure() throws {
        // 26 characters after the two-character indent, then a comma: the first line ends with it.
        let lines = try bodyLines(String(repeating: "国", count: 25) + "，" + String(repeating: "国", count: 10))
        let first = lines[0]
        #expect(first.last?.text == "，")
        let right = (28 + 156) * 72 / 25.4
        // The half-width comma is half an em of the 16 pt font wide, centred in its half cell (0.2 pt narrower).
        #expect(abs(first.last!.x + Self.em / 2 - right) < 0.1, "the comma ends at \(first.last!.x + Self.em / 2), not \(right)")
    }

    /// The slack of a line holding a URL or a phone number goes between Chinese characters, at most
    /// a quarter em a gap (no gap wider than 1.25 cells), the URL breaking after a / or . if need be.
    @Test(arguments: [
        "本报告全文可在本机关门户网站https://www.example.gov.cn/col/col1229001/art/2024/art_8f3a2e.html查阅，如对本报告有疑问，请与本机关办公室联系。",
        "本报告电子版可在本机关门户网站（http://www.gaoxin.gov.cn/xxgk/ndbg/）查阅或下载，也可以向本机关办公室索取。",
        "如对本报告有任何疑问，请与本局办公室联系（地址：某某市某某区某某路100号，邮编：324000，电话：0570-3088888，传真：0570-3088889）。",
    ])
    func noLetterSpacingAroundAURLOrAPhoneNumber(_ text: String) throws {
        let lines = try bodyLines(text)
        #expect(lines.count >= 2)
        for line in lines.dropLast() {
            for (a, b) in zip(line, line.dropFirst()) where CharacterClass.isWide(Character(a.text)) && CharacterClass.isWide(Character(b.text)) {
                #expect((b.x - a.x) / Self.cell <= 1.25 + 0.005, "\(a.text)\(b.text): \((b.x - a.x) / Self.cell) cells in \(line.map(\.text).joined())")
            }
        }
        #expect(lines.map { $0.map(\.text).joined() }.joined() == text)
    }

    /// A URL that breaks only at its slashes and dots forces the lines before it loose (the text up
    /// to it must come out right on the grid); breaking inside one of its long words as a last
    /// resort keeps every line of a real preamble under 0.15 em a gap (it was 0.23 on four lines),
    /// and never inside a short word (www, gov) nor the scheme.
    @Test func aLongURLBreaksInsideAWordRatherThanLooseningTheParagraph() throws {
        let url = "https://scjgj.haicheng.gov.cn/col/col1229847301/art/2024/art_5f9c2e8d41b7437a9e0c6d2f8a1b3e57.html"
        let text = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分组成。报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告全文可在海城市市场监督管理局门户网站\(url)查阅或下载。如对本报告有疑问，请与海城市市场监督管理局办公室联系（地址：海城市浦江区世纪大道1200号，邮编：200120，电话：021-64220000，传真：021-64220001）。"
        let lines = try bodyLines(text)
        var widest = 0.0
        for line in lines.dropLast() {
            for (a, b) in zip(line, line.dropFirst()) where CharacterClass.isWide(Character(a.text)) && CharacterClass.isWide(Character(b.text)) {
                widest = max(widest, (b.x - a.x) / Self.cell - 1)
            }
        }
        #expect(widest <= 0.15, "a gap of \(widest) em")
        let texts = lines.map { $0.map(\.text).joined() }
        #expect(texts.joined() == text)
        // Where the URL is broken: after a separator, or with three letters or digits each side.
        let urlStart = text.distance(from: text.startIndex, to: text.range(of: url)!.lowerBound)
        var offset = 0
        for line in texts.dropLast() {
            offset += line.count
            let inURL = offset - urlStart
            guard inURL > 0, inURL < url.count else { continue }
            let chars = Array(url)
            let separator = "/.?&=-_".contains(chars[inURL - 1])
            let word = (inURL - 3..<inURL + 3).allSatisfy { $0 >= 0 && $0 < chars.count && (chars[$0].isLetter || chars[$0].isNumber) }
            #expect(inURL >= "https://".count && (separator || word), "broken as \(String(chars[..<inURL])) / \(String(chars[inURL...]))")
        }
    }

    /// Digits and Latin words in 仿宋 text take the layout's `latin` role: by default the body's own
    /// chain (the lightest Latin measured); a layout may name another; one without the role loads.
    @Test func digitsAndLatinTakeTheLatinRole() throws {
        let folder = try temporaryFolder()
        let layout = try String(contentsOfFile: "\(repositoryRoot)/layouts/gbt9704.yaml", encoding: .utf8)
        let start = layout.range(of: "  # Digits and Latin letters")!.lowerBound
        let end = layout.range(of: "    size: 三号\n", range: start..<layout.endIndex)!.upperBound
        try layout.replacingCharacters(in: start..<end, with: "  latin:\n    families: [DejaVu Serif]\n    size: 三号\n")
            .write(toFile: "\(folder)/serif.yaml", atomically: true, encoding: .utf8)
        try layout.replacingCharacters(in: start..<end, with: "").write(toFile: "\(folder)/without.yaml", atomically: true, encoding: .utf8)
        try BadInputTests.replacing("      - 正文。", "      - 全年公开信息302条，其中GB/T 9704格式文件12件。")
            .write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        func fonts(_ layout: String) throws -> (digits: Set<FontID>, chinese: Set<FontID>) {
            let line = try renderer.layout("\(folder)/report.yaml", layout: layout).pages.flatMap(\.lines).first { $0.line.text.hasPrefix("全年") }!
            var digits = Set<FontID>(), chinese = Set<FontID>()
            for run in line.line.runs {
                for cluster in run.clusters where !cluster.text.allSatisfy(\.isWhitespace) {
                    if cluster.text.allSatisfy({ $0.isASCII }) { digits.insert(run.font) } else if !CharacterClass.isPunctuation(Character(cluster.text)) { chinese.insert(run.font) }
                }
            }
            return (digits, chinese)
        }
        let standard = try fonts("gbt9704")
        #expect(standard.digits == standard.chinese)
        let serif = try fonts("\(folder)/serif.yaml")
        #expect(serif.digits.isDisjoint(with: serif.chinese), "\(serif)")
        let without = try fonts("\(folder)/without.yaml")
        #expect(without.digits == without.chinese)
    }
}
