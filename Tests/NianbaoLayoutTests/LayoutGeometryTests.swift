import Foundation
import Testing
import NianbaoModel
@testable import NianbaoLayout

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

@Suite struct LayoutGeometryTests {
    let spec: LayoutSpec
    let engine: LayoutEngine
    let info = DocumentInfo(title: "t", author: "a", subject: "s", keywords: "k", creator: "c", creationDate: "2020-01-31T00:00:00+08:00")
    let mm = pointsPerMillimetre

    init() throws {
        spec = try LayoutSpec.load(file: "\(repositoryRoot)/layouts/gbt9704.yaml")
        engine = LayoutEngine(spec: spec, shaper: FixedAdvanceShaper())
    }

    func paragraph(_ text: String) -> DocumentBlock {
        .paragraph(TextBlock(spans: [TextSpan(text, .body)], role: .paragraph))
    }

    func heading(_ text: String) -> DocumentBlock {
        var block = TextBlock(spans: [TextSpan(text, .heading1)], role: .heading)
        block.keepWithNext = true
        block.bookmark = Bookmark(title: text, level: 1)
        return .paragraph(block)
    }

    @Test func layoutFileHoldsTheGBT9704Page() {
        #expect(abs(spec.pageWidth - 210 * mm) < 1e-9)
        #expect(abs(spec.blockTop - 37 * mm) < 1e-9)
        #expect(abs(spec.blockLeft - 28 * mm) < 1e-9)
        #expect(abs(spec.blockWidth - 156 * mm) < 1e-9)
        #expect(abs(spec.linePitch - 28.99) < 0.01)
        #expect(spec.style(.body).size == 16)
        #expect(spec.style(.title).size == 22)
        #expect(spec.style(.pageNumber).size == 14)
        #expect(spec.style(.table).size == 10.5)
    }

    @Test func letterSpacingPutsTwentyEightCharactersOnALine() {
        let ls = spec.gridLetterSpacing(for: 16)
        #expect(28 * (16 + ls) <= spec.blockWidth)
        #expect(29 * (16 + ls) > spec.blockWidth)
    }

    @Test func fullPageHoldsTwentyTwoLinesOfTwentyEightCharacters() {
        let text = String(repeating: "国", count: 28 * 30)
        let document = engine.layout([paragraph(text)], info: info)
        let first = document.pages[0].lines.filter { $0.role == .paragraph }
        #expect(first.count == 22)
        // Baselines one grid pitch apart, the em box centred in each of the 22 slots.
        for (a, b) in zip(first, first.dropFirst()) { #expect(abs(b.origin.y - a.origin.y - spec.linePitch) < 1e-9) }
        let topOfFirst = first[0].origin.y - 0.88 * 16
        #expect(abs(topOfFirst - (spec.blockTop + (spec.linePitch - 16) / 2)) < 1e-9)
        let bottomOfLast = first.last!.origin.y + 0.12 * 16
        #expect(bottomOfLast <= spec.blockBottom)
        // Full lines: 28 characters, flush with both edges of the block; the first is indented two.
        #expect(first[0].line.characterCount == 26)
        #expect(first[1].line.characterCount == 28)
        for line in first { #expect(abs(line.maxX - spec.blockRight) < 0.01) }
        #expect(abs(first[1].minX - spec.blockLeft) < 1e-9)
    }

    @Test func pageNumbersSitUnderTheBlockOddRightEvenLeft() {
        let document = engine.layout([paragraph(String(repeating: "国", count: 28 * 50))], info: info)
        #expect(document.pages.count == 3)
        for page in document.pages {
            let number = page.lines.first { $0.role == .pageNumber }!
            #expect(number.line.text == "— \(page.number) —")
            let dashCentre = number.origin.y - 0.38 * 14
            #expect(abs(dashCentre - (spec.blockBottom + 7 * mm)) < 0.01)
            if page.number % 2 == 1 {
                #expect(abs(number.maxX - (spec.blockRight - 14)) < 0.01)
            } else {
                #expect(abs(number.minX - (spec.blockLeft + 14)) < 0.01)
            }
        }
    }

    @Test func noSingleWidowOrOrphanLine() {
        // 21 lines of filler, then a 3-line paragraph: it cannot leave one line on either page, so
        // it starts page 2; the filler takes one more line so that page 1 does not end a line short.
        let filler = paragraph(String(repeating: "国", count: 28 * 21 - 2))
        let document = engine.layout([filler, paragraph(String(repeating: "字", count: 28 * 3 - 2))], info: info)
        let counts = document.pages.map { $0.lines.filter { $0.role == .paragraph }.count }
        #expect(counts == [22, 3])
    }

    @Test func headingKeepsWithItsText() {
        let filler = paragraph(String(repeating: "国", count: 28 * 21 - 2))
        let document = engine.layout([filler, heading("一、标题"), paragraph(String(repeating: "字", count: 60))], info: info)
        #expect(document.pages.count == 2)
        #expect(document.pages[1].lines.first?.role == .heading)
        #expect(document.outline.first?.page == 2)
    }

    @Test func pageThatWouldEndShortTakesBackALineInstead() {
        // 20 lines whose last holds 3 characters, then a heading that needs 3 lines with its text:
        // with 2 lines left, the paragraph sets enough commas at half width to end one line earlier.
        var characters = Array(String(repeating: "国", count: 26 + 28 * 18 + 3))
        for i in stride(from: 10, to: characters.count - 5, by: 20) { characters[i] = "，" }
        let filler = paragraph(String(characters))
        let blocks = [filler, heading("二、标题"), paragraph(String(repeating: "字", count: 40))]
        let document = engine.layout(blocks, info: info)
        #expect(document.pages.count == 1)
        let lines = document.pages[0].lines.filter { $0.role != .pageNumber }
        #expect(lines.count == 22)
        #expect(lines.firstIndex { $0.role == .heading } == 19)   // the filler now takes 19 lines, not 20
    }

    @Test func signatureSitsTwoCharactersInFromTheRight() {
        let document = engine.layout([paragraph("正文。"), .signature(agency: "智慧新城管理委员会", date: "2020年1月31日")], info: info)
        let lines = document.pages[0].lines.filter { $0.role == .signature }
        #expect(lines.count == 2)
        let char = spec.characterPitch
        #expect(abs(lines[0].maxX - (spec.blockRight - 2 * char)) < 0.01)
        #expect(abs(lines[1].minX - (lines[0].minX + 2 * char)) < 0.01)
        // One blank grid line between the text and the issuing body; the date on the next line.
        let body = document.pages[0].lines.first { $0.role == .paragraph }!
        #expect(abs(lines[0].origin.y - body.origin.y - 2 * spec.linePitch) < 1e-9)
        #expect(abs(lines[1].origin.y - lines[0].origin.y - spec.linePitch) < 1e-9)
    }

    @Test func longDateMovesTheNameRight() {
        let document = engine.layout([.signature(agency: "某局", date: "2020年12月31日")], info: info)
        let lines = document.pages[0].lines.filter { $0.role == .signature }
        #expect(abs(lines[1].maxX - (spec.blockRight - 2 * spec.characterPitch)) < 0.01)
        #expect(abs(lines[0].minX - (lines[1].minX - 2 * spec.characterPitch)) < 0.01)
    }

    /// A table of 1 header row and `rows` data rows in 3 columns, the first header cell spanning two.
    func table(rows: Int) -> TableModel {
        var cells = [TableCell(row: 0, column: 0, colspan: 2, text: "项目"), TableCell(row: 0, column: 2, text: "数量")]
        for r in 1...rows {
            cells += [TableCell(row: r, column: 0, text: "第\(r)行"), TableCell(row: r, column: 1, text: "说明"),
                      TableCell(row: r, column: 2, text: "\(r)")]
        }
        return TableModel(columnWeights: [1, 2, 1], rowCount: rows + 1, headerRowCount: 1, cells: cells)
    }

    @Test func longTableSplitsBetweenRowsAndRepeatsItsHeader() {
        let document = engine.layout([.table(title: "二、表", table: table(rows: 80))], info: info)
        #expect(document.pages.count > 1)
        for page in document.pages {
            let cells = page.lines.filter { $0.role == .tableCell }
            #expect(cells.first?.line.text == "项目")
            #expect(cells.allSatisfy { $0.origin.y < spec.blockBottom })
        }
        // Every data row appears exactly once.
        let numbers = document.pages.flatMap { $0.lines.filter { $0.role == .tableCell }.map(\.line.text) }.filter { Int($0) != nil }
        #expect(numbers == (1...80).map(String.init))
        // The repeated header is drawn but tagged only on the first page.
        let taggedHeaders = document.pages.map { $0.lines.filter { $0.line.text == "项目" && !$0.structure.isEmpty }.count }
        #expect(taggedHeaders == [1] + Array(repeating: 0, count: document.pages.count - 1))
    }

    /// 20 columns of five-digit numbers under a header row: too narrow upright even at 9 pt.
    func wideTable(rows: Int) -> TableModel {
        var cells = (0..<20).map { TableCell(row: 0, column: $0, text: "第\($0 + 1)列") }
        for r in 1...rows { cells += (0..<20).map { TableCell(row: r, column: $0, text: "\(r * 1000 + 10000 + $0)", isData: true) } }
        return TableModel(columnWeights: Array(repeating: 1, count: 20), rowCount: rows + 1, headerRowCount: 1, cells: cells)
    }

    @Test func wideTableGoesOnALandscapePageWithItsTitle() {
        let document = engine.layout([paragraph("正文。"), .table(title: "二、宽表", table: wideTable(rows: 40)),
                                      paragraph("后文。")], info: info)
        let kinds = document.pages.map(\.isLandscape)
        #expect(kinds.first == false && kinds.last == false)
        let turned = document.pages.filter(\.isLandscape)
        #expect(turned.count >= 2)   // 40 rows do not fit one landscape page: the header repeats
        let landscape = spec.landscape
        #expect(abs(landscape.blockLeft - 35 * mm) < 1e-9 && abs(landscape.blockTop - 28 * mm) < 1e-9)
        #expect(turned[0].lines.contains { $0.role == .tableTitle && $0.line.text == "二、宽表" })
        for page in turned {
            #expect(abs(page.width - spec.pageHeight) < 1e-9 && abs(page.height - spec.pageWidth) < 1e-9)
            #expect(page.lines.filter { $0.role == .tableCell }.first?.line.text == "第1列")
            for rule in page.rules {
                #expect(rule.from.x >= landscape.blockLeft - 0.01 && max(rule.from.x, rule.to.x) <= landscape.blockRight + 0.01)
                #expect(max(rule.from.y, rule.to.y) <= landscape.blockBottom + 0.01)
            }
            // The page number keeps its upright place: turned a quarter, 7 mm outside the block's
            // long edge, at the lower left on odd pages and the upper left on even ones.
            let number = page.lines.first { $0.role == .pageNumber }!
            #expect(number.quarterTurns == 1)
            #expect(abs(number.origin.x - (spec.pageHeight - spec.blockBottom - 7 * mm - 0.38 * 14)) < 0.01)
            if page.number % 2 == 1 {
                #expect(abs(number.origin.y + number.line.width - (spec.blockRight - 14)) < 0.01)
            } else {
                #expect(abs(number.origin.y - (spec.blockLeft + 14)) < 0.01)
            }
        }
        #expect(document.outline.contains { $0.title == "二、宽表" && $0.page == turned[0].number })
    }

    @Test func emptyDataCellsAreBlankOrZeroAsTheLayoutSays() throws {
        let templates = try TemplateDecoder.decode(file: "\(repositoryRoot)/layouts/templates/gov-2019.yaml")
        let model = try TableResolver.resolve(templates.tables["reviews-litigation"]!,
                                              with: TableBlock(id: "reviews-litigation", values: ["cases": ["review.total": CellValue("2")]]))
        func numbers(_ spec: LayoutSpec) -> [String] {
            LayoutEngine(spec: spec, shaper: FixedAdvanceShaper()).layout([.table(title: nil, table: model)], info: info)
                .pages[0].lines.filter { $0.role == .tableCell }.map(\.line.text).filter { Int($0) != nil }
        }
        #expect(numbers(spec) == ["2"])
        var zero = spec
        zero.spacing.zeroInEmptyCells = true
        #expect(numbers(zero) == ["0", "0", "0", "0", "2"] + Array(repeating: "0", count: 10))
    }

    @Test func spanningCellHasNoRuleInside() {
        let document = engine.layout([.table(title: "二、表", table: table(rows: 2))], info: info)
        let rules = document.pages[0].rules
        let columnX = spec.blockLeft + spec.blockWidth / 4   // between columns 0 and 1
        let header = document.pages[0].lines.first { $0.line.text == "项目" }!
        let verticalAtSpan = rules.filter { abs($0.from.x - columnX) < 0.01 && $0.from.x == $0.to.x }
        #expect(!verticalAtSpan.isEmpty)
        // The rule between columns 0 and 1 starts below the header row, which the span covers.
        #expect(verticalAtSpan.allSatisfy { min($0.from.y, $0.to.y) > header.origin.y })
    }
}
