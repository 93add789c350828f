import Testing
@testable import NianbaoLayout

@Suite struct GridLineBreakerTests {
    let shaper = FixedAdvanceShaper()
    /// A 10-cell line of 10-point characters on 10-point cells, no indent.
    let breaker = GridLineBreaker(measure: 100, cell: 10, size: 10, indent: 0)

    func text(_ string: String) -> BreakableText {
        shaper.shapeForBreaking([StyledRun(string, TextStyle(families: ["x"], size: 10))])
    }

    @Test func fullLinesTakeExactlyTheirCells() {
        let lines = breaker.lines(text(String(repeating: "国", count: 25)))
        #expect(lines.map(\.characterCount) == [10, 10, 5])
        #expect(lines[0].width == 100)
        #expect(lines[0].runs[0].glyphs.map(\.x) == stride(from: 0.0, to: 100, by: 10).map { $0 })
    }

    @Test func aCharacterIsPushedDownBeforeAnyMarkIsSqueezed() {
        // Eleven cells of text whose 11th is a comma: the comma cannot start a line. Squeezing the
        // first comma would take it in; moving 国 down and spreading one cell over eight gaps
        // (an eighth of an em each) is preferred (clreq: squeezing is the last resort).
        let lines = breaker.lines(text("国国，国国国国国国国，国国"))
        #expect(lines[0].text == "国国，国国国国国国")
        #expect(abs(lines[0].width - 100) < 1e-9)
        let glyphs = lines[0].runs[0].glyphs
        #expect(abs((glyphs[1].x - glyphs[0].x) - 11.25) < 1e-9)
        #expect(lines[1].text == "国，国国")
    }

    @Test func aMarkIsSqueezedOnlyWhenMovingDownWouldLetterSpaceTheLine() {
        // Moving 国 down would leave one cell for three gaps (a third of an em each, more than the
        // quarter allowed): the first comma is squeezed instead, and the line-end comma ends flush.
        let lines = breaker.lines(text("国，123456789012国国，国"))
        #expect(lines[0].text == "国，123456789012国国，")
        let glyphs = lines[0].runs[0].glyphs
        #expect(abs((glyphs[2].x - glyphs[1].x) - 5) < 1e-9)   // the first comma at half width
        #expect(abs(lines[0].width - 100) < 1e-9)
    }

    @Test func aLineEndingInAClosingMarkEndsFlushAtTheMeasure() {
        // 国×9 and a comma: the comma loses its blank half and the line is stretched to the
        // measure, so its ink ends at the right edge.
        let lines = breaker.lines(text("国国国国国国国国国，国国国"))
        #expect(lines[0].text == "国国国国国国国国国，")
        let glyphs = lines[0].runs[0].glyphs
        #expect(abs(glyphs[9].x + 5 - 100) < 1e-9)
    }

    /// clreq 3.1.6: two marks side by side take 1.5 em, quotation marks included.
    @Test(arguments: ["”“", "”，", "”、", "）“", "。”", "》（", "，“", "（“", "：“"])
    func twoMarksSideBySideTakeOneAndAHalfEm(_ pair: String) {
        let line = breaker.lines(text("文\(pair)文"))[0]
        let glyphs = line.runs[0].glyphs
        #expect(abs((glyphs[3].x - glyphs[1].x) - 15) < 1e-9, "\(pair): \(glyphs.map(\.x))")
    }

    /// A number keeps its unit, a document number and a short quoted term stay whole, when the
    /// line can be filled otherwise.
    @Test(arguments: ["2022年", "12月31日", "995件", "103.3879万元", "〔2019〕6号", "“一事一审”", "0570-3088888"])
    func whatBelongsTogetherStaysOnOneLine(_ together: String) {
        // On a 28-cell line, placed so that it would straddle the line's end.
        let full = GridLineBreaker(measure: 280, cell: 10, size: 10, indent: 0)
        let lines = full.lines(text(String(repeating: "国", count: 26) + together + String(repeating: "国", count: 30)))
        #expect(lines.contains { $0.text.contains(together) }, "\(lines.map(\.text))")
    }

    /// A URL breaks after / . ? & = - rather than letter-spacing the Chinese around it, and never
    /// inside its scheme: no gap between wide characters is stretched past a quarter em.
    @Test func aURLBreaksAfterASlashRatherThanLetterSpacingTheLine() {
        let wide = GridLineBreaker(measure: 280, cell: 10, size: 10, indent: 20)
        let lines = wide.lines(text("本报告全文可在本机关门户网站https://www.example.gov.cn/xxgk/2023/report.html查阅，欢迎监督。"))
        #expect(lines.count == 2)
        #expect(!lines[0].text.hasSuffix("https:") && !lines[0].text.hasSuffix("https:/"))
        #expect(["/", "."].contains(lines[0].text.last.map(String.init) ?? ""), "\(lines.map(\.text))")
        let glyphs = lines[0].runs[0].glyphs
        let clusters = lines[0].runs[0].clusters
        for i in 0..<(clusters.count - 1) where clusters[i].isWide && clusters[i + 1].isWide {
            #expect(glyphs[i + 1].x - glyphs[i].x <= 12.5 + 1e-9)
        }
    }

    @Test func withoutMarksToCompressTheCharacterIsPushedDown() {
        let lines = breaker.lines(text("国国国国国国国国国国，国"))
        #expect(lines[0].text == "国国国国国国国国国")
        #expect(lines[1].text == "国，国")
        // The short line is justified: it still ends at the measure.
        #expect(abs(lines[0].width - 100) < 1e-9)
    }

    @Test func adjacentMarksLoseTheirBlankHalf() {
        let line = breaker.lines(text("文》（文"))[0]
        let glyphs = line.runs[0].glyphs
        // 》 keeps only its inked left half: （ starts 5 points after it, not 10.
        #expect(abs((glyphs[2].x - glyphs[1].x) - 5) < 1e-9)
    }

    @Test func numbersAndLatinStayTightWhenJustified() {
        let lines = breaker.lines(text("截至2019年共302条国国国国国"))
        let glyphs = lines[0].runs[0].glyphs
        #expect(lines.count == 2)
        #expect(abs((glyphs[3].x - glyphs[2].x) - 5) < 1e-9)   // 2→0
        #expect(abs((glyphs[5].x - glyphs[4].x) - 5) < 1e-9)   // 1→9
    }

    @Test func aParagraphGivesBackALineWithAsFewHalfMarksAsNeeded() {
        // 21 cells: three lines, the last holding one character. Half-width marks take it back.
        let paragraph = text("国，国国国，国国国国国国，国国国国国国，国")
        #expect(breaker.lines(paragraph).count == 3)
        let tighter = breaker.linesTakingBackOne(paragraph)
        #expect(tighter?.count == 2)
        #expect(tighter?.map(\.text).joined() == "国，国国国，国国国国国国，国国国国国国，国")
        // A paragraph without marks cannot give a line back.
        #expect(breaker.linesTakingBackOne(text(String(repeating: "国", count: 21))) == nil)
    }
}
