import Foundation
import Testing
import Nianbao
import NianbaoLayout

/// Renders the seed report once per test through the public API and checks the PDF with poppler's tools.
@Suite(.serialized, .pinnedFonts) struct RenderedPDFTests {
    let folder: String
    let result: RenderResult

    init() throws {
        folder = try temporaryFolder()
        var options = RenderOptions()
        options.outputDirectory = folder
        result = try Renderer(locator: ResourceLocator(roots: [repositoryRoot])).render(seedReport, options: options)
    }

    /// The PDF's text in content order (pdftotext -raw), without white space and page numbers.
    func extractedText() throws -> String {
        let raw = squeezed(try run(["pdftotext", "-raw", "-enc", "UTF-8", result.pdf, "-"]).output)
        return raw.replacingOccurrences(of: #"—\d+—"#, with: "", options: .regularExpression)
    }

    @Test func everyParagraphHeadingAndCellRoundTripsInReadingOrder() throws {
        let extracted = try extractedText()
        let expected = try Renderer(locator: ResourceLocator(roots: [repositoryRoot])).text(seedReport)
        var position = extracted.startIndex
        var checked = 0
        for line in expected.split(separator: "\n") {
            guard let found = extracted.range(of: squeezed(String(line)), range: position..<extracted.endIndex) else {
                Issue.record("not found in order: \(line)")
                return
            }
            position = found.upperBound
            checked += 1
        }
        #expect(checked > 140)
        #expect(position == extracted.endIndex)   // nothing extra after the signature
    }

    @Test func seedSpecificsSurvive() throws {
        let extracted = try extractedText()
        // Full-width punctuation in Chinese, the URL, the e-mail address and numbers as typed.
        #expect(extracted.contains("（http://www.qz.gov.cn/）政务公开页面上下载"))
        #expect(extracted.contains("电子邮箱：******@sina.com）"))
        #expect(extracted.contains("邮编：324000，电话：057*******87，"))
        #expect(extracted.contains("1.加强组织领导，强化信息公开落实。信息公开工作政策性强"))
        #expect(extracted.contains("图1衢州市政府信息公开网"))
        #expect(extracted.contains("政府集中采购971850元"))
        #expect(extracted.contains("（本列数据的勾稽关系为：第一项加第二项之和等于第三项加第四项之和）"))
        #expect(extracted.contains("智慧新城管理委员会2020年1月31日"))
    }

    @Test func allFontsEmbeddedWithToUnicode() throws {
        let listing = try run(["pdffonts", result.pdf]).output.split(separator: "\n").dropFirst(2)
        #expect(listing.count >= 3)
        for row in listing {
            let columns = row.split(separator: " ")
            // name type… encoding emb sub uni object generation
            #expect(columns[columns.count - 5] == "yes", "not embedded: \(row)")
            #expect(columns[columns.count - 4] == "yes", "not subset: \(row)")
            #expect(columns[columns.count - 3] == "yes", "no ToUnicode: \(row)")
        }
    }

    /// Each face is embedded once; poppler draws every page without complaint (a damaged font
    /// program or content stream shows on its stderr) and puts ink on each; the file stays small
    /// (cairo's was 537 KB: it kept every CFF subroutine and wrote no object streams).
    @Test func popplerDrawsEveryPageFromCompactFonts() throws {
        let names = try run(["pdffonts", result.pdf]).output.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ")[0].dropFirst(7) }
        #expect(Set(names).count == names.count, "a face embedded twice: \(names)")
        let drawn = try run(["pdftoppm", "-r", "20", "-gray", result.pdf, "\(folder)/page"])
        #expect(drawn.status == 0 && drawn.error.isEmpty, "\(drawn.error.prefix(300))")
        for page in 1...result.pages {
            let pgm = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/page-\(page).pgm"))
            let pixels = pgm.suffix(Int(Double(21 * 20 / 2.54) * Double(29.7 * 20 / 2.54) * 0.9))
            let ink = Double(pixels.filter { $0 < 200 }.count) / Double(pixels.count)
            #expect(ink > 0.02 && ink < 0.3, "page \(page): \(ink) of its pixels are dark")
        }
        let size = try FileManager.default.attributesOfItem(atPath: result.pdf)[.size] as? Int ?? 0
        #expect(size < 350_000, "\(size) bytes")
    }

    @Test func metadataComesFromTheReport() throws {
        let info = try run(["pdfinfo", result.pdf]).output
        #expect(info.contains("衢州市智慧新城管委会2019年度政府信息公开工作年度报告"))
        #expect(info.contains("Author:          市智慧新城管委会"))
        #expect(info.contains("Keywords:") && info.contains("113308000026184538/2020-104149"))
        #expect(info.contains("Creator:         nianbao"))
        #expect(info.contains("Pages:           \(result.pages)"))
        #expect(info.contains("A4"))
        #expect(info.contains("2020"))
    }

    @Test func bookmarksCoverTitleHeadingsAndTables() throws {
        let outline = try run(["qpdf", "--json", "--json-key=outlines", result.pdf]).output
        for title in ["衢州市智慧新城管委会2019年度政府信息公开工作年度报告", "一、政府信息公开工作的基本概况",
                      "（一）组织领导和制度建设情况", "1.加强组织领导，强化信息公开落实。", "四、政府信息公开工作中要改进情况",
                      "五、主动公开政府信息情况", "六、收到和处理政府信息公开申请情况", "七、政府信息公开行政复议、行政诉讼情况"] {
            #expect(outline.contains(title), "no bookmark: \(title)")
        }
        #expect(try run(["qpdf", "--check", result.pdf]).status == 0)
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let second = try temporaryFolder()
        var options = RenderOptions()
        options.outputDirectory = second
        options.allowInconsistent = true
        let again = try Renderer(locator: ResourceLocator(roots: [repositoryRoot])).render(seedReport, options: options)
        let a = try Data(contentsOf: URL(fileURLWithPath: result.pdf))
        let b = try Data(contentsOf: URL(fileURLWithPath: again.pdf))
        #expect(a.count > 10_000)
        #expect(a == b)
    }

    @Test func pngPagesComeFromTheSameLayout() throws {
        var options = RenderOptions()
        options.outputDirectory = try temporaryFolder()
        options.png = true
        options.pngDPI = 40
        options.allowInconsistent = true
        let withPNG = try Renderer(locator: ResourceLocator(roots: [repositoryRoot])).render(seedReport, options: options)
        #expect(withPNG.pngs.count == withPNG.pages)
        let header = try Data(contentsOf: URL(fileURLWithPath: withPNG.pngs[0])).prefix(4)
        #expect(Array(header) == [0x89, 0x50, 0x4E, 0x47])
    }
}

/// Geometry of the seed laid out with the real Pango shaper.
@Suite(.pinnedFonts) struct SeedLayoutTests {
    let document: LaidOutDocument
    let spec: LayoutSpec

    init() throws {
        let renderer = Renderer(locator: ResourceLocator(roots: [repositoryRoot]))
        document = try renderer.layout(seedReport, allowInconsistent: true)
        spec = try LayoutSpec.load(file: "\(repositoryRoot)/layouts/gbt9704.yaml")
    }

    @Test func everythingStaysInTheBlock() {
        for page in document.pages {
            for line in page.lines where line.role != .pageNumber {
                #expect(line.minX >= spec.blockLeft - 0.01)
                #expect(line.maxX <= spec.blockRight + 0.01, "overflows: \(line.line.text)")
                #expect(line.origin.y > spec.blockTop && line.origin.y < spec.blockBottom)
            }
        }
    }

    @Test func mostFullBodyLinesHoldTwentyEightCharacters() {
        let body = document.pages.flatMap(\.lines).filter { $0.role == .paragraph }
        let full = body.filter { abs($0.maxX - spec.blockRight) < 0.01 && abs($0.minX - spec.blockLeft) < 0.01 }
            .filter { $0.line.text.allSatisfy(CharacterClass.isWide) }
        #expect(full.count > 20)
        let exact = full.filter { $0.line.characterCount == 28 }
        #expect(Double(exact.count) / Double(full.count) > 0.7)
    }

    @Test func noLineStartsWithAClosingOrEndsWithAnOpeningMark() {
        for line in document.pages.flatMap(\.lines) where line.role == .paragraph || line.role == .heading {
            let text = line.line.text
            #expect(!"，。、；：？！）》」”".contains(text.first!), "starts with a closing mark: \(text)")
            #expect(!"（《「“".contains(text.last!), "ends with an opening mark: \(text)")
        }
    }

    @Test func tablesFitTheirPagesAndTheApplicationsTableIsWhole() throws {
        // The seed's tables follow its four sections, so they are its parts 五 to 七.
        let titled = document.pages.filter { $0.lines.contains { $0.line.text == "六、收到和处理政府信息公开申请情况" } }
        try #require(titled.count == 1)
        #expect(titled[0].lines.contains { $0.line.text == "四、结转下年继续办理" })
    }
}
