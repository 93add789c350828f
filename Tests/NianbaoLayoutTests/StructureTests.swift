import Foundation
import Testing
import NianbaoModel
@testable import NianbaoLayout

/// Which structure element each piece of laid-out text belongs to (what the PDF's tags are made of).
@Suite struct StructureTests {
    let spec: LayoutSpec
    let engine: LayoutEngine
    let info = DocumentInfo(title: "t", author: "a", subject: "s", keywords: "k", creator: "c", creationDate: "2020-01-31T00:00:00+08:00")

    init() throws {
        spec = try LayoutSpec.load(file: "\(repositoryRoot)/layouts/gbt9704.yaml")
        engine = LayoutEngine(spec: spec, shaper: FixedAdvanceShaper())
    }

    /// Each line's text cut into its structure runs, as "TYPE>TYPE:text".
    func tagged(_ pages: [Page]) -> [String] {
        pages.flatMap(\.lines).filter { !$0.structure.isEmpty }.flatMap { line -> [String] in
            var clusters = line.line.runs.flatMap(\.clusters)[...]
            return line.structure.map { run in
                let text = clusters.prefix(run.clusters).map(\.text).joined()
                clusters = clusters.dropFirst(run.clusters)
                return run.path.map(\.type).joined(separator: ">") + ":" + text
            }
        }
    }

    @Test func linksAndAddressesBecomeLinkElementsBetweenSpans() {
        let text = StructuredText.text("见http://www.qz.gov.cn/或www.gov.cn，信箱ab@qq.com。", in: StructureElement(.paragraph, block: 3))
        let line = ShapedLine(clusters: Array("见http://www.qz.gov.cn/或www.gov.cn，信箱ab@qq.com。").map {
            PositionedCluster(text: String($0), font: FontID(0), size: 16, glyphs: [Glyph(id: 1, x: 0, advance: 16)], advance: 16)
        }, x: 0)
        var copy = text
        let runs = copy.runs(for: line)
        #expect(runs.map(\.clusters) == [1, 21, 1, 10, 3, 9, 1])
        #expect(runs.map { $0.path.map(\.type) } == [["P", "Span"], ["P", "Link"], ["P", "Span"], ["P", "Link"], ["P", "Span"], ["P", "Link"], ["P", "Span"]])
        #expect(runs.compactMap { run -> String? in if case .link(let url) = run.path.last?.role { url } else { nil } }
                == ["http://www.qz.gov.cn/", "http://www.gov.cn", "mailto:ab@qq.com"])
    }

    @Test func whiteSpaceTheLineLeftOutIsSkipped() {
        var text = StructuredText([("甲 乙", [StructureElement(.paragraph, block: 0)]), ("丙", [StructureElement(.heading(level: 1), block: 1)])])
        let line = ShapedLine(clusters: ["甲", "乙", "丙"].map {
            PositionedCluster(text: $0, font: FontID(0), size: 16, glyphs: [Glyph(id: 1, x: 0, advance: 16)], advance: 16)
        }, x: 0)
        #expect(text.runs(for: line).map { "\($0.path[0].type)×\($0.clusters)" } == ["P×2", "H1×1"])
    }

    @Test func headingsCarryTheirNumberAsALabelAndRunInHeadingsEndWhereTheirParagraphStarts() {
        var heading = TextBlock(spans: [TextSpan("一、总体情况", .heading1)], role: .heading)
        heading.headingLevel = 1
        heading.labelLength = 2
        var runIn = TextBlock(spans: [TextSpan("1.加强领导。", .heading3), TextSpan("正文。", .body)], role: .paragraph)
        runIn.headingLevel = 3
        runIn.labelLength = 2
        let pages = engine.layout([.title(["标题"]), .paragraph(heading), .paragraph(runIn)], info: info).pages
        #expect(tagged(pages) == ["H1:标题", "H1>Lbl:一、", "H1>Span:总体情况", "H3>Lbl:1.", "H3>Span:加强领导。", "P:正文。"])
        #expect(pages.flatMap(\.lines).filter { $0.role == .pageNumber }.allSatisfy { $0.structure.isEmpty })
    }

    @Test func tableCellsAreCellsOfTheirRowsHeaderRowsTH() {
        let model = TableModel(columnWeights: [1, 1], rowCount: 2, headerRowCount: 1, cells: [
            TableCell(row: 0, column: 0, text: "项目"), TableCell(row: 0, column: 1, text: "数量"),
            TableCell(row: 1, column: 0, text: "规章"), TableCell(row: 1, column: 1, text: "3", isData: true),
        ])
        let pages = engine.layout([.table(title: "表一", table: model)], info: info).pages
        #expect(tagged(pages) == ["H1:表一", "Table>TR>TH:项目", "Table>TR>TH:数量", "Table>TR>TD:规章", "Table>TR>TD:3"])
        let rows = pages.flatMap(\.lines).compactMap { $0.structure.first?.path.dropFirst().first?.part }
        #expect(rows == [0, 0, 1, 1])
    }

    /// An empty cell is still a TD of its row, with nothing drawn, so that the columns line up.
    @Test func anEmptyCellKeepsItsPlace() {
        let model = TableModel(columnWeights: [1, 1], rowCount: 1, headerRowCount: 0, cells: [
            TableCell(row: 0, column: 0, text: "规章"), TableCell(row: 0, column: 1, text: ""),
        ])
        var withoutZeros = spec
        withoutZeros.spacing.zeroInEmptyCells = false
        let pages = LayoutEngine(spec: withoutZeros, shaper: FixedAdvanceShaper()).layout([.table(title: nil, table: model)], info: info).pages
        let empty = pages.flatMap(\.items).compactMap { item -> [String]? in
            if case .emptyElement(let path) = item { return path.map { "\($0.type)\($0.part)" } } else { return nil }
        }
        #expect(empty == [["Table0", "TR0", "TD1"]])
    }
}

extension StructureElement {
    var type: String { role.standardType }
}
