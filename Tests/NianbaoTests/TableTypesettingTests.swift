import Foundation
import Testing
import Nianbao
import NianbaoLayout

/// The national tables at real sizes (examples/haicheng-market-regulation-2023.yaml: five-digit
/// counts in every column of 表二, seven digits in 表一, four in all 15 columns of 表三), measured on
/// the laid-out pages with the real fonts, and read back from the PDF with poppler.
@Suite(.pinnedFonts) struct TableTypesettingTests {
    let renderer = Renderer(locator: ResourceLocator(roots: [repositoryRoot]))
    static let example = "\(repositoryRoot)/examples/haicheng-market-regulation-2023.yaml"

    /// Table cells of a page with the size they are set in.
    func cells(_ page: Page) -> [PlacedLine] { page.lines.filter { $0.role == .tableCell } }

    @Test func aTableOfFiveDigitCountsStaysUprightOnOnePage() throws {
        let pages = try renderer.layout(Self.example).pages
        #expect(pages.allSatisfy { !$0.isLandscape })
        // 表二 from its first label to its last, all on one page.
        let first = try #require(pages.firstIndex { cells($0).contains { $0.line.text == "一、本年新收政府信息公开申请数量" } })
        #expect(cells(pages[first]).contains { $0.line.text == "四、结转下年度继续办理" })
        #expect(cells(pages[first]).contains { $0.line.text == "84224" })
        // One type size for every table of the report, 9 pt at the least.
        let sizes = Set(pages.dropFirst().flatMap(cells).flatMap { $0.line.runs.map(\.size) })   // page 1 has the header block
        #expect(sizes.count == 1 && sizes.first! >= 9, "\(sizes)")
        var options = RenderOptions()
        options.outputDirectory = try temporaryFolder()
        let pdf = try renderer.render(Self.example, options: options).pdf
        let info = try run(["pdfinfo", "-f", "1", "-l", "20", pdf]).output
        #expect(!info.contains("rot:   90"))
    }

    /// In a column, numbers align at the units digit: the right ends of 84224, 4207, 32429 … are
    /// one, and that column of numbers is centred in its cell.
    @Test func numbersAlignAtTheUnitsDigit() throws {
        let pages = try renderer.layout(Self.example).pages
        let page = try #require(pages.first { cells($0).contains { $0.line.text == "84224" } })
        let numbers = cells(page).filter { Int($0.line.text) != nil }
        let totalColumn = numbers.filter { ["84224", "4207", "32429", "8348", "925", "4868"].contains($0.line.text) }
        #expect(totalColumn.count == 6)
        let rights = Set(totalColumn.map { (($0.origin.x + $0.line.x + $0.line.width) * 100).rounded() / 100 })
        #expect(rights.count == 1, "\(rights)")
    }

    /// A table taller than a page (a long reworded label in every row of 表二 makes it so): the
    /// continuation is headed 续表, repeats the header rows, and the vertical label 三、本年度办理结果
    /// stands whole on each page, in its vertical forms, its characters never overlapping.
    @Test func aTableOverPagesIsContinuedWithItsVerticalLabelWhole() throws {
        let folder = try temporaryFolder()
        let labels = ["granted", "partially-granted", "refused.state-secret", "refused.prohibited-by-law", "refused.safety-stability",
                      "refused.third-party", "refused.internal-affairs", "refused.process-information", "refused.enforcement-files",
                      "refused.inquiry", "unable.not-held", "unable.needs-creation", "unable.unclear"]
            .map { "      \($0): 本项为按照上级要求细化填报的说明文字，用于说明本机关在统计口径上的具体处理办法，不改变表格结构" }
            .joined(separator: "\n")
        try BadInputTests.replacing("signature:", """
          - table: applications
            labels:
        \(labels)
        signature:
        """).write(toFile: "\(folder)/report.yaml", atomically: true, encoding: .utf8)
        let pages = try renderer.layout("\(folder)/report.yaml").pages
        let tablePages = pages.filter { !cells($0).isEmpty && cells($0).contains { $0.line.text == "自然人" } }
        #expect(tablePages.count >= 2, "\(tablePages.count) pages")
        var labelled = 0
        for (index, page) in tablePages.enumerated() {
            let continued = page.lines.contains { $0.role == .tableContinued && $0.line.text == "续表" }
            #expect(continued == (index > 0))
            // The vertical label's characters: one a line, at one x, stacked downwards.
            let label = cells(page).filter { $0.line.characterCount == 1 && "三、本年度办理结果".contains($0.line.text) }
                .sorted { $0.origin.y < $1.origin.y }
            guard !label.isEmpty else { continue }   // a page before the rows it labels
            labelled += 1
            #expect(label.map(\.line.text).joined() == "三、本年度办理结果", "page \(page.number): \(label.map(\.line.text))")
            #expect(Set(label.map { $0.origin.x }).count == 1)
            for (a, b) in zip(label, label.dropFirst()) {
                let size = a.line.runs[0].size
                #expect(b.origin.y - a.origin.y >= size - 0.01, "overlapping: \(a.line.text)\(b.line.text)")
            }
        }
        #expect(labelled >= 2, "the label is not repeated: on \(labelled) pages")
    }

    /// The note under 表一 sits directly under the table, in the table's size, not as body text.
    @Test func aTableNoteIsSetUnderTheTableInItsSize() throws {
        let pages = try renderer.layout(seedReport, allowInconsistent: true).pages
        let page = try #require(pages.first { $0.lines.contains { $0.role == .note } })
        let note = page.lines.first { $0.role == .note }!
        #expect(note.line.text.hasPrefix("（注："))
        let tableSize = cells(page).first!.line.runs[0].size
        #expect(note.line.runs.allSatisfy { $0.size == tableSize })
        let bottom = page.rules.map { max($0.from.y, $0.to.y) }.max()!
        #expect(note.origin.y > bottom && note.origin.y - bottom < 2 * tableSize, "\(note.origin.y) under \(bottom)")
        #expect(abs(note.origin.x - 28 * 72 / 25.4) < 0.5)   // from the block's left edge, no indent
    }
}
