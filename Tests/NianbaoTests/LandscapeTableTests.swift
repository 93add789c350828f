import Foundation
import Testing
import Nianbao

/// A report with a table too wide for the upright page, rendered for real and read back with pdfinfo.
@Suite(.pinnedFonts) struct LandscapeTableTests {
    @Test func wideTableIsPrintedOnALandscapePage() throws {
        let root = try temporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: "\(root)/layouts/templates", withIntermediateDirectories: true)
        try fm.copyItem(atPath: "\(repositoryRoot)/layouts/gbt9704.yaml", toPath: "\(root)/layouts/gbt9704.yaml")
        let columns = (1...18).map { "c\($0)" }
        try """
        name: wide-test
        tables:
          wide:
            name: 表W
            title: 一、逐月统计
            columns: [\(Array(repeating: "1", count: 18).joined(separator: ", "))]
            header-rows: 1
            slots: [\(columns.joined(separator: ", "))]
            rows:
              - header: [\((1...18).map { "\($0)月" }.joined(separator: ", "))]
              - {row: a}
              - {row: b}
        """.write(toFile: "\(root)/layouts/templates/wide-test.yaml", atomically: true, encoding: .utf8)
        try """
        template: wide-test
        header: {index-number: 1/2024-1, date: 2024-01-31, disclosure: 主动公开, category: 2023年度, publisher: 某局}
        title: 某局2023年度政府信息公开工作年度报告
        body:
          - 正文。
          - table: wide
            values:
              a: {\(columns.map { "\($0): 12345" }.joined(separator: ", "))}
          - 后文。
        signature: {agency: 某局, date: 2024-01-31}
        """.write(toFile: "\(root)/report.yaml", atomically: true, encoding: .utf8)

        var options = RenderOptions()
        options.outputDirectory = "\(root)/out"
        let result = try Renderer(locator: ResourceLocator(roots: [root])).render("\(root)/report.yaml", options: options)
        #expect(result.pages == 3)
        // Every sheet is portrait A4, so that a printer has no orientation to guess; the table's
        // page is turned on it and shown landscape on screen by /Rotate 90.
        let info = try run(["pdfinfo", "-f", "1", "-l", "3", result.pdf]).output.split(separator: "\n")
        func values(_ key: String) -> [String] {
            info.filter { $0.hasPrefix("Page ") && $0.contains(" \(key):") }
                .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) }
        }
        #expect(values("size") == Array(repeating: "595.276 x 841.89 pts (A4)", count: 3))
        #expect(values("rot") == ["0", "90", "0"])
        let page2 = squeezed(try run(["pdftotext", "-f", "2", "-l", "2", "-raw", result.pdf, "-"]).output)
        #expect(page2.contains("一、逐月统计"))
        #expect(page2.contains("—2—"))
        #expect(try run(["qpdf", "--check", result.pdf]).status == 0)
    }
}
