import Foundation
import Testing

/// The example written as a clerk types a real report (examples/qingshan-street-2024.yaml): no
/// header, printed labels as keys, full-width digits, separators and units, 0 and —, totals left
/// out, an all-zero 表三, run-in level-2 headings and 1、 items. Read back with poppler.
@Suite(.serialized, .pinnedFonts) struct ClerkDataTests {
    let binary = nianbaoBinary
    let report = "\(repositoryRoot)/examples/qingshan-street-2024.yaml"

    func rendered() throws -> (text: String, info: String) {
        let out = try temporaryFolder()
        let result = try run([binary, "render", report, "-o", out], in: repositoryRoot)
        try #require(result.status == 0, "\(result.error)")
        let pdf = "\(out)/qingshan-street-2024.pdf"
        return (try run(["pdftotext", "-layout", pdf, "-"]).output, try run(["pdfinfo", pdf]).output)
    }

    @Test func checksCleanWithoutAnyWarning() throws {
        let result = try run([binary, "check", report], in: repositoryRoot)
        #expect(result.status == 0)
        #expect(result.error.isEmpty, "\(result.error)")
    }

    @Test func printsTheCellsAsTheReportWritesThemAndTheTotalsComputed() throws {
        let lines = try rendered().text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("行政规范性文件 2 0 14"))           // ２ typed full width
        #expect(lines.contains("行政许可 1204"))                 // "1,204"
        #expect(lines.contains("行政处罚 36"))                   // 36件
        #expect(lines.contains("行政强制 —"))                    // a dash as printed
        #expect(lines.contains("行政事业性收费 0"))               // 0 without its unit
        #expect(lines.contains("一、本年新收政府信息公开申请数量 5 1 6"))   // total computed
        #expect(lines.contains("（七）总计 5 1 6"))                // the row computed from its terms
        #expect(lines.contains("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"))   // all-zero 表三, one line of YAML
    }

    @Test func headingsRunInAndItemsAreNumberedAsTheStyleSays() throws {
        let text = try rendered().text
        #expect(text.contains("（一）主动公开。全年通过街道门户网站主动公开政府信息"))
        #expect(text.contains("1,486条"))
        #expect(text.contains("1、加强政策解读。重要文件同步发布图文解读。"))
        #expect(text.contains("2、按月检查栏目更新。"))
        #expect(text.contains("四、政府信息公开行政复议、行政诉讼情况"))
    }

    @Test func withoutAHeaderThereIsNoMetadataBlockAndThePDFsMetadataComesFromTitleAndSignature() throws {
        let (text, info) = try rendered()
        #expect(!text.contains("索引号"))
        #expect(!text.contains("成文日期"))
        #expect(info.contains("Title:           青山街道办事处2024年政府信息公开工作年度报告"))
        #expect(info.contains("Author:          青山街道办事处"))
        #expect(info.contains("2024年度"))
    }
}
