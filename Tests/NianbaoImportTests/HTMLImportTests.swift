import Foundation
import Glibc
import NianbaoModel
import Testing
@testable import NianbaoImport

/// Portal pages saved from the browser: the same report as their copied text, the page's menus and
/// footer left out, broken markup and a GBK page read as a browser reads them.
@Suite struct HTMLImportTests {
    func templates() throws -> [TemplateSet] {
        try ["gov-2019", "gov-2021"].map { try TemplateDecoder.decode(file: "\(repository)/layouts/templates/\($0).yaml") }
    }

    @Test func aSavedPageGivesTheReportItsTextGives() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(repository)/Tests/Fixtures/import/jiuyuanqu-zwfwj-2022.html")))
        let fromPage = try ReportImporter(templates: templates()).importHTML(bytes, file: "page.html")
        let fromText = try importFixture("jiuyuanqu-zwfwj-2022")
        #expect(fromPage.report.title == fromText.report.title)
        #expect(fromPage.report.preamble == fromText.report.preamble)
        // The same report file, but for the source lines in its comments.
        let uncommented = { (yaml: String) in yaml.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(uncommented(fromPage.yaml) == uncommented(fromText.yaml))
        #expect(fromPage.cellsPlaced == 98 && fromPage.cellsFound == 98)
        #expect(!fromPage.yaml.contains("首页") && !fromPage.yaml.contains("网站标识码"))
    }

    @Test func brokenMarkupInGBKIsReadAsABrowserReadsIt() throws {
        let page = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>某某局2023年政府信息公开工作年度报告_某某市人民政府</title></head>
        <body><div id=menu>首页 | 政务公开</div><div id=content><p>一、总体情况<p>本年度工作有序开展。
        <p>二、主动公开政府信息情况<table><tr><td colspan=4>第二十条第（一）项<tr><td>信息内容<td>本年制发件数<td>本年废止件数<td>现行有效件数
        <tr><td>规章<td>0<td><td>5<tr><td>行政规范性文件<td>2<td>1<td>7</table><p>某某局<br>2024年1月20日</div></body></html>
        """
        let gbk = try #require(Self.gbk(page))
        #expect(gbk.count < page.utf8.count)   // two bytes a Chinese character, not three
        let result = try ReportImporter(templates: templates()).importHTML(gbk, file: "page.html")
        #expect(result.report.title == ["某某局2023年政府信息公开工作年度报告"])
        #expect(outline(result.report.body) == ["1 总体情况", "1 主动公开政府信息情况", "table active-disclosure"])
        #expect(value(result, "active-disclosure", "regulations", "issued") == "0")
        #expect(value(result, "active-disclosure", "regulations", "repealed") == nil)   // an empty cell keeps its place
        #expect(value(result, "active-disclosure", "regulations", "in-force") == "5")
        #expect(value(result, "active-disclosure", "normative-documents", "in-force") == "7")
        #expect(result.report.signatureAgency == "某某局" && result.report.signatureDate == "2024-01-20")
    }

    /// `text` in GBK, through glibc's iconv.
    static func gbk(_ text: String) -> [UInt8]? {
        let converter = iconv_open("GBK", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var inPointer: UnsafeMutablePointer<CChar>? = source.baseAddress, outPointer: UnsafeMutablePointer<CChar>? = target.baseAddress
                var inLeft = source.count, outLeft = target.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                return target.count - outLeft
            }
        }
        return written.map { output.prefix($0).map { UInt8(bitPattern: $0) } }
    }

    @Test func whatIsNotAPageIsOneError() throws {
        #expect(throws: ImportError.self) { try ReportImporter(templates: templates()).importHTML([], file: "empty.html") }
    }
}
