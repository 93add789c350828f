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

    @Test func closingMarkIsTakenInByCompressingPunctuation() {
        // Eleven cells of text whose 11th is a comma: the comma cannot start a line, so the line
        // takes it in by setting the two commas at half width instead of pushing 国 down.
        let lines = breaker.lines(text("国国，国国国国国国国，国国"))
        #expect(lines[0].text == "国国，国国国国国国国，")
        #expect(abs(lines[0].width - 100) < 1e-9)
        #expect(lines[1].text == "国国")
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
